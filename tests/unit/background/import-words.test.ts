// A damaged import is refused in words (issue 16): which part of the file, what was expected there,
// that nothing changed and what to do — in the UI language, with the file's own path in brackets.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { exportAll } from '../../../src/background/data-transfer.ts';
import { importAll } from '../../../src/background/data-import.ts';
import { itemIdFor } from '../../../src/background/capture-store.ts';
import { openAt } from '../../../src/background/db.ts';
import { DB_VERSION } from '../../../src/background/schema.ts';
import { partOf } from '../../../src/background/import-words.ts';
import { useLocale } from '../locale.ts';

let n = 0;
const URL_A = 'http://s.localhost/p/a';

async function file() {
  const d = await openAt(DB_VERSION, `import-words-${n++}`);
  const id = await itemIdFor(URL_A);
  await d.put('items', { id, site: 's.localhost', url: URL_A, title: 'A', firstSeen: 1, lastSeen: 2 });
  await d.add('events', { itemId: id, site: 's.localhost', type: 'cart', ts: 5 });
  await d.put('sites', { site: 's.localhost', granted: true, origins: ['*://s.localhost/*'], imageHosts: [], grantedAt: 1 });
  return JSON.parse(JSON.stringify(await exportAll(d, true)));
}
const refusal = async (f: unknown) => {
  const d = await openAt(DB_VERSION, `import-words-target-${n++}`);
  return importAll(d, f, 'merge').then(() => 'imported', (e: unknown) => (e as Error).message);
};
const dump = /issues|valibot|Invalid (type|key)|Expected .* but received/i;

afterEach(() => delete (globalThis as { chrome?: unknown }).chrome);

describe('a damaged import, in words', () => {
  it('names the record by what it is and its number, and the field by its name', () => {
    useLocale('en');
    expect(partOf('stores.items.12.url')).toBe('product 13, link');
    expect(partOf('stores.events.0')).toBe('interaction 1');
    expect(partOf('stores.sites')).toBe('the list of shops');
    expect(partOf('format')).toBe("the file's header, format");
    expect(partOf('stores.items.0.brand')).toBe('product 1, brand'); // a field without a name of its own keeps the file's
  });

  it('says a link that is not a web address, where, that nothing changed, and what to do', async () => {
    useLocale('en');
    const f = await file();
    f.stores.items[0].url = 'javascript:alert(1)';
    const text = await refusal(f);
    expect(text).toBe('This file is not a Carryover export Carryover can read — product 1, link: should be a web address starting with http:// or https:// (at stores.items.0.url in the file). Nothing was changed. Import the file just as Carryover exported it, not edited, or export it again from the browser it came from.');
  });

  it('says what was expected for a missing field, a wrong type, a wrong kind and a wrong header', async () => {
    useLocale('en');
    const missing = await file();
    delete missing.stores.items[0].title;
    expect(await refusal(missing)).toMatch(/— product 1, title: is missing \(at stores\.items\.0\.title in the file\)/);
    const wrongType = await file();
    wrongType.stores.items[0].price = 'cheap';
    expect(await refusal(wrongType)).toMatch(/— product 1, price: should be a number \(at stores\.items\.0\.price/);
    const wrongKind = await file();
    wrongKind.stores.events[0].type = 'stared';
    expect(await refusal(wrongKind)).toMatch(/— interaction 1, kind: should be one of "view", "dwell", "click", "cart", .*"dismiss" \(at stores\.events\.0\.type/);
    const badId = await file();
    badId.stores.events[0].itemId = 'nope';
    expect(await refusal(badId)).toMatch(/— interaction 1, product id: should be a product id as Carryover writes it/);
    const header = await file();
    header.format = 'something-else';
    expect(await refusal(header)).toMatch(/— the file's header, format: should be one of "carryover-export" \(at format in the file\)/);
    const noEvents = await file();
    delete noEvents.stores.events;
    expect(await refusal(noEvents)).toMatch(/— the list of interactions: is missing \(at stores\.events in the file\)/);
    for (const text of [await refusal(missing), await refusal(wrongType), await refusal(header)]) expect(text).not.toMatch(dump);
  });

  it('reads in German in a German browser', async () => {
    useLocale('de');
    const f = await file();
    f.stores.items[0].url = 'not a url';
    expect(await refusal(f)).toBe('Diese Datei ist kein Carryover-Export, den Carryover lesen kann — Produkt 1, Link: sollte eine Webadresse sein, die mit http:// oder https:// beginnt (bei stores.items.0.url in der Datei). Es wurde nichts geändert. Importiere die Datei so, wie Carryover sie exportiert hat, unbearbeitet, oder exportiere sie noch einmal in dem Browser, aus dem sie stammt.');
    const g = await file();
    g.schema = DB_VERSION + 1;
    expect(await refusal(g)).toMatch(/^Dieser Export stammt von einem neueren Carryover/);
  });
});
