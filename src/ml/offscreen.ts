// Chrome's offscreen document: the model lives here because the service worker has no dynamic
// import, no Workers and is stopped when idle (https://developer.chrome.com/docs/extensions/reference/api/offscreen).
import browser, { type Runtime } from 'webextension-polyfill';
import * as v from 'valibot';
import { describeIssues, MlMessageSchema, type Reply } from '../shared/messages.ts';
import { handleMl } from './handlers.ts';
import { backgroundUrlOf, isBackground } from './sender.ts';

const self = { id: browser.runtime.id, backgroundUrl: backgroundUrlOf(browser.runtime.getManifest() as never, (p) => browser.runtime.getURL(p)) ?? '' };

browser.runtime.onMessage.addListener((raw: unknown, sender: Runtime.MessageSender): Promise<Reply<unknown>> | undefined => {
  // Only the background talks to us, and only with messages addressed to the ML document.
  if ((raw as { target?: unknown } | null)?.target !== 'ml') return undefined;
  if (!isBackground(sender, self)) return Promise.resolve({ ok: false, error: 'only Carryover\'s background may use the model' });
  const parsed = v.safeParse(MlMessageSchema, raw);
  if (!parsed.success) return Promise.resolve({ ok: false, error: `invalid ML message: ${describeIssues(parsed.issues)}` });
  const msg = parsed.output;
  return handleMl(msg, 'offscreen').then(
    (value): Reply<unknown> => ({ ok: true, value }),
    (e: unknown): Reply<unknown> => ({ ok: false, error: e instanceof Error ? e.message : String(e) }),
  );
});
