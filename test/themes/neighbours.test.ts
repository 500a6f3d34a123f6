import { describe, expect, it } from 'vitest';
import { nearestNeighbours } from '../../src/themes/neighbours.js';
import { buildIdf, queryVector } from '../../src/themes/term-weights.js';

function randomVectors(n: number, seed: number) {
  let s = seed;
  const rand = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const vocabulary = Array.from({ length: 40 }, (_, i) => `w${i}`);
  const docs = Array.from({ length: n }, () => {
    const doc = new Map<string, number>();
    // A skewed vocabulary: a few words are common, most are rare, as in support text.
    for (let k = 0; k < 2 + Math.floor(rand() * 4); k++) doc.set(vocabulary[Math.floor(rand() * rand() * vocabulary.length)]!, 1);
    return doc;
  });
  const idf = buildIdf(docs);
  return docs.map((d) => queryVector(d, idf));
}

/** Every vector's neighbours found, against a brute-force scan of all pairs. */
function expectExact(vectors: ReturnType<typeof randomVectors>, k: number, floor: number) {
  const found = nearestNeighbours(vectors, k, floor);
  vectors.forEach((v, i) => {
    const brute = vectors
      .map((w, j) => {
        const wt = new Map(w.terms.map((t, x) => [t, w.weights[x]!]));
        return [j, v.terms.reduce((s, t, x) => s + v.weights[x]! * (wt.get(t) ?? 0), 0)] as const;
      })
      .filter(([j, s]) => j !== i && s >= floor)
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, k);
    const at = i * found.k;
    expect([...found.index.subarray(at, at + found.count[i]!)]).toEqual(brute.map(([j]) => j));
    brute.forEach(([, s], x) => expect(found.similarity[at + x]).toBeCloseTo(s, 12));
  });
}

describe('nearestNeighbours', () => {
  it('finds exactly the k most similar others above the floor, ties to the lower index', () => {
    expectExact(randomVectors(300, 5), 7, 0.2);
  });

  it('finds the same among many copies of a few texts, each copy\'s neighbours its lowest-numbered copies first', () => {
    // Copies are one row of the index answered for all of them (a text written thousands of times
    // made the scan quadratic); what each copy gets must not change.
    const texts = randomVectors(12, 9);
    let s = 3;
    const rand = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
    const vectors = Array.from({ length: 400 }, () => texts[Math.floor(rand() * rand() * texts.length)]!);
    expectExact(vectors, 7, 0.1);
    expectExact(vectors, 1, 0);
    expectExact(vectors.slice(0, 5), 10, 0);
    const copies = Array.from({ length: 30 }, () => texts[0]!);
    const found = nearestNeighbours(copies, 4, 0.1);
    expect([...found.index.subarray(0, 4)]).toEqual([1, 2, 3, 4]);
    expect([...found.index.subarray(3 * 4, 4 * 4)]).toEqual([0, 1, 2, 4]);
    expect([...found.index.subarray(29 * 4, 30 * 4)]).toEqual([0, 1, 2, 3]);
  });
});
