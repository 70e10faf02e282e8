// Microdata (itemscope/itemtype/itemprop) and RDFa Lite (typeof/property): the same shape of data in
// two attribute vocabularies, read by one walker.
import { overBudget } from './budget.ts';
import { absolute, imageSrc } from './url.ts';
import { normaliseCurrency, parsePrice, showsAmount, type PriceHints } from './price.ts';
import { availabilityOf, clean, countOf, gtinOf, ratingOf } from './text.ts';
import { LIMITS, type Candidate, type Source } from './types.ts';

interface Vocabulary {
  source: Source;
  /** Selector for items of a type; the type name is matched case-insensitively at the end. */
  scope: string;
  /** The attribute that makes an element an item (what `scope` selects), for checks element by element. */
  scopeAttr: string;
  typeAttr: string;
  propAttr: string;
}

const MICRODATA: Vocabulary = { source: 'microdata', scope: '[itemscope]', scopeAttr: 'itemscope', typeAttr: 'itemtype', propAttr: 'itemprop' };
const RDFA: Vocabulary = { source: 'rdfa', scope: '[typeof]', scopeAttr: 'typeof', typeAttr: 'typeof', propAttr: 'property' };

const typeName = (el: Element, voc: Vocabulary) =>
  (el.getAttribute(voc.typeAttr) ?? '').trim().split(/\s+/).map((t) => t.replace(/^.*[/#:]/, '').toLowerCase());

/** The value of one property element, by the rules of HTML microdata (which RDFa Lite mostly shares). */
function valueOf(el: Element, base: string): string | undefined {
  const content = el.getAttribute('content');
  if (content !== null) return clean(content, 1000);
  const tag = el.tagName.toLowerCase();
  if (tag === 'img' || tag === 'source') return imageSrc(el, base);
  if (tag === 'a' || tag === 'link' || tag === 'area') return absolute(el.getAttribute('href'), base) ?? clean(el.textContent);
  if (tag === 'meta') return undefined;
  if (tag === 'time') return clean(el.getAttribute('datetime') ?? el.textContent);
  if (tag === 'data' || tag === 'meter') return clean(el.getAttribute('value') ?? el.textContent);
  return clean(el.textContent, 1000);
}

const isItem = (el: Element, voc: Vocabulary) => el.hasAttribute(voc.scopeAttr);

/** The item a property belongs to: its nearest enclosing scope (an ancestor walk, not a selector per property). */
function ownerOf(el: Element, voc: Vocabulary): Element | undefined {
  for (let p = el.parentElement; p; p = p.parentElement) if (isItem(p, voc)) return p;
  return undefined;
}

/** Properties of `item` itself: itemprops whose nearest enclosing scope is `item`. */
function propsOf(item: Element, voc: Vocabulary): Map<string, Element[]> {
  const props = new Map<string, Element[]>();
  const els = item.querySelectorAll(`[${voc.propAttr}]`);
  for (let i = 0; i < els.length && i < LIMITS.nodesVisited; i++) {
    const el = els[i]!;
    if (ownerOf(el, voc) !== item) continue;
    for (const raw of (el.getAttribute(voc.propAttr) ?? '').trim().split(/\s+/)) {
      const name = raw.replace(/^.*[/#:]/, '').toLowerCase();
      if (!name) continue;
      const list = props.get(name) ?? [];
      list.push(el);
      props.set(name, list);
    }
  }
  return props;
}

function readItem(item: Element, voc: Vocabulary, base: string, hints: PriceHints): Candidate {
  const props = propsOf(item, voc);
  const one = (name: string) => {
    const el = props.get(name)?.[0];
    return el ? valueOf(el, base) : undefined;
  };
  const nested = (name: string) => props.get(name)?.find((el) => isItem(el, voc));
  const offerEls = (props.get('offers') ?? []).filter((el) => isItem(el, voc));
  let price: number | undefined;
  let currency: string | undefined;
  let listPrice: number | undefined;
  let availability: Candidate['availability'];
  // Several offers at different prices (a hidden feed offer and the one shown, "online only"): the
  // one whose own element shows its price to the shopper is the one on sale here, else the first.
  const priced = (offerEls.length ? offerEls : [item]).map((offerEl) => {
    const op = offerEl === item ? props : propsOf(offerEl, voc);
    const get = (n: string) => {
      const el = op.get(n)?.[0];
      return el ? valueOf(el, base) : undefined;
    };
    const cur = normaliseCurrency(get('pricecurrency')) ?? hints.currency;
    return { offerEl, op, get, cur, p: parsePrice(get('price') ?? get('lowprice'), { ...hints, currency: cur }) };
  }).filter((o) => o.p);
  const shown = priced.length > 1 && new Set(priced.map((o) => o.p!.amount)).size > 1
    ? priced.find((o) => o.offerEl !== item && showsAmount(o.offerEl.textContent ?? '', o.p!.amount, o.cur))
    : undefined;
  for (const { op, get, cur, p } of shown ? [shown] : priced) {
    if (p && price === undefined) {
      price = p.amount;
      currency = cur ?? p.currency;
      availability = availabilityOf(get('availability'));
      // An offer's price specification of type list price is the regular price.
      const specs = (op.get('pricespecification') ?? []).filter((el) => isItem(el, voc));
      for (const spec of specs) {
        const sp = propsOf(spec, voc);
        const type = sp.get('pricetype')?.[0];
        if (type && /list|strikethrough|msrp/i.test(valueOf(type, base) ?? '')) {
          const lp = sp.get('price')?.[0];
          listPrice = parsePrice(lp ? valueOf(lp, base) : undefined, { ...hints, currency: cur })?.amount;
        }
      }
    }
  }
  const brandEl = nested('brand');
  // A nested Brand names itself in an itemprop=name, often a <meta content> with no text.
  const brandName = brandEl ? propsOf(brandEl, voc).get('name')?.[0] : undefined;
  const brand = brandEl ? (brandName ? valueOf(brandName, base) : undefined) ?? clean(brandEl.getAttribute('content')) ?? clean(brandEl.textContent) : one('brand');
  const category = one('category');
  // aggregateRating as a nested item, or its properties on the product itself.
  const ratingEl = nested('aggregaterating');
  const rp = ratingEl ? propsOf(ratingEl, voc) : props;
  const rget = (n: string) => {
    const el = rp.get(n)?.[0];
    return el ? valueOf(el, base) : undefined;
  };
  const rating = ratingOf(rget('ratingvalue'), rget('bestrating'));
  const reviewCount = countOf(rget('reviewcount')) ?? countOf(rget('ratingcount'));
  return {
    rating,
    reviewCount,
    source: voc.source,
    title: one('name'),
    brand,
    price,
    currency,
    listPrice,
    availability,
    category: category ? category.split(/\s*[>/|›»]\s*/).filter(Boolean).slice(0, 10) : undefined,
    description: one('description'),
    imageUrl: (() => {
      const el = props.get('image')?.[0];
      if (!el) return undefined;
      if (isItem(el, voc)) {
        const u = propsOf(el, voc).get('url')?.[0] ?? propsOf(el, voc).get('contenturl')?.[0];
        return u ? valueOf(u, base) : undefined;
      }
      const v = valueOf(el, base);
      return v ? absolute(v, base) : undefined;
    })(),
    sku: one('sku'),
    gtin: gtinOf(one('gtin13') ?? one('gtin') ?? one('gtin12') ?? one('gtin14') ?? one('gtin8')),
    mpn: one('mpn'),
    url: (() => {
      const u = one('url');
      return u ? absolute(u, base) : undefined;
    })(),
  };
}

function extractWith(voc: Vocabulary, doc: Document, base: string, hints: PriceHints): Candidate[] {
  const items = [...doc.querySelectorAll(voc.scope)]
    .filter((el) => typeName(el, voc).some((t) => t === 'product' || t === 'productgroup' || t === 'individualproduct'))
    .slice(0, LIMITS.candidates);
  // Products nested in another product (accessories, "related") are not the page's products.
  // An ancestor walk per item against the set of items, not every pair compared.
  const isProduct = new Set(items);
  const top = items.filter((el) => {
    for (let p = el.parentElement; p; p = p.parentElement) if (isProduct.has(p)) return false;
    return true;
  });
  const out: Candidate[] = [];
  for (const el of top) {
    if (overBudget()) break;
    out.push(readItem(el, voc, base, hints));
  }
  return out;
}

export const extractMicrodata = (doc: Document, base: string, hints: PriceHints = {}) => extractWith(MICRODATA, doc, base, hints);
export const extractRdfa = (doc: Document, base: string, hints: PriceHints = {}) => extractWith(RDFA, doc, base, hints);
