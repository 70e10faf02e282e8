// The embedding rows of `npm run bench`, in Chromium through the extension's own code: model load
// (wall, and the process's PSS peak while loading), photos and titles through the whole pipeline and
// through the bare session.run, each in wall and in the extension process's CPU seconds (/proc), and
// the extension process's memory before load, loaded, after the batch and after an idle wait.
import { get } from 'node:http';
import { launchChromium } from '../../tests/e2e/harness/chromium.ts';
import { extensionProcesses, measured, pssMb, withPeakPss } from './proc.ts';
import { ML_IDLE_ALARM, ML_IDLE_MINUTES } from '../../src/background/ml-idle.ts';

export interface Step { wallS: number; cpuS: number; count: number; tokens?: number }
export interface EmbeddingBench {
  model: string;
  backend: string;
  /** WebGPU on SwiftShader: the model's work runs on the CPU in the GPU process, so the extension's
   * CPU figures leave it out and its speed is an emulation's. */
  emulated: boolean;
  reason: string;
  requestSize: number;
  subBatch: number;
  imageErrors: number;
  load: { dtype: string; wallS: number; inDocumentS: number; peakPssMb: number; steps: Record<string, number> }[];
  images: { pipeline: Step; raw: Step };
  titles: { tokens: number; pipeline: Step; raw: Step }[];
  memoryMb: { beforeLoad: number; loaded: number; afterBatch: number; afterIdle: number; idleS: number };
}

export interface EmbeddingOptions { backend: string; images: number; batch: number; tokenLengths: number[]; idleS: number; fp32: boolean; log: (s: string) => void; /** Titles per token length (128; a handful on SwiftShader). */ titles?: number }

interface Reply { wallMs: number; count: number; errors: number; tokens?: number; loadMs: number; loadSteps: Record<string, number>; subBatch: number; backend: { backend: string; dtype: string; reason: string }; modelId: string }

export async function benchEmbedding(dist: string, o: EmbeddingOptions): Promise<EmbeddingBench> {
  const h = await launchChromium({ build: 'test', dist, webgpu: o.backend !== 'wasm' });
  try {
    const options = await h.extensionPage('src/options/options.html'); // starts the offscreen document
    await options.waitFor('!!document.querySelector("[data-testid=backend-name]")', 60_000);
    if (!extensionProcesses().length) throw new Error('could not find the extension\'s renderer process (--extension-process) under this process');
    const products = Array.from({ length: o.images }, (_, i) => h.shops.catalog[i % h.shops.catalog.length]!);
    const imageUrls = products.map((p, i) => `${h.shops.imageUrl(p)}?n=${i}`); // distinct URLs: no cache hits
    // The fixture server draws each photo on its first request; that is the server's time, not ours.
    await Promise.all(products.map((p) => warm(h.shops.imageUrl(p))));
    const ask = (phase: string, extra: Record<string, unknown> = {}) => askBench(h, { override: o.backend, batch: o.batch, imageUrls: [], titles: [], phase, ...extra });
    const step = async (phase: string, extra: Record<string, unknown>): Promise<Step & { reply: Reply }> => {
      const r = await measured(() => ask(phase, extra));
      return { wallS: r.wallS, cpuS: r.cpuS, count: r.value.count, tokens: r.value.tokens, reply: r.value };
    };

    await new Promise((r) => setTimeout(r, 2000)); // let start-up settle before the first reading
    const beforeLoad = pssMb();
    const load: EmbeddingBench['load'] = [];
    const loaded = await withPeakPss(() => measured(() => ask('load')));
    const first = loaded.value.value;
    load.push({ dtype: first.backend.dtype, wallS: loaded.value.wallS, inDocumentS: first.loadMs / 1000, peakPssMb: loaded.peakMb, steps: first.loadSteps });
    o.log(`  load steps (ms from the start): ${JSON.stringify(first.loadSteps)}`);
    const loadedMb = pssMb();
    o.log(`  ${first.backend.backend}: ${first.backend.reason}`);
    o.log(`  loaded ${first.backend.dtype} in ${loaded.value.wallS.toFixed(1)} s; PSS ${beforeLoad.toFixed(0)} → ${loadedMb.toFixed(0)} MB`);

    // Warm-up (first runs allocate), then the measured steps.
    await ask('images', { imageUrls: imageUrls.slice(0, 8) });
    const pipeline = await step('images', { imageUrls });
    const raw = await step('images-raw', { imageUrls });
    o.log(`  photos: pipeline ${(1000 * pipeline.cpuS / pipeline.count).toFixed(0)} ms CPU each, bare ${(1000 * raw.cpuS / raw.count).toFixed(0)} ms CPU each`);
    const words = [...new Set(h.shops.catalog.flatMap((p) => p.title.toLowerCase().split(/[^a-z]+/)).filter((w) => w.length > 2))];
    const titles: EmbeddingBench['titles'] = [];
    for (const len of o.tokenLengths) {
      // len - 2 words plus the start and end tokens; the document reports the real count.
      const list = Array.from({ length: o.titles ?? 128 }, (_, i) => Array.from({ length: len - 2 }, (_, j) => words[(i * 7 + j * 13) % words.length]).join(' '));
      await ask('titles', { titles: list.slice(0, 64) });
      const p = await step('titles', { titles: list });
      const r = await step('titles-raw', { titles: list });
      titles.push({ tokens: r.tokens ?? len, pipeline: p, raw: r });
      o.log(`  titles at ${r.tokens} tokens: pipeline ${(p.count / p.cpuS).toFixed(1)} per CPU-s, bare ${(r.count / r.cpuS).toFixed(1)}`);
    }
    const afterBatch = pssMb();
    o.log(`  PSS after the batch ${afterBatch.toFixed(0)} MB; idle ${o.idleS} s…`);
    await new Promise((r) => setTimeout(r, o.idleS * 1000));
    const afterIdle = pssMb();

    if (o.fp32) {
      const f = await withPeakPss(() => measured(() => ask('load', { dtype: 'fp32' })));
      load.push({ dtype: 'fp32', wallS: f.value.wallS, inDocumentS: f.value.value.loadMs / 1000, peakPssMb: f.peakMb, steps: f.value.value.loadSteps });
      o.log(`  loaded fp32 in ${f.value.wallS.toFixed(1)} s; PSS peak ${f.peakMb.toFixed(0)} MB`);
    }
    await options.close();
    const emulated = /swiftshader/i.test(first.backend.reason);
    return {
      model: first.modelId,
      backend: `${first.backend.backend} (${first.backend.dtype})${emulated ? ' on SwiftShader, a CPU emulation of a GPU (its work runs in the GPU process, outside the CPU figures)' : ''}`,
      emulated,
      reason: first.backend.reason,
      requestSize: o.batch,
      subBatch: first.subBatch,
      imageErrors: pipeline.reply.errors,
      load,
      images: { pipeline: strip(pipeline), raw: strip(raw) },
      titles: titles.map((t) => ({ tokens: t.tokens, pipeline: strip(t.pipeline), raw: strip(t.raw) })),
      memoryMb: { beforeLoad, loaded: loadedMb, afterBatch, afterIdle, idleS: o.idleS },
    };
  } finally {
    await h.close();
  }
}

const strip = (s: Step & { reply?: unknown }): Step => ({ wallS: s.wallS, cpuS: s.cpuS, count: s.count, ...(s.tokens ? { tokens: s.tokens } : {}) });

async function askBench(h: Awaited<ReturnType<typeof launchChromium>>, args: Record<string, unknown>): Promise<Reply> {
  const sw = await h.sw();
  return sw.evaluate(async ({ a, idle }) => {
    const index = await (await fetch(chrome.runtime.getURL('models/index.json'))).json();
    // Asked past the background's ML host, so its idle alarm would close the ML document 3 minutes
    // after the options page's probe (a run on SwiftShader lasts longer): held off while asking,
    // armed again after, as the host does for its own requests.
    await chrome.alarms.clear(idle.name);
    try {
      const reply = await chrome.runtime.sendMessage({ type: 'ml/bench', target: 'ml', model: index.model, ...a });
      if (!reply?.ok) throw new Error(reply?.error ?? 'no answer from the model runtime');
      return reply.value;
    } finally {
      await chrome.alarms.create(idle.name, { delayInMinutes: idle.minutes });
    }
  }, { a: args, idle: { name: ML_IDLE_ALARM, minutes: ML_IDLE_MINUTES } });
}

function warm(url: string): Promise<void> {
  // Node does not resolve *.localhost as Chromium does: ask 127.0.0.1 with the Host header.
  const u = new URL(url);
  return new Promise((res, rej) => {
    get({ host: '127.0.0.1', port: u.port, path: u.pathname, headers: { host: u.host } }, (r) => r.resume().on('end', res)).on('error', rej);
  });
}
