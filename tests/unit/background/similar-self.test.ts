// Find similar does not list the photo asked about as its own "100% alike" result, whatever
// resizing parameters the shop put on its address.
import { describe, expect, it, vi } from 'vitest';

vi.mock('webextension-polyfill', () => ({ default: {} }));
const { isTheAskedPhoto } = await import('../../../src/background/similar.ts');

describe('isTheAskedPhoto', () => {
  it('is the same photo at another size, and not another photo', () => {
    expect(isTheAskedPhoto('https://img.shop.example/p/red.jpg?w=800', 'https://img.shop.example/p/red.jpg?w=200#x')).toBe(true);
    expect(isTheAskedPhoto('https://img.shop.example/p/red.jpg', 'https://img.shop.example/p/blue.jpg')).toBe(false);
    expect(isTheAskedPhoto('https://cdn.other.example/p/red.jpg', 'https://img.shop.example/p/red.jpg')).toBe(false);
    expect(isTheAskedPhoto(undefined, 'https://img.shop.example/p/red.jpg')).toBe(false);
  });
});
