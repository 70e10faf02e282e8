// Which backend the model runs on, decided once and said out loud: WebGPU when an adapter exists
// (fp16 when the adapter has shader-f16, else fp32), else WASM (q8).

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
  const wasm = (reason: string): BackendChoice => ({ backend: 'wasm', dtype: 'q8', reason });
  if (!gpu) return wasm('this browser has no WebGPU (navigator.gpu is missing)');
  let adapter;
  try {
    adapter = await gpu.requestAdapter();
  } catch (e) {
    return wasm(`asking for a WebGPU adapter failed: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!adapter) return wasm('WebGPU is present but offers no adapter (no usable GPU, or WebGPU is disabled)');
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
    adapter: info,
  };
}
