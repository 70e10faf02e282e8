// The extension documents' own copy of every _locales file (see i18n.ts: what the copy is for). A
// page imports this first; the content script does not (it runs in the shop's page, where the
// browser's answer has not been seen missing, and every byte there is the shop's time).
import manifest from '../../manifest.json';
import { bundleMessages, type MessageTable } from './i18n.ts';

const files = import.meta.glob<MessageTable>('../../public/_locales/*/messages.json', { eager: true, import: 'default' });
const locales = Object.fromEntries(Object.entries(files).map(([path, table]) => [path.split('/').at(-2)!, table]));

bundleMessages(locales, manifest.default_locale);
