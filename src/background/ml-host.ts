// Routes ML requests to where the model may live: the offscreen document on Chrome, this very
// background page on Firefox (which has no offscreen API, and whose event page may import freely).
import browser from 'webextension-polyfill';
import type { MlMessage, Reply } from '../shared/messages.ts';
import { mlHandlers, type MlStatus } from '../ml/handlers.ts';

const OFFSCREEN_PATH = 'src/ml/offscreen.html';
let creating: Promise<void> | undefined;

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
      justification: 'Runs the on-device image and text model (WebGPU or WebAssembly) that cannot run in a service worker.',
    })
    .finally(() => (creating = undefined));
  await creating;
}

export async function askMl(msg: Omit<MlMessage, 'target'> & { type: 'ml/probe' }): Promise<MlStatus> {
  if (__TARGET__ === 'firefox') return mlHandlers[msg.type]({ ...msg, target: 'ml' }, 'background');
  await ensureOffscreen();
  const reply = (await browser.runtime.sendMessage({ ...msg, target: 'ml' })) as Reply<MlStatus> | undefined;
  if (!reply) throw new Error('the model runtime did not answer; reload the extension and try again');
  if (!reply.ok) throw new Error(reply.error);
  return reply.value;
}
