// The buy box found by structure rather than by its words: the form that posts to a cart endpoint,
// the control whose id/class/name say "add to cart" or "buy" (developers name them in English
// whatever the shop's language), a quantity input, and the control's state (disabled = cannot be
// bought now). The visible words are a last, multilingual, resort (ADD_TO_CART in heuristics.ts).
import { checkEvery } from './budget.ts';
import { childCount, hiddenByAttribute, hintsOf, inBoilerplate, inOtherProducts } from './dom.ts';
import { saysAddToCart } from './heuristics.ts';
import { clean } from './text.ts';
import { pageElements } from './elements.ts';

/** Form actions, ids and classes of forms that put something in a cart or buy it (not checkout: that is the cart's own next step). */
const CART_ENDPOINT = /cart|basket|\bbag\b|buy|purchase|kupi|kosik|korzin|warenkorb|panier|carrito|carrello|winkelwagen|koszyk|handle-buy-box|product-send/i;
/** What developers call an add-to-cart / buy control. */
const BUY_HINT = /add[-_ ]?to[-_ ]?(cart|bag|basket|trolley)|addtocart|add[-_]?(cart|basket)\b|(^|[\s_-])(btn[-_]?)?buy([-_]?(now|btn|button|box|but))?($|[\s_-])|btn[-_]?buy|buy[-_]?btn|purchase[-_]?(btn|button)|(^|[\s_-])atc([\s_-]|$)|to[-_]?basket|cta[-_]?cart/i;
/** A cheap first look at an element's class and id before reading the rest. */
const MAYBE_BUY = /cart|buy|basket|bag|atc|purchase/i;
/** Not the product's control: the mini cart, the header's cart, confirmations, counters. */
const NOT_BUY = /mini|header|sticky|count|icon|view[-_]?cart|go[-_]?to|popup|modal|toolbox|message|added|success|error|checkout|layer|overlay|summary|wrapper|container|empty|wish|compare|login|notify/i;
const QUANTITY = /(^|[\s_:-])(qty|quantity|quantite|quantit[aà]|cantidad|menge|anzahl|ilosc|ilość|mno[zž]stvo|množství|antal|aantal|kolichestvo|количество|数量|수량)([\s_:-]|$)|quantity/i;
const DISABLED_HINT = /(^|[\s_-])(disabled|inactive|sold[-_]?out|unavailable|out[-_]?of[-_]?stock|not[-_]?available)($|[\s_-])/i;
/** Inputs of a buy form that name the product it adds. */
const ID_INPUT = /^(asin|sku|product[-_]?id|productid|products_id|pid|item[-_]?id|itemid|id[-_]?product|product_code|variant[-_]?id)$/i;

export interface BuyBox {
  /** The main product's buy controls (buttons, or a cart form when it has no visible button). */
  controls: Element[];
  /** A form posting to a cart endpoint. */
  form: Element | undefined;
  quantity: boolean;
  /** The first control that is a button or link (else the cart form): the one a shopper would press. */
  primary: Element | undefined;
  /** The primary control is a button or link, whose state means something (a form or a div's does not). */
  pressable: boolean;
  /** The primary control is disabled. */
  disabled: boolean;
  /** The product id the buy form carries (a hidden input named like one). */
  formProductId: string | undefined;
}

function isDisabled(el: Element): boolean {
  for (let p: Element | null = el, i = 0; p && i < 3; p = p.parentElement, i++) {
    if (p.hasAttribute('disabled') || p.getAttribute('aria-disabled') === 'true' || DISABLED_HINT.test(p.getAttribute('class') ?? '')) return true;
  }
  return false;
}

const outside = (el: Element) => inBoilerplate(el) || inOtherProducts(el) || hiddenByAttribute(el);

function ownHints(el: Element): string {
  return `${hintsOf(el)} ${el.getAttribute('name') ?? ''} ${el.getAttribute('data-action') ?? ''}`;
}

export function findBuyBox(doc: Document, budget = 4000): BuyBox {
  const controls: Element[] = [];
  let form: Element | undefined;
  const els = pageElements(doc);
  for (const f of els.forms.slice(0, 200)) {
    const what = `${f.getAttribute('action') ?? ''} ${f.id} ${f.getAttribute('class') ?? ''} ${f.getAttribute('name') ?? ''}`;
    if (!CART_ENDPOINT.test(what) || /search|login|newsletter|wish|review|question|ask|checkout/i.test(what) || outside(f)) continue;
    form ??= f;
    // The form's submit, not its first button (often the quantity's "+").
    const submit = f.querySelector('[type="submit"], input[type="image"]') ?? f.querySelector('button:not([type="button"])');
    controls.push(submit && !outside(submit) ? submit : f);
    if (controls.length >= 3) break;
  }
  // Real controls first (few on any page), then links and named containers within a budget.
  const scan = (els: ArrayLike<Element>, limit: number) => {
    for (let i = 0; i < els.length && i < limit && controls.length < 6; i++) {
      if (checkEvery(i)) break;
      const el = els[i]!;
      // Each test below only drops an element, so they run cheapest first: the tag and the class
      // and id (one look each; MAYBE_BUY has no phrase that could span the two), then the child
      // count, then the words, which the page's cart controls have mostly asked already
      // (saysAddToCart), and last the text's length, which needs the text cleaned.
      const tag = el.tagName;
      const isControl = tag === 'BUTTON' || tag === 'INPUT' || tag === 'A' || el.getAttribute('role') === 'button';
      if (!isControl && !MAYBE_BUY.test(el.getAttribute('class') ?? '') && !MAYBE_BUY.test(el.id)) continue;
      if (childCount(el, 4) > 4) continue;
      const hint = ownHints(el);
      const byStructure = BUY_HINT.test(hint) && !NOT_BUY.test(hint);
      // Words are read only from controls (a div's text is its whole subtree's).
      if (!byStructure && !isControl) continue;
      const text = el.textContent ?? '';
      if (text.length > 120) continue;
      const byWords = isControl && saysAddToCart(el, text);
      if (!byStructure && !byWords) continue;
      if ((clean(text, 200) ?? '').length > 60) continue;
      // A link to the cart page is the header's "view cart", not a buy control.
      if (el.tagName === 'A' && /cart|basket|warenkorb|panier|carrito|carrello/i.test(el.getAttribute('href') ?? '') && !byWords) continue;
      if (outside(el) || controls.some((c) => c.contains(el) || el.contains(c))) continue;
      controls.push(el);
    }
  };
  scan(els.buttons, 1000);
  scan(els.blocks, budget);
  const quantity = els.fields.slice(0, 500).some((el) => {
    const type = (el.getAttribute('type') ?? 'text').toLowerCase();
    return (type === 'number' || type === 'text' || type === 'hidden' || el.tagName === 'SELECT') && QUANTITY.test(`${el.getAttribute('name') ?? ''} ${el.id} ${el.getAttribute('class') ?? ''}`) && !outside(el);
  });
  let formProductId: string | undefined;
  for (const input of form ? [...form.querySelectorAll('input[name]')].slice(0, 60) : []) {
    const v = (input.getAttribute('value') ?? '').trim();
    if (ID_INPUT.test(input.getAttribute('name') ?? '') && /^[\w./-]{3,40}$/.test(v) && /\d/.test(v)) {
      formProductId = v;
      break;
    }
  }
  const rank = (el: Element) => (/^(BUTTON|INPUT)$/.test(el.tagName) ? 0 : el.tagName === 'A' || el.getAttribute('role') === 'button' ? 1 : el.tagName === 'FORM' ? 3 : 2);
  const primary = [...controls].sort((a, b) => rank(a) - rank(b))[0];
  return { controls, form, quantity, primary, pressable: !!primary && rank(primary) <= 1, disabled: !!primary && isDisabled(primary), formProductId };
}
