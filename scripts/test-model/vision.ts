// The test model's image tower, as an ONNX graph over CLIP-preprocessed pixels [B,3,224,224]:
//  colour  — each pixel's soft match to the fixture palette (RBF), averaged over the product's pixels;
//  shape   — the product's mask on an 8×8 grid, cosine-matched to each category's silhouette;
//  pattern — gradient energy inside the (eroded) product mask, and how much of it is horizontal stripes.
// These features are projected into the shared space (space.ts). Everything is fixed, nothing learned.
import { IMAGE_SIZE, inside, SHAPES } from '../../tests/fixtures/shops/images.ts';
import { RGB } from '../../tests/fixtures/shops/styles.ts';
import { FLOAT, GraphBuilder } from './onnx.ts';
import { CATEGORIES, CATEGORY_DIM, COLOUR_DIM, COLOURS, DIM, PATTERNED_DIM, PATTERN_DIM, WEIGHT } from './space.ts';

export const SIZE = 224;
export const MEAN = [0.48145466, 0.4578275, 0.40821073];
export const STD = [0.26862954, 0.26130258, 0.27577711];
const GRID = 8;
const CELL = SIZE / GRID;
/** Backdrops the fixture photos use: matched so that they count as "not product". */
const BACKDROPS: [number, number, number][] = [[236, 234, 230], [205, 210, 215]];
/** Softness of the colour match, in squared RGB distance (0..3). The palette's closest pair (white
 * and the pale backdrop) is 0.0046 apart; JPEG noise is about 0.001. */
const COLOUR_TAU = 0.0015;
const SHAPE_TAU = 0.01;
/** Gradient energy below this is compression noise (plain photos give about 0.008), above it pattern. */
const PATTERN_FLOOR = 0.012;
const PATTERN_GAIN = 25;
const EPS = 1e-6;

/** Each category's silhouette as fractions of the 8×8 grid cells it covers, in the 224 px frame. */
export function shapeTemplates(): number[][] {
  const scale = IMAGE_SIZE / SIZE; // fixture photos are square, so resize + centre-crop is a pure scale
  return CATEGORIES.map((c) => {
    const cells = new Array<number>(GRID * GRID).fill(0);
    for (let py = 0; py < SIZE; py++) {
      for (let px = 0; px < SIZE; px++) {
        const x = ((px + 0.5) * scale) / IMAGE_SIZE;
        const y = ((py + 0.5) * scale) / IMAGE_SIZE;
        if (SHAPES[c].some((poly) => inside(poly, x, y))) cells[Math.floor(py / CELL) * GRID + Math.floor(px / CELL)]! += 1 / (CELL * CELL);
      }
    }
    return cells;
  });
}

const unit = (v: number[]) => {
  const n = Math.hypot(...v) || 1;
  return v.map((x) => x / n);
};

export function visionModel(): Uint8Array {
  const g = new GraphBuilder();
  const pixels = g.input('pixel_values', FLOAT, ['batch_size', 3, SIZE, SIZE]);
  // Undo CLIP's normalisation: back to RGB in 0..1.
  const rgb = g.op('Add', [g.op('Mul', [pixels, g.const(STD, [1, 3, 1, 1])]), g.const(MEAN, [1, 3, 1, 1])]);

  // Colour: soft assignment of every pixel to the palette (8 colours, then the backdrops).
  const palette = [...COLOURS.map((c) => RGB[c]), ...BACKDROPS].map((c) => c.map((x) => x / 255));
  const K = palette.length;
  const sq = g.op('ReduceSum', [g.op('Mul', [rgb, rgb]), g.ints([1])], { keepdims: 1 });
  const cross = g.op('Conv', [rgb, g.const(palette.flatMap((c) => c.map((x) => -2 * x)), [K, 3, 1, 1]), g.const(palette.map((c) => c.reduce((a, x) => a + x * x, 0)), [K])]);
  const dist = g.op('Add', [cross, sq]);
  const assign = g.op('Softmax', [g.op('Mul', [dist, g.const([-1 / COLOUR_TAU], [1])])], { axis: 1 });
  const colours = g.op('Slice', [assign, g.ints([0]), g.ints([8]), g.ints([1])]);
  const fg = g.op('ReduceSum', [colours, g.ints([1])], { keepdims: 1 }); // [B,1,H,W]: how much a pixel is product
  const means = g.op('Reshape', [g.op('GlobalAveragePool', [colours]), g.ints([0, 8])]);
  const hist = g.op('Div', [means, g.op('Add', [g.op('ReduceSum', [means, g.ints([1])], { keepdims: 1 }), g.const([EPS], [1])])]);
  // Squaring lets the main colour win over a pattern's accent colour.
  const hist2 = g.op('Mul', [hist, hist]);
  const colourFeat = l2(g, hist2);

  // Shape: the mask on a coarse grid, cosine against the silhouettes, softened into category odds.
  const grid = g.op('Reshape', [g.op('AveragePool', [fg], { kernel_shape: [CELL, CELL], strides: [CELL, CELL] }), g.ints([0, GRID * GRID])]);
  const templates = shapeTemplates().map(unit);
  const tMatrix = new Array<number>(GRID * GRID * CATEGORIES.length);
  templates.forEach((t, c) => t.forEach((v, i) => (tMatrix[i * CATEGORIES.length + c] = v)));
  const cos = g.op('MatMul', [l2(g, grid), g.const(tMatrix, [GRID * GRID, CATEGORIES.length])]);
  const catFeat = g.op('Softmax', [g.op('Mul', [cos, g.const([1 / SHAPE_TAU], [1])])], { axis: 1 });

  // Pattern: per-channel absolute differences to the right and below, inside the eroded mask (so
  // that the silhouette's own outline does not count).
  const eroded = g.op('Sub', [g.const([1], [1]), g.op('MaxPool', [g.op('Sub', [g.const([1], [1]), fg])], { kernel_shape: [7, 7], strides: [1, 1], pads: [3, 3, 3, 3] })]);
  const diff = (kernel: number[], shape: number[], pads: number[]) =>
    g.op('ReduceSum', [g.op('Abs', [g.op('Conv', [rgb, g.const([...kernel, ...kernel, ...kernel], [3, 1, ...shape])], { group: 3, pads })]), g.ints([1])], { keepdims: 1 });
  const dx = diff([-1, 1], [1, 2], [0, 0, 0, 1]);
  const dy = diff([-1, 1], [2, 1], [0, 0, 1, 0]);
  const area = g.op('Add', [g.op('ReduceSum', [eroded, g.ints([2, 3])], { keepdims: 0 }), g.const([EPS], [1])]); // [B,1]
  const energy = (d: string) => g.op('Div', [g.op('ReduceSum', [g.op('Mul', [d, eroded]), g.ints([2, 3])], { keepdims: 0 }), area]);
  const ex = energy(dx);
  const ey = energy(dy);
  const total = g.op('Add', [ex, ey]);
  const patterned = g.op('Tanh', [g.op('Mul', [g.op('Relu', [g.op('Sub', [total, g.const([PATTERN_FLOOR], [1])])]), g.const([PATTERN_GAIN], [1])])]);
  const stripes = g.op('Mul', [patterned, g.op('Div', [g.op('Relu', [g.op('Sub', [g.op('Sub', [ey, ex]), g.op('Mul', [total, g.const([0.2], [1])])])]), g.op('Add', [total, g.const([EPS], [1])])])]);

  // Into the shared space.
  const features = g.op('Concat', [colourFeat, catFeat, patterned, stripes], { axis: 1 }); // [B, 18]
  const proj = new Array<number>(18 * DIM).fill(0);
  COLOURS.forEach((_, i) => (proj[i * DIM + COLOUR_DIM(i)] = WEIGHT.colour));
  CATEGORIES.forEach((_, i) => (proj[(8 + i) * DIM + CATEGORY_DIM(i)] = WEIGHT.category));
  proj[16 * DIM + PATTERNED_DIM] = WEIGHT.pattern;
  proj[17 * DIM + PATTERN_DIM(1)] = WEIGHT.pattern; // striped
  const embeds = g.op('MatMul', [features, g.const(proj, [18, DIM])]);
  g.output('image_embeds', embeds, FLOAT, ['batch_size', DIM]);
  return g.encode('carryover-test-vision', 'Carryover test model, image tower: colour, silhouette and pattern features in a hand-laid space. Not CLIP.');
}

function l2(g: GraphBuilder, x: string): string {
  const norm = g.op('Sqrt', [g.op('ReduceSum', [g.op('Mul', [x, x]), g.ints([1])], { keepdims: 1 })]);
  return g.op('Div', [x, g.op('Add', [norm, g.const([EPS], [1])])]);
}
