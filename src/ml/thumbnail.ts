// The small copy of a product photo that the sidebar shows, made from the bitmap already decoded for
// embedding: the photo is fetched once, for the model, and never again to display a pick (the shop's
// image host would learn which of its products Carryover picked, and when).

/** 72 CSS pixels in the sidebar, twice that for dense screens. */
export const THUMB_PX = 144;
const QUALITY = 0.75;

/** The photo centre-cropped to a square of THUMB_PX, as a WebP (JPEG where WebP cannot be written) data URL. */
export async function thumbnailOf(bitmap: ImageBitmap): Promise<string> {
  const canvas = new OffscreenCanvas(THUMB_PX, THUMB_PX);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2d canvas for the thumbnail'); // not shown to the shopper
  const side = Math.min(bitmap.width, bitmap.height);
  const sx = (bitmap.width - side) / 2;
  const sy = (bitmap.height - side) / 2;
  ctx.drawImage(bitmap, sx, sy, side, side, 0, 0, THUMB_PX, THUMB_PX);
  let blob = await canvas.convertToBlob({ type: 'image/webp', quality: QUALITY });
  // A browser that cannot encode WebP gives PNG instead; JPEG is smaller than that.
  if (blob.type !== 'image/webp') blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: QUALITY });
  return `data:${blob.type};base64,${base64(new Uint8Array(await blob.arrayBuffer()))}`;
}

function base64(bytes: Uint8Array): string {
  let s = '';
  // In slices: String.fromCharCode takes its arguments on the stack.
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}
