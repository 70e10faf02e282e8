// Prices as the shopper's browser writes them, in the shop's currency when known.
export function formatPrice(price: number | undefined, currency: string | undefined): string {
  if (price === undefined) return '';
  try {
    return currency ? new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(price) : String(price);
  } catch {
    // A currency code the browser does not know: the number and the code as they are.
    return `${price} ${currency ?? ''}`.trim();
  }
}
