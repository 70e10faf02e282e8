// Labelled values as shops show them: "<th>SKU</th><td>X</td>", "<dt>Marke</dt><dd>X</dd>",
// "<b>Art.-Nr.:</b> X", "Product code: X", "〈商品編號：X〉". The label lists are in lexicon.ts; the
// value must then look like what the field holds (accept), and must not sit in the page's
// boilerplate or among other products.
import { hiddenByAttribute, inBoilerplate, inOtherProducts } from './dom.ts';
import type { LabelPatterns } from './lexicon.ts';
import { clean } from './text.ts';
import { eachShortText } from './textnodes.ts';

const COLON = /[:：]/;

function nextValue(el: Element, labelText: string): string | undefined {
  // "<th>SKU</th><td>1234</td>", "<span>SKU:</span><span>1234</span>"
  const sib = el.nextElementSibling;
  if (sib) return clean(sib.textContent, 120);
  // "<b>SKU:</b> 1234": the value is the rest of the parent's text.
  const parent = el.parentElement;
  if (parent && parent.children.length <= 3) {
    const all = clean(parent.textContent, 200) ?? '';
    const at = all.indexOf(labelText);
    const rest = at >= 0 ? all.slice(at + labelText.length).trim() : '';
    if (rest) return rest;
  }
  // "<dt><span>SKU</span></dt><dd>1234</dd>"
  const uncle = parent?.nextElementSibling;
  return uncle && parent!.children.length === 1 ? clean(uncle.textContent, 120) : undefined;
}

/** The first labelled value on the page that `accept` takes, within a visit budget. A label that
 * starts its text ("Manufacturer: X") beats one inside a sentence ("Is discontinued by manufacturer: No"). */
export function labelledValue(doc: Document, label: LabelPatterns, accept: (v: string) => boolean, budget = 20_000): string | undefined {
  return labelledValues(doc, label, accept, budget, 1)[0];
}

/** Up to `max` distinct labelled values, those whose label starts its text first, in page order. */
export function labelledValues(doc: Document, label: LabelPatterns, accept: (v: string) => boolean, budget = 20_000, max = 6): string[] {
  const leads: string[] = [];
  const inlines: string[] = [];
  eachShortText(doc, 160, budget, (t, el, folded) => {
    const lead = label.leading(t, folded);
    // The inline form needs its colon, which most runs do not have.
    const inline = lead !== undefined || !COLON.test(t) ? undefined : label.inline(t, folded);
    if (lead === undefined && inline === undefined) return false;
    let value = clean(lead ?? inline);
    if (!value && lead !== undefined) value = nextValue(el, t);
    if (!value || !accept(value)) return false;
    if (inBoilerplate(el) || inOtherProducts(el) || hiddenByAttribute(el)) return false;
    const list = lead !== undefined ? leads : inlines;
    if (!list.includes(value)) list.push(value);
    return leads.length >= max;
  });
  return [...leads, ...inlines].slice(0, max);
}

const alnum = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/** The product's code among several candidates: the one its own URL carries (shops put their id in
 * product URLs), else the first visible labelled one, else the markup's, else the buy form's. */
export function chooseCode(url: string, visible: string[], structured: string | undefined, formId: string | undefined): string | undefined {
  let where = '';
  try {
    const u = new URL(url);
    where = alnum(decodeURIComponent(`${u.pathname} ${u.search}`));
  } catch {
    where = ''; // An unreadable URL only loses this tie-break.
  }
  const all = [...visible, structured, formId].filter((v): v is string => !!v);
  return all.find((v) => alnum(v).length >= 4 && where.includes(alnum(v))) ?? visible[0] ?? structured ?? formId;
}

/** A shop's product code: one short token run (at most four words) with a digit, not a price or a date. */
export function looksLikeCode(v: string): boolean {
  if (v.length < 3 || v.length > 40 || !/\d/.test(v)) return false;
  if (v.split(/\s+/).length > 4) return false;
  if (/^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}$/.test(v)) return false;
  return /^[\p{L}\p{N}][\p{L}\p{N}._/#-]*(\s[\p{L}\p{N}._/#-]+){0,3}$/u.test(v);
}

/** A brand: short, not a sentence, not a template placeholder. */
export function looksLikeBrand(v: string): boolean {
  return v.length >= 2 && v.length <= 50 && v.split(/\s+/).length <= 5 && !/[${}<>]|^\d+$|https?:|www\./i.test(v);
}
