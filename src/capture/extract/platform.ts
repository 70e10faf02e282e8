// Which platform a shop runs on, from what its page gives away (what every visitor's browser
// receives): Shopify's globals and CDN, WooCommerce's generator tag, body classes and REST link.
/** The platforms whose public catalogue Carryover knows how to read. */
export type Platform = 'shopify' | 'woo';

export function detectPlatform(doc: Document): Platform | undefined {
  const head = doc.head?.innerHTML ?? '';
  const scripts = [...doc.querySelectorAll('script:not([src])')].slice(0, 50).map((s) => s.textContent ?? '').join('\n');
  const srcs = [...doc.querySelectorAll('script[src], link[href]')].slice(0, 200).map((e) => e.getAttribute('src') ?? e.getAttribute('href') ?? '');
  if (/\bShopify\.(shop|theme)\b/.test(scripts) || srcs.some((u) => /(^|\/\/)cdn\.shopify\.com\//.test(u)) || /cdn\.shopify\.com/.test(head) ||
      doc.querySelector('meta[name="shopify-digital-wallet"], meta[name="shopify-checkout-api-token"]')) return 'shopify';
  const generator = doc.querySelector('meta[name="generator" i]')?.getAttribute('content') ?? '';
  // A WordPress REST link alone is a guess worth one request: a shop without the Store API answers
  // 404 and the crawl falls back to its sitemaps.
  if (/woocommerce/i.test(generator) || /\bwoocommerce\b/.test(doc.body?.className ?? '') ||
      srcs.some((u) => /\/plugins\/woocommerce\//.test(u)) || doc.querySelector('link[rel="https://api.w.org/"]')) return 'woo';
  return undefined;
}
