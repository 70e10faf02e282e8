// Availability as the shopper sees it: the buy control's state first (disabled = cannot be bought
// now), then stock text near the product's heading or buy control, then an enabled buy control.
import type { BuyBox } from './buybox.ts';
import { hiddenByAttribute, hintsOf, inBoilerplate, inOtherProducts, treeDistance } from './dom.ts';
import { IN_STOCK, OUT_OF_STOCK } from './lexicon.ts';
import { eachShortText } from './textnodes.ts';

const STOCK_HINT = /stock|avail|inventory|lager|dispon|buy-?box|delivery|status|sold/;
/** How far (tree edges) stock text may be from the heading or buy control to be about this product. */
const NEAR = 12;

function stockText(doc: Document, anchors: Element[], budget: number): 'in_stock' | 'out_of_stock' | undefined {
  let found: 'in_stock' | 'out_of_stock' | undefined;
  eachShortText(doc, 120, budget, (t, el, folded) => {
    const out = OUT_OF_STOCK.test(t, folded);
    const inn = !out && IN_STOCK.test(t, folded);
    if (!out && !inn) return false;
    // The status's own element or a close ancestor says what it is ("availability", "stock").
    const hinted = STOCK_HINT.test(`${hintsOf(el)} ${el.parentElement ? hintsOf(el.parentElement) : ''} ${el.parentElement?.parentElement ? hintsOf(el.parentElement.parentElement) : ''}`);
    // Whole sentences about something else ("free delivery if in stock by…") are not the status.
    if (t.length > 60 && !hinted) return false;
    if (inBoilerplate(el) || inOtherProducts(el) || hiddenByAttribute(el)) return false;
    if (!hinted && !anchors.some((a) => treeDistance(el, a) <= NEAR)) return false;
    found = out ? 'out_of_stock' : 'in_stock';
    return out;
  });
  return found;
}

/** The buy control's state decides when there is one (shops keep both "in stock" and "sold out"
 * labels in the page and show one with CSS, but a control is enabled or not); the text otherwise. */
export function visibleAvailability(doc: Document, box: BuyBox, anchors: Element[], budget = 20_000): 'in_stock' | 'out_of_stock' | undefined {
  if (box.primary && box.pressable) return box.disabled ? 'out_of_stock' : 'in_stock';
  // A cart form or a container named "buy" says the product is sold here, unless the text says otherwise.
  return stockText(doc, [...anchors, ...box.controls.slice(0, 2)], budget) ?? (box.primary ? 'in_stock' : undefined);
}
