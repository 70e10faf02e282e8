// Messages are handled in stages (after uBlock Origin's messaging): first who is asking, then the
// payload's check, then — for privileged requests — that the sender is one of our own pages.
import * as v from 'valibot';
import type { Runtime } from 'webextension-polyfill';
import { describeIssues, type Reply } from '../shared/messages.ts';

export type Sender = Pick<Runtime.MessageSender, 'id' | 'url' | 'tab' | 'frameId'>;

export type HandlerTable<M extends { type: string }> = {
  [K in M['type']]: (msg: Extract<M, { type: K }>, sender: Sender) => Promise<unknown> | unknown;
};

export interface Channel<M extends { type: string }> {
  schema: v.GenericSchema<unknown, M>;
  handlers: HandlerTable<M>;
  /** Types that are answered only for senders that pass `isPrivileged`. */
  privileged?: ReadonlySet<string>;
}

/** Erases a channel's message type so that channels of different contracts share one router. */
export function defineChannel<M extends { type: string }>(c: Channel<M>): Channel<{ type: string }> {
  return c as unknown as Channel<{ type: string }>;
}

export interface RouterOptions {
  extensionId: string;
  extensionOrigin: string;
  /** Resolves when the background is ready (database open, registrations in sync). */
  ready: () => Promise<void>;
  onError: (where: string, error: unknown) => void;
}

/** The sidebar's page: web-accessible, so checked before anything else (it is an extension page,
 * but it lives in a shop's tab and gets no privileged answer). */
export const SIDEBAR_FRAME_PATH = '/src/sidebar/frame.html';

/** The sidebar's frame in a shop's tab. With `use_dynamic_url` (Chrome) its origin is the session's
 * dynamic id, not the extension id, so it is known by its path under an extension scheme; `sender.id`
 * (set by the browser) says it is ours. */
export function isSidebarFrame(sender: Sender, opts: Pick<RouterOptions, 'extensionId' | 'extensionOrigin'>): boolean {
  if (sender.id !== opts.extensionId || !sender.tab || !sender.url) return false;
  let url: URL;
  try {
    url = new URL(sender.url);
  } catch {
    return false;
  }
  return url.protocol === new URL(opts.extensionOrigin).protocol && url.pathname === SIDEBAR_FRAME_PATH;
}

/** An extension page (popup, options, offscreen), not a content script in a web page. */
export function isExtensionPage(sender: Sender, opts: Pick<RouterOptions, 'extensionId' | 'extensionOrigin'>): boolean {
  return sender.id === opts.extensionId && !!sender.url?.startsWith(opts.extensionOrigin);
}

export function createRouter(
  opts: RouterOptions,
  channels: { ui: Channel<{ type: string }>; content: Channel<{ type: string }>; sidebar: Channel<{ type: string }> },
) {
  return async function route(raw: unknown, sender: Sender): Promise<Reply<unknown> | undefined> {
    // Messages addressed to the ML document are not ours to answer.
    if (typeof raw === 'object' && raw !== null && (raw as { target?: unknown }).target === 'ml') return undefined;
    if (sender.id !== opts.extensionId) return { ok: false, error: 'unknown sender' };
    const fromFrame = isSidebarFrame(sender, opts);
    const fromPage = !fromFrame && isExtensionPage(sender, opts);
    const channel = fromFrame ? channels.sidebar : fromPage ? channels.ui : channels.content;
    if (!fromPage && !sender.tab) return { ok: false, error: 'content messages must come from a tab' };  // not shown to the shopper
    const parsed = v.safeParse(channel.schema, raw);
    if (!parsed.success) return { ok: false, error: `invalid message: ${describeIssues(parsed.issues)}` };
    const msg = parsed.output;
    if (channel.privileged?.has(msg.type) && !fromPage) return { ok: false, error: `${msg.type} is not allowed here` };  // not shown to the shopper
    try {
      await opts.ready();
      const handler = (channel.handlers as Record<string, (m: unknown, s: Sender) => unknown>)[msg.type]!;
      return { ok: true, value: await handler(msg, sender) };
    } catch (error) {
      opts.onError(msg.type, error);
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  };
}
