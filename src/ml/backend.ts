// Which backend the model runs on, decided once and said out loud: WebGPU when an adapter exists
// (fp16 when the adapter has shader-f16, else fp32), else WASM (q8). `reason` is for the log and the
// benchmarks; `why` is the same for the shopper, as a message key the page reads in its language
// (Chrome's offscreen document, where this runs, has no i18n API of its own).
import type { Phrase } from '../shared/phrase.ts';

export type { Phrase };

export interface AdapterInfo {
  vendor: string;
  architecture: string;
  description: string;
  isFallbackAdapter: boolean;
  shaderF16: boolean;
}

export interface BackendChoice {
  backend: 'webgpu' | 'wasm';
  dtype: 'fp16' | 'fp32' | 'q8';
  reason: string;
  why: Phrase;
  adapter?: AdapterInfo;
}

interface GpuLike {
  requestAdapter(): Promise<{
    features: { has(name: string): boolean };
    info?: { vendor?: string; architecture?: string; description?: string; isFallbackAdapter?: boolean };
    isFallbackAdapter?: boolean;
  } | null>;
}

export async function chooseBackend(gpu: GpuLike | undefined = (globalThis.navigator as { gpu?: GpuLike } | undefined)?.gpu): Promise<BackendChoice> {
  const wasm = (reason: string, why: Phrase): BackendChoice => ({ backend: 'wasm', dtype: 'q8', reason, why });
  if (!gpu) return wasm('this browser has no WebGPU (navigator.gpu is missing)', { key: 'whyNoWebgpu' }); // not shown to the shopper
  let adapter;
  try {
    adapter = await gpu.requestAdapter();
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return wasm(`asking for a WebGPU adapter failed: ${message}`, { key: 'whyAdapterFailed', subs: [message] }); // not shown to the shopper
  }
  if (!adapter) return wasm('WebGPU is present but offers no adapter (no usable GPU, or WebGPU is disabled)', { key: 'whyNoAdapter' }); // not shown to the shopper
  const shaderF16 = adapter.features.has('shader-f16');
  const info: AdapterInfo = {
    vendor: adapter.info?.vendor ?? '',
    architecture: adapter.info?.architecture ?? '',
    description: adapter.info?.description ?? '',
    isFallbackAdapter: adapter.info?.isFallbackAdapter ?? adapter.isFallbackAdapter ?? false,
    shaderF16,
  };
  const name = [info.vendor, info.architecture].filter(Boolean).join(' ') || 'unnamed adapter';
  return {
    backend: 'webgpu',
    dtype: shaderF16 ? 'fp16' : 'fp32',
    reason: `WebGPU adapter "${name}"${info.isFallbackAdapter ? ' (software fallback)' : ''}; ${shaderF16 ? 'shader-f16 available, so fp16' : 'no shader-f16, so fp32'}`,
    why: { key: shaderF16 ? 'whyWebgpuF16' : 'whyWebgpuF32', subs: [name] },
    adapter: info,
  };
}
