import { describe, expect, it } from 'vitest';
import { SHORTLIST_SIZE, ThemeShortlister } from '../../src/themes/theme-shortlist.js';

const theme = (id: number, title: string, component: string | null = null, keywords: string[] = []) => ({ id, title, component, keywords: JSON.stringify(keywords) });

describe('ThemeShortlister', () => {
  it('puts the themes sharing the ticket\'s rarer words first and leaves out those sharing none', () => {
    const shortlister = new ThemeShortlister([
      theme(1, 'CSV export times out', 'csv export'),
      theme(2, 'Password reset email never arrives', 'password reset'),
      theme(3, 'Dashboard loads slowly', 'dashboard'),
      theme(4, 'Export button hidden', 'reports', ['export']),
    ]);
    const ids = shortlister.shortlist('Subject: export\n\n[1] customer:\nThe CSV export of our report times out every morning.').map((t) => t.id);
    expect(ids[0]).toBe(1);
    expect(ids).toContain(4);
    expect(ids).not.toContain(2);
  });

  it('offers at most SHORTLIST_SIZE themes, ties broken by the lower id', () => {
    const rows = Array.from({ length: 50 }, (_, i) => theme(100 - i, `Login problem ${String.fromCharCode(97 + (i % 26))}${i}`));
    const list = new ThemeShortlister(rows).shortlist('I cannot log in');
    expect(list).toHaveLength(SHORTLIST_SIZE);
    expect(list.map((t) => t.id)).toEqual([...list.map((t) => t.id)].sort((a, b) => a - b));
    expect(list[0]!.id).toBe(51);
  });

  it('offers nothing when there are no themes yet', () => {
    expect(new ThemeShortlister([]).shortlist('anything at all')).toEqual([]);
  });
});
