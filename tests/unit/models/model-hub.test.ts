// What a hub repository lacks is found before anything is fetched: the options page says it in the
// shopper's words (from the list), the command line in planDownload's.
import { describe, expect, it } from 'vitest';
import { missingFiles, planDownload } from '../../../src/shared/model-hub.ts';

const file = (path: string) => ({ type: 'file', path, size: 10 });
const base = ['config.json', 'preprocessor_config.json', 'tokenizer.json', 'tokenizer_config.json'].map(file);
const opts = { host: 'https://hub.example', repo: 'someone/clip', revision: 'main' };

describe('missingFiles', () => {
  it('names the weights a dtype needs that the repository does not have', () => {
    const tree = [...base, file('onnx/vision_model_quantized.onnx')];
    expect(missingFiles(tree, ['q8'])).toEqual(['onnx/text_model_quantized.onnx']);
    expect(() => planDownload(tree, { ...opts, dtypes: ['q8'] })).toThrow(/has no onnx\/text_model_quantized\.onnx/);
  });
  it('is empty for a complete repository, which planDownload plans', () => {
    const tree = [...base, file('onnx/vision_model_quantized.onnx'), file('onnx/text_model_quantized.onnx')];
    expect(missingFiles(tree, ['q8'])).toEqual([]);
    expect(planDownload(tree, { ...opts, dtypes: ['q8'] }).map((f) => f.path)).toContain('onnx/text_model_quantized.onnx');
  });
});
