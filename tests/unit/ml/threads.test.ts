// Threads for ONNX Runtime's WebAssembly build: several only in a cross-origin-isolated document
// (Chrome's manifest asks for the isolation; Firefox has no such keys), with the reason said.
import { describe, expect, it } from 'vitest';
import { manifestFor } from '../../../scripts/lib/manifest.ts';
import { threadsFor } from '../../../src/ml/threads.ts';

describe('WebAssembly threads', () => {
  it('uses the cores when the document is cross-origin isolated, one thread with the reason otherwise', () => {
    expect(threadsFor(true, 2)).toEqual({ threads: 2, why: expect.stringMatching(/2 threads .*isolated/) });
    expect(threadsFor(true, 16).threads).toBe(4);
    expect(threadsFor(false, 8)).toEqual({ threads: 1, why: expect.stringMatching(/not cross-origin isolated.*SharedArrayBuffer/) });
  });

  it('the Chrome build asks for cross-origin isolation (credentialless), Firefox has no such keys', () => {
    expect(manifestFor('chrome')).toMatchObject({ cross_origin_embedder_policy: { value: 'credentialless' }, cross_origin_opener_policy: { value: 'same-origin' } });
    const firefox = manifestFor('firefox');
    expect(firefox.cross_origin_embedder_policy).toBeUndefined();
    expect(firefox.cross_origin_opener_policy).toBeUndefined();
  });
});
