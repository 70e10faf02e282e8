// The few phrase lists the extractor still uses, each covering the main shopping languages the same
// way (README lists them): English, German, French, Spanish, Italian, Portuguese, Dutch, Polish,
// Czech, Slovak, Slovenian, Croatian, Hungarian, Romanian, Swedish, Danish, Norwegian, Finnish,
// Estonian, Latvian, Lithuanian, Russian, Ukrainian, Bulgarian, Greek, Turkish, Hebrew, Arabic,
// Chinese, Japanese and Korean. Structure decides first (buybox.ts, pagekind.ts); these only back it up.

import { labelSet, phraseSet, type LabelPatterns, type Phrases } from './phrases.ts';

export type { LabelPatterns, Phrases };

const alternation = (list: string[]) =>
  [...list].sort((a, b) => b.length - a.length).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+')).join('|');

/** Words bounded by non-letters, in any script (JavaScript's \b only knows ASCII letters). The
 * pattern is the reference; pages are read with the scan of phrases.ts, which needs no compiling. */
function phrases(list: string[]): Phrases {
  return phraseSet(list, () => new RegExp(`(^|[^\\p{L}\\p{N}])(${alternation(list)})(?=$|[^\\p{L}\\p{N}])`, 'iu'));
}

/** "LABEL: value" as a shop writes a labelled fact (see LabelPatterns). */
function labels(list: string[]): LabelPatterns {
  return labelSet(list, () => {
    const body = alternation(list);
    return {
      leading: new RegExp(`^[\\s〈(\\[]*(?:${body})(?:\\s*[:：#.]+|(?=\\s)|$)\\s*(.*?)[\\s〉)\\]]*$`, 'iu'),
      inline: new RegExp(`(?:^|[^\\p{L}\\p{N}])(?:${body})\\s*[:：]\\s*(.+?)[\\s〉)\\]]*$`, 'iu'),
    };
  });
}

/** What an add-to-cart or buy control says. */
export const ADD_TO_CART = phrases([
  'add to cart', 'add to bag', 'add to basket', 'add to trolley', 'adding to cart', 'add to shopping cart', 'add to shopping bag', 'buy now', 'buy it now', 'button cart', 'btn cart', 'button basket',
  'in den warenkorb', 'in den einkaufswagen', 'jetzt kaufen', 'kaufen',
  'ajouter au panier', 'acheter', 'acheter maintenant',
  'añadir al carrito', 'añadir a la cesta', 'agregar al carrito', 'agregar al carro', 'comprar', 'comprar ahora',
  'aggiungi al carrello', 'acquista', 'acquista ora', 'compra ora',
  'adicionar ao carrinho', 'adicionar à sacola', 'comprar agora',
  'in winkelwagen', 'in mijn winkelwagen', 'toevoegen aan winkelwagen', 'bestellen',
  'do koszyka', 'dodaj do koszyka', 'kup teraz',
  'do košíku', 'vložit do košíku', 'koupit', 'do košíka', 'pridať do košíka', 'kúpiť',
  'v košarico', 'dodaj v košarico', 'dodaj u košaricu', 'u košaricu', 'kupi',
  'kosárba', 'kosárba teszem', 'vásárlás',
  'adaugă în coș', 'adauga in cos', 'cumpără', 'cumpara',
  'lägg i varukorgen', 'lägg i kundvagnen', 'köp', 'læg i kurv', 'læg i kurven', 'køb', 'legg i handlekurven', 'legg i handlekurv', 'kjøp',
  'lisää ostoskoriin', 'osta', 'lisa ostukorvi', 'ielikt grozā', 'pievienot grozam', 'pirkt', 'į krepšelį', 'pirkti',
  'купить', 'в корзину', 'добавить в корзину', 'купити', 'в кошик', 'додати в кошик', 'купи', 'добави в количката', 'в количката',
  'προσθήκη στο καλάθι', 'αγορά', 'sepete ekle', 'satın al',
  'הוסף לסל', 'הוספה לסל', 'לקנייה', 'أضف إلى السلة', 'أضف إلى', 'اشتر الآن', 'شراء',
  '加入購物車', '加入购物车', '立即購買', '立即购买', '直接購買', 'カートに入れる', 'カートに追加', '購入手続き', '장바구니 담기', '장바구니', '구매하기', '바로구매',
]);

/** What a product page says when it cannot be bought now. */
export const OUT_OF_STOCK = phrases([
  'out of stock', 'sold out', 'currently unavailable', 'no longer available', 'temporarily unavailable', 'temporarily out of stock',
  'nicht verfügbar', 'ausverkauft', 'nicht lieferbar', 'derzeit nicht verfügbar', 'nicht auf lager',
  'rupture de stock', 'épuisé', 'indisponible', 'en rupture',
  'agotado', 'sin stock', 'no disponible', 'esaurito', 'non disponibile', 'esgotado', 'indisponível', 'sem estoque',
  'niet op voorraad', 'uitverkocht', 'niet leverbaar', 'brak w magazynie', 'niedostępny', 'wyprzedany', 'produkt niedostępny',
  'vyprodáno', 'není skladem', 'nedostupné', 'vypredané', 'nie je skladom', 'nedostupný', 'ni na zalogi', 'razprodano', 'nije dostupno', 'rasprodano',
  'nincs készleten', 'elfogyott', 'stoc epuizat', 'indisponibil', 'slutsåld', 'ej i lager', 'udsolgt', 'ikke på lager', 'utsolgt', 'loppu varastosta', 'ei saatavilla', 'otsas', 'laos pole',
  'nav pieejams', 'izpārdots', 'neturime', 'išparduota',
  'нет в наличии', 'распродано', 'немає в наявності', 'няма наличност', 'изчерпан', 'εξαντλημένο', 'μη διαθέσιμο', 'tükendi', 'stokta yok',
  'אזל מהמלאי', 'לא במלאי', 'غير متوفر', 'نفذت الكمية', '缺貨', '缺货', '售完', '已售完', '在庫切れ', '売り切れ', '品切れ', '품절', '일시품절',
]);

/** What a product page says when it can be bought now. */
export const IN_STOCK = phrases([
  'in stock', 'available now', 'ready to ship', 'auf lager', 'sofort lieferbar', 'lieferbar', 'verfügbar', 'en stock', 'disponible', 'disponibile', 'in magazzino', 'em estoque', 'disponível',
  'op voorraad', 'na stanie', 'dostępny', 'skladem', 'na sklade', 'skladom', 'na zalogi', 'na stanju', 'dostupno', 'raktáron', 'készleten', 'în stoc', 'i lager', 'på lager', 'varastossa',
  'noliktavā', 'yra sandėlyje', 'в наличии', 'есть в наличии', 'є в наявності', 'в наявності', 'наличност', 'σε απόθεμα', 'διαθέσιμο', 'stokta', 'במלאי', 'متوفر', '有現貨', '有货', '現貨', '在庫あり', '재고있음',
]);

/** Labels a shop writes before its own product code (the SKU), not the maker's part number. */
export const SKU_LABEL = labels([
  'sku', 'item number', 'item no', 'item #', 'item code', 'product code', 'product id', 'product no', 'product number', 'article number', 'article no', 'art. no', 'art.no', 'web code', 'catalog number', 'catalogue number', 'cat. no', 'stock code', 'order code', 'asin', 'ebay item number', 'post id', 'ad id', 'ad #', 'ad number', 'listing id', 'listing #',
  'artikelnummer', 'artikel-nr', 'art.-nr', 'art.nr', 'artikel nr', 'bestellnummer', 'best.-nr', 'produktnummer', 'anzeige', 'anzeigennummer',
  'référence', 'réf', 'code article', "numéro d'article", "n° d'article", 'code produit', "numéro de l'objet", "numéro de l'objet ebay",
  'código', 'cód', 'código de producto', 'código do produto', 'referencia', 'referência', 'referência produto', 'id produto', 'ref', 'número de artículo',
  'codice', 'codice prodotto', 'codice articolo', 'cod. art', 'numero oggetto', 'numero oggetto ebay', 'riferimento',
  'productcode', 'bestelnummer', 'kod produktu', 'numer referencyjny', 'nr katalogowy', 'indeks', 'kód produktu', 'kód', 'katalogové číslo', 'objednací číslo', 'číslo produktu',
  'šifra', 'šifra proizvoda', 'šifra artikla', 'cikkszám', 'termékkód', 'cod produs', 'varenummer', 'varenr', 'artikelnr', 'tuotenumero', 'tuotekoodi', 'tootekood', 'produkta kods', 'preces kods', 'prekės kodas',
  'артикул', 'код', 'код товара', 'код товару', 'номер на артикул', 'ürün kodu', 'stok kodu', 'κωδικός', 'κωδικός προϊόντος', 'קוד מוצר', 'מק"ט', 'رمز المنتج', 'رقم المنتج',
  '商品編號', '商品编号', '货号', '貨號', '商品代碼', '商品番号', '品番', '商品コード', '상품번호', '딜번호', '품번',
]);

/** Labels before a brand. */
export const BRAND_LABEL = labels([
  'brand', 'brand name', 'manufacturer', 'marke', 'hersteller', 'marque', 'fabricant', 'marca', 'fabricante', 'produttore', 'merk', 'fabrikant', 'producent', 'marka', 'značka', 'výrobce', 'výrobca',
  'proizvajalec', 'blagovna znamka', 'proizvođač', 'márka', 'gyártó', 'producător', 'märke', 'tillverkare', 'mærke', 'producent', 'merkki', 'valmistaja', 'tootja', 'kaubamärk', 'zīmols', 'ražotājs', 'prekės ženklas', 'gamintojas',
  'бренд', 'производитель', 'виробник', 'марка', 'производител', 'μάρκα', 'κατασκευαστής', 'marka', 'üretici', 'מותג', 'יצרן', 'العلامة التجارية', 'الماركة', '品牌', 'ブランド', 'メーカー', '브랜드', '제조사',
]);
