// A currency as an ISO 4217 code, from what pages write in their markup: "EUR", "eur", "€", "US$",
// "euro". Ambiguous marks ("$", "¥", "kr") give no code here: the extractor resolves them with the
// page's country, and a wrong guess would be worse than none.

const MARKS: Record<string, string> = {
  '€': 'EUR', '£': 'GBP', 'US$': 'USD', 'U$S': 'USD', 'A$': 'AUD', 'AU$': 'AUD', 'C$': 'CAD', 'CA$': 'CAD',
  'NZ$': 'NZD', 'HK$': 'HKD', 'S$': 'SGD', 'MX$': 'MXN', 'R$': 'BRL', '₹': 'INR', '₩': 'KRW', '₽': 'RUB',
  '₺': 'TRY', '₴': 'UAH', '₪': 'ILS', '₫': 'VND', '฿': 'THB', '₱': 'PHP', 'zł': 'PLN', 'Kč': 'CZK',
  'Fr.': 'CHF', 'EURO': 'EUR', 'EUROS': 'EUR', 'POUND': 'GBP', 'POUNDS': 'GBP', 'RUPEE': 'INR', 'RUPEES': 'INR', 'YEN': 'JPY',
};

let iso: ReadonlySet<string> | undefined;
const isoCodes = () => (iso ??= new Set(Intl.supportedValuesOf('currency')));

export function normaliseCurrency(raw: unknown): string | undefined {
  if (typeof raw !== 'string' || raw.length > 20) return undefined;
  const s = raw.trim();
  const upper = s.toUpperCase();
  if (/^[A-Z]{3}$/.test(upper) && isoCodes().has(upper)) return upper;
  return MARKS[s] ?? MARKS[upper];
}
