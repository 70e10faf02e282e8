// Small readers shared by the dataset loaders: CSV with a header (quoted fields allowed), JSON lines.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export function readCsv(path: string): Record<string, string>[] {
  if (!existsSync(path)) throw new Error(`${path} is missing`);
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const text = readFileSync(path, 'utf8');
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      if (row.some((f) => f !== '')) rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  row.push(field);
  if (row.some((f) => f !== '')) rows.push(row);
  const [header, ...body] = rows;
  if (!header) throw new Error(`${path} is empty`);
  const cols = header.map((h) => h.trim());
  return body.map((r, n) => {
    if (r.length !== cols.length) throw new Error(`${path} line ${n + 2}: ${r.length} fields, the header has ${cols.length}`);
    return Object.fromEntries(cols.map((c, i) => [c, r[i]!.trim()]));
  });
}

export function readJsonLines(path: string): Record<string, unknown>[] {
  if (!existsSync(path)) throw new Error(`${path} is missing`);
  return readFileSync(path, 'utf8').split('\n').flatMap((line, n) => {
    if (!line.trim()) return [];
    try {
      return [JSON.parse(line) as Record<string, unknown>];
    } catch {
      throw new Error(`${path} line ${n + 1} is not JSON`);
    }
  });
}

/** images/<id>.{jpg,jpeg,png,webp} beside the data, if there. */
export function localImage(dir: string, id: string): string | undefined {
  return ['jpg', 'jpeg', 'png', 'webp'].map((e) => join(dir, 'images', `${id}.${e}`)).find(existsSync);
}

export interface ToEmbed { id: string; text: string; imagePath?: string }
export type Embedder = (items: ToEmbed[]) => Promise<Map<string, { vector: Float32Array; image?: Float32Array; text?: Float32Array }>>;
