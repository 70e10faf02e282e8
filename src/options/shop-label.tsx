// How the options pages name a shop: the name its own page gave when the shopper allowed it
// ("Maple & Pine"), with its host small beside it (two shops may share a name); the host alone when
// no name is known (a made-up "Maple And Pine" would read as the shop's own).
/** Each shop's own name by its host; a shop with none is not in it. */
export type ShopNames = ReadonlyMap<string, string>;

export const NO_NAMES: ShopNames = new Map();

export function namesOf(sites: readonly { site: string; ownName?: string }[]): ShopNames {
  return new Map(sites.flatMap((s) => (s.ownName ? [[s.site, s.ownName] as const] : [])));
}

/** As plain text (confirmations, Undo and result texts, a select's options, a tooltip):
 * "Maple & Pine (maple-and-pine.com)", or "maple-and-pine.com". */
export function shopText(site: string, names: ShopNames): string {
  const name = names.get(site);
  return name ? `${name} (${site})` : site;
}

/** As an element: the name, the host small after it; the host alone without a name. */
export function Shop(props: { site: string; names: ShopNames }) {
  const name = props.names.get(props.site);
  if (!name) return <span class="shop">{props.site}</span>;
  return <span class="shop">{name} <small class="muted shop-host">{props.site}</small></span>;
}
