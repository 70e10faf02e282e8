// A shop's name for people: the one its own page gave when the shopper allowed it ("Maple & Pine"),
// else one made from its host name ("Maple And Pine").
import { shopName } from '../shared/site.ts';
import type { Db } from './db.ts';

export async function shopNames(d: Db): Promise<(site: string) => string> {
  const own = new Map((await d.getAll('sites')).flatMap((s) => (s.name ? [[s.site, s.name] as const] : [])));
  return (site) => own.get(site) ?? shopName(site);
}
