// The model download shows one bar for all its files, with the time left at the rate so far (none
// until the rate is known; bytes kept from an earlier, broken download do not count as speed).
import { describe, expect, it, vi } from 'vitest';

vi.mock('webextension-polyfill', () => ({ default: {} }));
const { secondsLeft } = await import('../../../src/options/ModelDownload.tsx');

describe('download time left', () => {
  it('is the bytes left over the rate since the bytes started to come', () => {
    const began = { at: 0, done: 50e6 }; // 50 MB were already there
    expect(secondsLeft({ file: 'x', done: 60e6, total: 160e6 }, began, 10_000)).toBe(100); // 1 MB/s, 100 MB left
  });

  it('says nothing before a second of rate is known, or with no progress', () => {
    expect(secondsLeft({ file: 'x', done: 1e6, total: 9e6 }, undefined, 5000)).toBeUndefined();
    expect(secondsLeft({ file: 'x', done: 1e6, total: 9e6 }, { at: 0, done: 0 }, 500)).toBeUndefined();
    expect(secondsLeft({ file: 'x', done: 0, total: 9e6 }, { at: 0, done: 0 }, 5000)).toBeUndefined();
  });
});
