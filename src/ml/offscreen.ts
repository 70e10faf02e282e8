// Chrome's offscreen document: the model lives here because the service worker has no dynamic
// import, no Workers and is stopped when idle (https://developer.chrome.com/docs/extensions/reference/api/offscreen).
import browser, { type Runtime } from 'webextension-polyfill';
import * as v from 'valibot';
import { describeIssues, MlMessageSchema, type Reply } from '../shared/messages.ts';
import { PhraseError } from '../shared/phrase.ts';
import { handleMl } from './handlers.ts';
import { backgroundUrlOf, isBackground, type Self } from './sender.ts';

// The worker's URL, read from the built manifest: an offscreen document has only runtime's
// messaging (no getManifest), and runtime.getURL would give the session's dynamic id.
const me: Promise<Self> = fetch(new URL('/manifest.json', location.origin))
  .then((r) => r.json() as Promise<{ background?: { service_worker?: string } }>)
  .then((m) => ({ id: browser.runtime.id, backgroundUrl: backgroundUrlOf(m, location.origin) ?? '' }));

async function answer(raw: unknown, sender: Runtime.MessageSender): Promise<Reply<unknown>> {
  // Answered to a sender that is not the background (no shopper's page shows what it gets).
  if (!isBackground(sender, await me)) return { ok: false, error: 'only Carryover\'s background may use the model' }; // not shown to the shopper
  const parsed = v.safeParse(MlMessageSchema, raw);
  if (!parsed.success) {
    const why = describeIssues(parsed.issues);
    return { ok: false, error: why, phrase: { key: 'errMlInvalidMessage', subs: [why] } };
  }
  try {
    return { ok: true, value: await handleMl(parsed.output, 'offscreen') };
  } catch (e) {
    // The background says a phrase in the shopper's words (this document has no i18n API).
    return { ok: false, error: e instanceof Error ? e.message : String(e), ...(e instanceof PhraseError ? { phrase: e.phrase } : {}) };
  }
}

browser.runtime.onMessage.addListener((raw: unknown, sender: Runtime.MessageSender): Promise<Reply<unknown>> | undefined => {
  // Only the background talks to us, and only with messages addressed to the ML document.
  if ((raw as { target?: unknown } | null)?.target !== 'ml') return undefined;
  return answer(raw, sender);
});
