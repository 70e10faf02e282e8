// The holder in the shop's page: on a narrow window the sidebar starts as the small tab unless the
// shopper asked for it, and the open panel starts below the shop's header (its navigation and basket
// link stay reachable), not below a hero image or a header that has scrolled away.
import { describe, expect, it, vi } from 'vitest';

vi.mock('webextension-polyfill', () => ({ default: {} }));
const { headerBottom, mountState, NARROW_PX } = await import('../../../src/sidebar/holder.ts');

const doc = (...rects: { top: number; bottom: number }[]) =>
  ({ querySelectorAll: () => rects.map((r) => ({ getBoundingClientRect: () => ({ ...r, height: r.bottom - r.top }) })) }) as unknown as Document;

describe('sidebar holder', () => {
  it('starts as the tab on a narrow window, open on a wide one, and as asked whatever the width', () => {
    expect(mountState('open', false, 800)).toBe('collapsed');
    expect(mountState('open', false, 1280)).toBe('open');
    expect(mountState('open', true, 800)).toBe('open');
    expect(mountState('collapsed', false, 1280)).toBe('collapsed');
    expect(mountState('open', false, NARROW_PX)).toBe('open');
  });

  it("keeps the shop's header bar clear, but not a hero or a header scrolled out of view", () => {
    expect(headerBottom(doc({ top: 0, bottom: 64.4 }), 900)).toBe(64);
    expect(headerBottom(doc({ top: 0, bottom: 50 }, { top: 50, bottom: 90 }, { top: 0, bottom: 80 }), 900)).toBe(80);
    expect(headerBottom(doc({ top: 0, bottom: 600 }), 900)).toBe(0); // a hero
    expect(headerBottom(doc({ top: -64, bottom: 0 }), 900)).toBe(0); // scrolled away
    expect(headerBottom(doc({ top: 400, bottom: 460 }), 900)).toBe(0); // an article's header
    expect(headerBottom(doc(), 900)).toBe(0);
  });
});
