// What kind of page this is. Order matters: an order confirmation lists products like a cart, and a
// product page shows cards of other products like a listing.
import type { PageKind } from '../../shared/schemas.ts';

const CONFIRM_PATH = /(order|checkout|purchase)[-_/]?(confirm|confirmation|complete|success|thank|received|placed)|thank-?you|order-received|bestellbestaetigung/i;
const CONFIRM_TEXT = /thank(s| you) for (your )?(order|purchase)|order (is )?(confirmed|complete|placed)|order confirmation|vielen dank für ihre bestellung|merci pour votre commande|gracias por tu compra|bestellbestätigung/i;
const CART_PATH = /(^|\/)(cart|basket|bag|shopping-?bag|warenkorb|panier|carrito|cesta|winkelwagen|koszyk|carrello)(\/|$)/i;
const CART_TEXT = /^(your |my |shopping )?(cart|basket|bag|shopping bag)\b|^warenkorb|^panier|^carrito|^winkelwagen|^koszyk|^carrello/i;

export interface KindFacts {
  isOrder: boolean;
  /** The page states one product (structured data agreeing on one, or og:type product). */
  oneProduct: boolean;
  /** Products the page lists (ItemList, several structured products, or repeated cards). */
  listed: number;
  /** Heuristics found a heading, a price and one add-to-cart control (a listing has one per card). */
  buyBox: boolean;
}

export function pageKind(url: string, heading: string, facts: KindFacts): PageKind {
  const path = new URL(url).pathname;
  if (facts.isOrder || CONFIRM_PATH.test(path) || CONFIRM_TEXT.test(heading)) return 'confirmation';
  if (CART_PATH.test(path) || CART_TEXT.test(heading)) return 'cart';
  if (facts.oneProduct || facts.buyBox) return 'product';
  if (facts.listed >= 3) return 'listing';
  return 'other';
}

/** URL shapes of product pages across shops: a product segment, or an id at the end of the path. */
const PRODUCT_URL = /\/(p|dp|product|products|produkt|produkte|produit|produits|producto|productos|prodotto|prod|item|itm|deal|artikel|article|offer|ad|classified-ad|pd|goods|detail)\/|[-_/.]p?\d{5,}(-[a-z]+)?(\.html?|\.htm|\/)?$|-p\d+|[?&](pid|product_?id|products_id|itemid|sku)=\w/i;
/** URL shapes of listings: search, category and pagination. */
const LISTING_URL = /\/(search|category|categories|catalog|catalogue|collections?|list|browse)(\/|$)|[?&](q|query|search|keyword|sort|page)=/i;

export interface ProductSignals {
  /** A form posting to a cart endpoint, with its control. */
  buyForm: boolean;
  /** Buy controls of the main product (by structure or by their words), excluding other products'. */
  buyControls: number;
  quantity: boolean;
  /** The heuristics found a price for the heading's product. */
  price: boolean;
  /** Stock text near the heading ("Out of stock", "Auf Lager"). */
  stockText: boolean;
  /** Offer markup anywhere (itemprop=price, product:price meta, og:type product). */
  markup: boolean;
}

/** How strongly the page's structure says "one product for sale here" (0: not at all). */
export function productScore(url: string, s: ProductSignals): number {
  const u = new URL(url);
  const path = `${u.pathname}${u.search}`;
  let score = 0;
  if (s.buyForm) score += 2;
  if (s.buyControls >= 1 && s.buyControls <= 4) score += 2;
  if (s.quantity) score += 1;
  if (s.price) score += 1;
  if (s.stockText) score += 1;
  if (s.markup) score += 1;
  if (PRODUCT_URL.test(path)) score += 1;
  if (LISTING_URL.test(path)) score -= 1;
  return score;
}
