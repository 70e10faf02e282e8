// Routes ML requests to where the model may live: the offscreen document on Chrome, this very
// background page on Firefox (which has no offscreen API, and whose event page may import freely).
import { t } from '../shared/i18n.ts';
import { PhraseError, say } from '../shared/phrase.ts';
import browser from 'webextension-polyfill';
import type { MlMessage, Reply } from '../shared/messages.ts';
import type { EmbedAnswer, MlStatus } from '../ml/handlers.ts';
import type { BenchResult } from '../ml/bench.ts';
import type { BackendChoice } from '../ml/backend.ts';
import type { PageRead } from '../capture/extract/catalogue-page.ts';
import type { PageExtraction } from '../capture/extract/index.ts';
import type { PageSnapshot } from '../capture/extract/hand-off.ts';
import { ML_IDLE_ALARM, ML_IDLE_MINUTES } from './ml-idle.ts';

const OFFSCREEN_PATH = 'src/ml/offscreen.html';
let creating: Promise<void> | undefined;

export { ML_IDLE_ALARM };
let inFlight = 0;
/** Firefox: whether this event page has loaded the runtime (nothing to let go otherwise). */
let runtimeLoaded = false;

const armIdle = () => browser.alarms.create(ML_IDLE_ALARM, { delayInMinutes: ML_IDLE_MINUTES });

/** At the idle alarm. Chrome: the offscreen document is closed, the only way WebAssembly's memory
 * goes back (it never shrinks). Firefox: the sessions are released in the event page (which the
 * browser also stops when it has been idle). */
export async function releaseMlIfIdle(): Promise<void> {
  if (inFlight > 0) return void (await armIdle());
  if (__TARGET__ === 'firefox') {
    if (!runtimeLoaded) return;
    const { releaseModel } = await import('../ml/handlers.ts');
    return releaseModel();
  }
  const url = chrome.runtime.getURL(OFFSCREEN_PATH);
  const open = await chrome.runtime.getContexts({ contextTypes: [chrome.runtime.ContextType.OFFSCREEN_DOCUMENT], documentUrls: [url] });
  if (open.length) await chrome.offscreen.closeDocument();
}

async function ensureOffscreen(): Promise<void> {
  const url = chrome.runtime.getURL(OFFSCREEN_PATH);
  const contexts = await chrome.runtime.getContexts({
    contextTypes: [chrome.runtime.ContextType.OFFSCREEN_DOCUMENT],
    documentUrls: [url],
  });
  if (contexts.length) return;
  // Two callers at once must not both create it (createDocument throws on the second).
  creating ??= chrome.offscreen
    .createDocument({
      url: OFFSCREEN_PATH,
      reasons: [chrome.offscreen.Reason.WORKERS],
      justification: 'Runs the on-device image and text model (WebGPU or WebAssembly) that cannot run in a service worker.',  // not shown to the shopper
    })
    .finally(() => (creating = undefined));
  await creating;
}

type Answers = {
  'ml/probe': MlStatus;
  'ml/embed': EmbedAnswer;
  'ml/yield': { cutting: boolean };
  'ml/bench': BenchResult & { backend: BackendChoice; modelId: string };
  'ml/read-page': PageRead;
  'ml/extract-page': PageExtraction;
};
type Body<T extends MlMessage['type']> = Omit<Extract<MlMessage, { type: T }>, 'target' | 'type'>;

export async function askMl<T extends MlMessage['type']>(type: T, body: Body<T>): Promise<Answers[T]> {
  inFlight++;
  try {
    await armIdle();
    return await ask(type, body);
  } finally {
    inFlight--;
    await armIdle();
  }
}

async function ask<T extends MlMessage['type']>(type: T, body: Body<T>): Promise<Answers[T]> {
  const full = { ...body, type, target: 'ml' } as MlMessage;
  if (__TARGET__ === 'firefox') {
    runtimeLoaded = true;
    // Loaded on first use only: the event page stays light until there is something to embed.
    // A catalogue page is read here too: Firefox's event page has a DOM (DOMParser).
    const { handleMl } = await import('../ml/handlers.ts');
    try {
      return (await handleMl(full, 'background')) as Answers[T];
    } catch (e) {
      // In the shopper's words, as the offscreen document's failures are below.
      throw e instanceof PhraseError ? new Error(say(e.phrase), { cause: e }) : e;
    }
  }
  await ensureOffscreen();
  const reply = (await browser.runtime.sendMessage(full)) as Reply<Answers[T]> | undefined;
  if (!reply) throw new Error(t('errMlNoAnswer'));
  if (!reply.ok) throw new Error(reply.phrase ? say(reply.phrase) : reply.error);
  return reply.value;
}

/** A shop page's snapshot read off the page's main thread (capture/extract/hand-off.ts): in the
 * offscreen document on Chrome (the service worker has no DOM); on Firefox in this event page,
 * without loading the model's code. */
export async function extractElsewhere(snapshot: PageSnapshot, url: string, budgetMs: number): Promise<PageExtraction> {
  if (__TARGET__ === 'firefox') {
    const { extractSnapshot } = await import('../capture/extract/hand-off.ts');
    return extractSnapshot(snapshot, url, budgetMs);
  }
  return askMl('ml/extract-page', { url, budgetMs, ...snapshot });
}
