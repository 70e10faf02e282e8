// A damaged import in words the shopper can act on: which part of the file ("product 13, link"),
// what was expected there ("should be a web address starting with http:// or https://"), and what
// to do — not a validator's dump. The file's own path (stores.items.12.url) follows in brackets,
// for whoever edits the file. Every phrase is in _locales.
import type * as v from 'valibot';
import { t, type MessageKey } from '../shared/i18n.ts';

/** One record of each store, by its number in the file (counted from 1). */
const RECORD: Record<string, MessageKey> = {
  items: 'importPartItem', events: 'importPartEvent', vectors: 'importPartVector', sites: 'importPartSite',
  settings: 'importPartSetting', model: 'importPartModel',
};
/** A store as a whole ("the list of products"). */
const STORE: Record<string, MessageKey> = {
  items: 'importStoreItems', events: 'importStoreEvents', vectors: 'importStoreVectors', sites: 'importStoreSites',
  settings: 'importStoreSettings', model: 'importStoreModel',
};
/** The fields a shopper could recognise; any other is named as the file names it. */
const FIELD: Record<string, MessageKey> = {
  url: 'importFieldUrl', imageUrl: 'importFieldImage', title: 'importFieldTitle', price: 'importFieldPrice',
  currency: 'importFieldCurrency', site: 'importFieldSite', id: 'importFieldId', itemId: 'importFieldItemId',
  ts: 'importFieldTime', firstSeen: 'importFieldDate', lastSeen: 'importFieldDate', type: 'importFieldType',
  fused: 'importFieldVector', image: 'importFieldVector', text: 'importFieldVector', value: 'importFieldValue',
  imageHosts: 'importFieldImageHosts', format: 'importFieldFormat', version: 'importFieldVersion',
};

/** The part of the file a path names: "product 13, link", "the list of interactions", "the file's header, format". */
export function partOf(path: string): string {
  const [root, store = '', index, field] = path.split('.');
  const fieldName = (f: string) => (FIELD[f] ? t(FIELD[f]) : f);
  if (root !== 'stores') return root ? t('importPartHeaderField', fieldName(root)) : t('importPartHeader');
  if (!store) return t('importPartRecords');
  if (index === undefined || !/^\d+$/.test(index)) return STORE[store] ? t(STORE[store]) : t('importStoreOther', store);
  const record = t(RECORD[store] ?? 'importPartRecord', Number(index) + 1);
  return field ? t('importPartField', record, fieldName(field)) : record;
}

/** A check of ours names what it expects by a message key, so that it reads in the UI language. */
export const EXPECT_HTTP_URL: MessageKey = 'importExpectHttpUrl';
const OWN_CHECKS: ReadonlySet<string> = new Set([EXPECT_HTTP_URL]);
/** The shared schemas' patterns (a host name, an item id), told apart by the field they are on. */
const HOST_FIELDS: ReadonlySet<string> = new Set(['site', 'imageHosts']);

/** What a validator issue expected, as a phrase: "is missing", "should be a number", "should be one of …". */
export function expectedOf(issue: v.BaseIssue<unknown>, field = ''): string {
  if (issue.received === 'undefined') return t('importIsMissing');
  if (OWN_CHECKS.has(issue.message)) return t(issue.message as MessageKey);
  const req = (issue as { requirement?: unknown }).requirement;
  switch (issue.type) {
    case 'string': return t('importExpectText');
    case 'number': return t('importExpectNumber');
    case 'finite': return t('importExpectFinite');
    case 'integer': return t('importExpectWhole');
    case 'boolean': return t('importExpectYesNo');
    case 'array': return t('importExpectList');
    case 'object': case 'record': return t('importExpectObject');
    case 'instance': return t('importExpectVector');
    case 'min_value': return t('importExpectAtLeast', String(req));
    case 'max_value': return t('importExpectAtMost', String(req));
    case 'max_length': return t('importExpectShorter', String(req));
    case 'min_length': return t('importExpectLonger', String(req));
    // valibot writes the choices as ("a" | "b"); a shopper reads a list.
    case 'literal': case 'picklist': case 'variant': return t('importExpectOneOf', (issue.expected ?? '').replace(/^\((.*)\)$/, '$1').split(' | ').join(', '));
    case 'regex': return t(HOST_FIELDS.has(field) ? 'importExpectHost' : /id$/i.test(field) ? 'importExpectItemId' : 'importExpectForm');
    default: return t('importExpectOther', issue.expected ?? issue.type);
  }
}

/** The whole refusal: what is wrong where, that nothing changed, and what to do. */
export function refusal(path: string, expected: string): string {
  return path ? t('importRefused', partOf(path), expected, path) : t('importRefusedWhole', expected);
}

/** A record (or the header) the file has wrong: `path` says where (stores.items.12.url), `expected`
 * what should be there, in words. Its message is the sentence the shopper reads. */
export class ImportError extends Error {
  constructor(readonly path: string, readonly expected: string) {
    super(refusal(path, expected));
  }
}

/** The first of a validator's issues, at `base` (a record's path), as an ImportError. */
export function fromIssues(base: string, issues: readonly v.BaseIssue<unknown>[]): ImportError {
  const first = issues[0]!;
  const keys = (first.path ?? []).map((p) => String(p.key));
  // The field is the first name that is not a position in a list (imageHosts.2 is on imageHosts).
  const field = [...base.split('.'), ...keys].reverse().find((k) => !/^\d+$/.test(k)) ?? '';
  return new ImportError([base, ...keys].filter(Boolean).join('.'), expectedOf(first, field));
}
