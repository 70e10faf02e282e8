// The history's orders: newest (the default), oldest, most interactions, title, shop; ties newest first.
import { describe, expect, it } from 'vitest';
import { sortHistory } from '../../../src/options/history-sort.ts';

const rows = [
  { id: 'a', title: 'Striped shirt 10', site: 'north-threads.localhost', lastSeen: 3, events: { view: 1 } },
  { id: 'b', title: 'striped shirt 9', site: 'maple-and-pine.localhost', lastSeen: 1, events: { view: 2, cart: 1 } },
  { id: 'c', title: 'Äpfel skirt', site: 'north-threads.localhost', lastSeen: 2, events: {} },
];
const ids = (r: { id: string }[]) => r.map((x) => x.id).join('');

describe('sortHistory', () => {
  it('lists in each order the history offers', () => {
    expect(ids(sortHistory(rows, 'newest'))).toBe('acb');
    expect(ids(sortHistory(rows, 'oldest'))).toBe('bca');
    expect(ids(sortHistory(rows, 'most'))).toBe('bac');
    // Case and accents do not split the alphabet; 9 before 10.
    expect(ids(sortHistory(rows, 'title', 'en'))).toBe('cba');
    expect(ids(sortHistory(rows, 'shop', 'en'))).toBe('bac');
    // By the name the list shows the shop by, not its host.
    const names = new Map([['maple-and-pine.localhost', 'Zed & Co'], ['north-threads.localhost', 'North Threads']]);
    expect(ids(sortHistory(rows, 'shop', 'en', (s) => names.get(s) ?? s))).toBe('acb');
  });
  it('leaves the rows it was given as they were', () => {
    const before = ids(rows);
    sortHistory(rows, 'title');
    expect(ids(rows)).toBe(before);
  });
});
