// The shapes of CLIP ViT-B/32 (openai/clip-vit-base-patch32's config.json), and tiny ones for tests.
// The twin has exactly these graphs; only its weight values are made up.

export interface TowerShape { layers: number; width: number; heads: number; mlp: number }
export interface VisionShape extends TowerShape { imageSize: number; patch: number }
export interface TextShape extends TowerShape { vocab: number; context: number }
export interface TwinShape { vision: VisionShape; text: TextShape; projection: number }

export const VIT_B32: TwinShape = {
  vision: { layers: 12, width: 768, heads: 12, mlp: 3072, imageSize: 224, patch: 32 },
  text: { layers: 12, width: 512, heads: 8, mlp: 2048, vocab: 49408, context: 77 },
  projection: 512,
};

/** A few kilobytes of the same graph, for unit tests of its wiring. */
export function tinyShape(layers = 1, projection = 16): TwinShape {
  return {
    vision: { layers, width: 32, heads: 2, mlp: 64, imageSize: 224, patch: 32 },
    text: { layers, width: 32, heads: 2, mlp: 64, vocab: 600, context: 77 },
    projection,
  };
}
