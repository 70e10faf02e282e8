// CLIP's preprocessing (resize the short side, centre-crop, rescale, normalise) done by the browser's
// canvas in one drawImage per photo, instead of transformers.js's per-pixel JavaScript: same steps,
// a fraction of the time. Used when the model's preprocessor_config.json asks for exactly these
// steps; any other configuration goes through transformers.js's own processor.
import { PhraseError } from '../shared/phrase.ts';
import { RawImage, Tensor } from '@huggingface/transformers';

export interface ClipPrep {
  shortest: number;
  cropW: number;
  cropH: number;
  rescale: number;
  mean: [number, number, number];
  std: [number, number, number];
}

type Cfg = Record<string, unknown>;
const num = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) ? x : undefined);
const triple = (x: unknown): [number, number, number] | undefined =>
  Array.isArray(x) && x.length === 3 && x.every((v) => typeof v === 'number') ? (x as [number, number, number]) : undefined;

/** The steps this module reproduces, read from the processor's config; undefined if it asks for more. */
export function clipPrepOf(cfg: Cfg | undefined): ClipPrep | undefined {
  if (!cfg || cfg.do_resize === false || cfg.do_center_crop === false || cfg.do_pad || cfg.do_crop_margin || cfg.do_thumbnail) return undefined;
  const size = cfg.size as Cfg | number | undefined;
  const crop = cfg.crop_size as Cfg | number | undefined;
  const shortest = typeof size === 'number' ? size : num(size?.shortest_edge);
  const cropW = typeof crop === 'number' ? crop : num(crop?.width);
  const cropH = typeof crop === 'number' ? crop : num(crop?.height);
  const mean = triple(cfg.image_mean);
  const std = triple(cfg.image_std);
  if (!shortest || !cropW || !cropH || !mean || !std) return undefined;
  return { shortest, cropW, cropH, rescale: cfg.do_rescale === false ? 1 : num(cfg.rescale_factor) ?? 1 / 255, mean, std: cfg.do_normalize === false ? [1, 1, 1] : std };
}

let canvas: OffscreenCanvas | undefined;
function context(w: number, h: number): OffscreenCanvasRenderingContext2D {
  if (!canvas || canvas.width !== w || canvas.height !== h) canvas = new OffscreenCanvas(w, h);
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new PhraseError({ key: 'errNoCanvas' });
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
  return ctx;
}

/** The source rectangle that, scaled to the crop size, equals resize-short-side then centre-crop. */
export function cropRect(w: number, h: number, p: ClipPrep): { sx: number; sy: number; sw: number; sh: number } {
  const s = p.shortest / Math.min(w, h);
  const rw = Math.round(w * s);
  const rh = Math.round(h * s);
  const left = Math.floor((rw - p.cropW) / 2);
  const top = Math.floor((rh - p.cropH) / 2);
  return { sx: left / s, sy: top / s, sw: p.cropW / s, sh: p.cropH / s };
}

/** [B, 3, H, W] float32 pixel values, as CLIPImageProcessor would give. */
export function pixelsOfBitmaps(bitmaps: ImageBitmap[], p: ClipPrep): Tensor {
  const { cropW: W, cropH: H } = p;
  const plane = W * H;
  const out = new Float32Array(bitmaps.length * 3 * plane);
  const ctx = context(W, H);
  const a = p.mean.map((m, c) => m / p.std[c]!);
  const k = p.std.map((s) => p.rescale / s);
  bitmaps.forEach((bmp, b) => {
    const r = cropRect(bmp.width, bmp.height, p);
    ctx.fillStyle = '#fff'; // transparent pixels become white, as do_convert_rgb would make them
    ctx.fillRect(0, 0, W, H);
    ctx.drawImage(bmp, r.sx, r.sy, r.sw, r.sh, 0, 0, W, H);
    const px = ctx.getImageData(0, 0, W, H).data;
    const o = b * 3 * plane;
    for (let i = 0, j = 0; i < plane; i++, j += 4) {
      out[o + i] = px[j]! * k[0]! - a[0]!;
      out[o + plane + i] = px[j + 1]! * k[1]! - a[1]!;
      out[o + 2 * plane + i] = px[j + 2]! * k[2]! - a[2]!;
    }
  });
  return new Tensor('float32', out, [bitmaps.length, 3, H, W]);
}

/** For the general path: a bitmap as transformers.js's RawImage (RGBA). */
export function rawImageOf(bmp: ImageBitmap): RawImage {
  const ctx = context(bmp.width, bmp.height);
  ctx.clearRect(0, 0, bmp.width, bmp.height);
  ctx.drawImage(bmp, 0, 0);
  return new RawImage(ctx.getImageData(0, 0, bmp.width, bmp.height).data, bmp.width, bmp.height, 4);
}
