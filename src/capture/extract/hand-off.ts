// The page read off the shop's main thread. The content script takes a snapshot of the live page:
// its markup as it is now (what the shop's scripts rendered included) and the rendered size of each
// image, the only thing the extractor reads from layout. The background reads the snapshot with
// DOMParser in Carryover's own document (the offscreen document on Chrome, the event page on
// Firefox) with the same extractor. The shop's page pays for the serialisation only. Where the hand-off
// cannot happen (a page over MAX_PAGE_HTML, the background unreachable) the content script reads the
// live page itself, as before.
import { MAX_SNAPSHOT_IMAGES } from '../../shared/messages.ts';
import { extractPage, type PageExtraction } from './index.ts';

export interface PageSnapshot {
  html: string;
  /** Each <img>'s rendered width and height in CSS pixels (0 when not laid out), in document
   * order, for the first MAX_SNAPSHOT_IMAGES of them. */
  images: [number, number][];
  /** How many <img> the page has. */
  imageCount: number;
}

/** The doctype as written, so that the copy parses in the same mode (standards or quirks). */
function doctypeOf(doc: Document): string {
  const d = doc.doctype;
  if (!d) return '';
  const pub = d.publicId ? ` PUBLIC "${d.publicId}"` : '';
  const sys = d.systemId ? `${d.publicId ? '' : ' SYSTEM'} "${d.systemId}"` : '';
  return `<!DOCTYPE ${d.name}${pub}${sys}>`;
}

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/\u00a0/g, '&nbsp;');

/** The <head> without what the extractor never reads: styles and scripts other than JSON data
 * (JSON-LD among them). Shops put hundreds of kilobytes of both there. */
function headOf(head: Element): string {
  let out = '';
  for (let el = head.firstElementChild; el; el = el.nextElementSibling) {
    if (el.tagName === 'STYLE' || (el.tagName === 'SCRIPT' && !/json/i.test(el.getAttribute('type') ?? ''))) continue;
    out += el.outerHTML;
  }
  return out;
}

/** The page's markup as the extractor reads it: the whole document, its head without styles and scripts. */
function markupOf(doc: Document): string {
  const root = doc.documentElement;
  if (!root) return '';
  const { head, body } = doc;
  // A document of another shape (a frameset, a head or body elsewhere) goes whole.
  if (!head || !body || head.parentElement !== root || body.parentElement !== root) return doctypeOf(doc) + root.outerHTML;
  let attrs = '';
  for (const a of root.attributes) attrs += ` ${a.name}="${escapeAttr(a.value)}"`;
  return `${doctypeOf(doc)}<html${attrs}><head>${headOf(head)}</head>${body.outerHTML}</html>`;
}

/** In the shop's page: the markup and the images' rendered sizes; nothing in the page changes. */
export function snapshotOf(doc: Document): PageSnapshot {
  const html = markupOf(doc);
  const images: [number, number][] = [];
  const imgs = doc.getElementsByTagName('img');
  for (let i = 0; i < imgs.length && i < MAX_SNAPSHOT_IMAGES; i++) {
    const el = imgs[i]!;
    const r = typeof el.getBoundingClientRect === 'function' ? el.getBoundingClientRect() : undefined;
    images.push(r && r.width > 0 && r.height > 0 ? [Math.round(r.width), Math.round(r.height)] : [0, 0]);
  }
  return { html, images, imageCount: imgs.length };
}

/** In Carryover's document: the snapshot parsed (by `parse`, DOMParser where there is one) and read
 * as the content script reads the live page. The images' rendered sizes stand in for layout, which a
 * parsed document has not; they are used only when the copy has the same images in the same order. */
export function extractSnapshot(snapshot: PageSnapshot, pageUrl: string, budgetMs: number, parse: (html: string) => Document = parseHtml): PageExtraction {
  const doc = parse(snapshot.html);
  const imgs = doc.getElementsByTagName('img');
  if (imgs.length === snapshot.imageCount) {
    for (let i = 0; i < snapshot.images.length; i++) {
      const [w, h] = snapshot.images[i]!;
      if (w > 0 && h > 0) {
        imgs[i]!.setAttribute('width', String(w));
        imgs[i]!.setAttribute('height', String(h));
      }
    }
  }
  return extractPage(doc, pageUrl, { budgetMs });
}

function parseHtml(html: string): Document {
  if (typeof DOMParser === 'undefined') throw new Error('no DOMParser in this context');  // not shown to the shopper
  return new DOMParser().parseFromString(html, 'text/html');
}
