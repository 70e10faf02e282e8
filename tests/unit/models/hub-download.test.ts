// `npm run models`' download code against a local hub serving the test model: a clean download
// equals the source, an interrupted transfer resumes with a Range request, a corrupt file is caught
// and removed, and an unreachable hub says so.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_MODEL_NAME, writeTestModel } from '../../../scripts/make-test-model.ts';
import { downloadModel } from '../../../scripts/lib/hub-download.ts';
import { describeModel } from '../../../scripts/lib/bundle-model.ts';
import { startHub, type HubServer } from '../../fixtures/hub/server.ts';

const REPO = 'carryover/test-clip';
const root = mkdtempSync(join(tmpdir(), 'carryover-hub-test-'));
const source = join(mkdtempSync(join(root, 'src-')), TEST_MODEL_NAME);
let hub: HubServer;
beforeAll(async () => {
  writeTestModel(source);
  hub = await startHub(REPO, source);
});
afterAll(async () => {
  await hub?.close();
  rmSync(root, { recursive: true, force: true });
});

const out = () => join(mkdtempSync(join(root, 'out-')), TEST_MODEL_NAME);
const opts = (dir: string) => ({ host: hub.url, repo: REPO, revision: 'main', dtypes: ['q8' as const], out: dir });

describe('model download (npm run models)', () => {
  it('fetches the files a dtype needs, with progress, identical to the source', async () => {
    const dir = out();
    const seen: number[] = [];
    const plan = await downloadModel({ ...opts(dir), onProgress: (p) => seen.push(p.allDone / p.allTotal) });
    expect(plan.map((f) => f.path)).toEqual(['config.json', 'preprocessor_config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/vision_model_quantized.onnx', 'onnx/text_model_quantized.onnx']);
    for (const f of plan) expect(readFileSync(join(dir, f.path)).equals(readFileSync(join(source, f.path)))).toBe(true);
    expect(seen.at(-1)).toBe(1);
    expect(describeModel(dir).dtypes).toEqual(['q8']);
    // Run again: everything is there and verified, nothing is fetched.
    const before = hub.requests.length;
    await downloadModel(opts(dir));
    expect(hub.requests.slice(before).filter((r) => r.includes('/resolve/'))).toEqual([]);
  });

  it('resumes an interrupted transfer where it broke off', async () => {
    const dir = out();
    hub.interrupt.add('onnx/vision_model_quantized.onnx');
    await expect(downloadModel(opts(dir))).rejects.toThrow(/vision_model_quantized\.onnx: the transfer broke off after \d+ of \d+ bytes.*run the same command again/i);
    const part = join(dir, 'onnx/vision_model_quantized.onnx.part');
    expect(statSync(part).size).toBeGreaterThan(0);
    await downloadModel(opts(dir));
    expect(hub.requests.some((r) => /vision_model_quantized\.onnx bytes=\d+-$/.test(r))).toBe(true);
    expect(readFileSync(join(dir, 'onnx/vision_model_quantized.onnx')).equals(readFileSync(join(source, 'onnx/vision_model_quantized.onnx')))).toBe(true);
  });

  it('rejects a corrupt file by its SHA-256 and leaves no damaged copy', async () => {
    const dir = out();
    hub.corrupt.add('onnx/text_model_quantized.onnx');
    await expect(downloadModel(opts(dir))).rejects.toThrow(/text_model_quantized\.onnx is corrupt: its SHA-256 is [0-9a-f]{64}, the hub says [0-9a-f]{64}/);
    expect(existsSync(join(dir, 'onnx/text_model_quantized.onnx'))).toBe(false);
    expect(existsSync(join(dir, 'onnx/text_model_quantized.onnx.part'))).toBe(false);
    hub.corrupt.clear();
    await downloadModel(opts(dir));
    expect(existsSync(join(dir, 'onnx/text_model_quantized.onnx'))).toBe(true);
  });

  it('says plainly when the hub cannot be reached, or the repository lacks a dtype', async () => {
    await expect(downloadModel({ ...opts(out()), host: 'http://127.0.0.1:9' })).rejects.toThrow(/could not reach http:\/\/127\.0\.0\.1:9 .*Are you online\?/);
    await expect(downloadModel({ ...opts(out()), repo: 'nobody/nothing' })).rejects.toThrow(/was not found/);
  });
});
