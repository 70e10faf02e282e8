// The one way UI code talks to the background (after Dark Reader's Connector): typed requests,
// answers unwrapped, failures thrown as Errors with the background's words.
import browser from 'webextension-polyfill';
import type { uiHandlers } from '../background/handlers-ui.ts';
import type { sidebarHandlers } from '../background/handlers-sidebar.ts';
import type { Reply, SidebarMessage, UiMessage } from './messages.ts';
import { t } from './i18n.ts';

type Handlers = typeof uiHandlers;
export type Answer<T extends UiMessage['type']> = Awaited<ReturnType<Handlers[T]>>;

export async function ask<T extends UiMessage['type']>(msg: Extract<UiMessage, { type: T }>): Promise<Answer<T>> {
  const reply = (await browser.runtime.sendMessage(msg)) as Reply<Answer<T>> | undefined;
  if (!reply) throw new Error(t('errNoBackend'));
  if (!reply.ok) throw new Error(reply.error);
  return reply.value;
}

type SidebarHandlers = typeof sidebarHandlers;
export type SidebarAnswer<T extends SidebarMessage['type']> = Awaited<ReturnType<SidebarHandlers[T]>>;

/** The sidebar's frame asks through the same envelope; the background answers it from its own table. */
export async function askSidebar<T extends SidebarMessage['type']>(msg: Extract<SidebarMessage, { type: T }>): Promise<SidebarAnswer<T>> {
  const reply = (await browser.runtime.sendMessage(msg)) as Reply<SidebarAnswer<T>> | undefined;
  if (!reply) throw new Error(t('errNoBackendSidebar'));
  if (!reply.ok) throw new Error(reply.error);
  return reply.value;
}
