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
