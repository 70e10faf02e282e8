// The extension's one IndexedDB database. Opened lazily, once per background lifetime; the
// content script never opens it (its IndexedDB belongs to the web page).
import { openDB, type IDBPDatabase } from 'idb';
import { DB_NAME, DB_VERSION, MIGRATIONS, type CarryoverDB } from './schema.ts';

export type Db = IDBPDatabase<CarryoverDB>;

/** Opens `name` at `version`, running every migration between the stored version and it. */
export function openAt(version: number, name = DB_NAME): Promise<Db> {
  return openDB<CarryoverDB>(name, version, {
    upgrade(db, oldVersion, newVersion, tx) {
      for (let v = oldVersion; v < (newVersion ?? version); v++) MIGRATIONS[v]!(db, tx);
    },
    blocked() {
      // Another context holds an older version open; it gets `versionchange` and closes (below).
      console.warn('Carryover: database upgrade waits for another extension page to close it');
    },
  });
}

let opened: Promise<Db> | undefined;

export function db(): Promise<Db> {
  opened ??= openAt(DB_VERSION).then((d) => {
    // Let a newer version (an extension update in another context) upgrade instead of blocking.
    d.addEventListener('versionchange', () => {
      d.close();
      opened = undefined;
    });
    return d;
  });
  return opened;
}
