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

describe('nearestNeighbours', () => {
  it('finds exactly the k most similar others above the floor, ties to the lower index', () => {
    const vectors = randomVectors(300, 5);
    const found = nearestNeighbours(vectors, 7, 0.2);
    vectors.forEach((v, i) => {
      const brute = vectors
        .map((w, j) => {
          const wt = new Map(w.terms.map((t, x) => [t, w.weights[x]!]));
          return [j, v.terms.reduce((s, t, x) => s + v.weights[x]! * (wt.get(t) ?? 0), 0)] as const;
        })
        .filter(([j, s]) => j !== i && s >= 0.2)
        .sort((a, b) => b[1] - a[1] || a[0] - b[0])
        .slice(0, 7);
      const at = i * found.k;
      expect([...found.index.subarray(at, at + found.count[i]!)]).toEqual(brute.map(([j]) => j));
      brute.forEach(([, s], x) => expect(found.similarity[at + x]).toBeCloseTo(s, 12));
    });
  });
});
