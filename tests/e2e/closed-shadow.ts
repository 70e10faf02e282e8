// The sidebar lives in a closed shadow root, which page scripts (and Playwright's locators) cannot
// enter. The DevTools protocol can: DOM.getDocument with pierce reaches closed roots, so tests read
// and click the sidebar as a person would see it, without the product opening its root for them.
import type { Page } from 'playwright-core';

interface Node { nodeId: number; nodeName: string; attributes?: string[]; children?: Node[]; shadowRoots?: Node[] }

export interface ShadowView {
  /** Item ids of the picks, in rank order (empty when no sidebar is shown). */
  picks(): Promise<string[]>;
  /** Clicks the button or link with this text on the card of `itemId` (or anywhere, without). */
  click(text: string, itemId?: string): Promise<void>;
  /** The sidebar's text. */
  text(): Promise<string>;
  close(): Promise<void>;
}

export async function sidebarOf(page: Page): Promise<ShadowView> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  const root = async (): Promise<number | undefined> => {
    const { root: doc } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: Node };
    const find = (n: Node): Node | undefined => (n.nodeName === 'CARRYOVER-SIDEBAR' ? n : (n.children ?? []).map(find).find(Boolean));
    return find(doc)?.shadowRoots?.[0]?.nodeId;
  };
  const all = async (selector: string) => {
    const id = await root();
    if (!id) return [];
    return ((await cdp.send('DOM.querySelectorAll', { nodeId: id, selector })) as { nodeIds: number[] }).nodeIds;
  };
  const attr = async (nodeId: number, name: string) => {
    const { attributes } = (await cdp.send('DOM.getAttributes', { nodeId })) as { attributes: string[] };
    const i = attributes.indexOf(name);
    return i >= 0 ? attributes[i + 1] : undefined;
  };
  const textOf = async (nodeId: number) => {
    const { object } = (await cdp.send('DOM.resolveNode', { nodeId })) as { object: { objectId: string } };
    const { result } = (await cdp.send('Runtime.callFunctionOn', { objectId: object.objectId, functionDeclaration: 'function () { return this.textContent; }', returnByValue: true })) as { result: { value: string } };
    return result.value;
  };
  return {
    async picks() {
      const ids: string[] = [];
      for (const n of await all('li[data-item-id]')) ids.push((await attr(n, 'data-item-id'))!);
      return ids;
    },
    async click(text, itemId) {
      const scope = itemId ? `li[data-item-id="${itemId}"] ` : '';
      for (const n of await all(`${scope}button, ${scope}a`)) {
        if ((await textOf(n)).trim() !== text) continue;
        await cdp.send('DOM.scrollIntoViewIfNeeded', { nodeId: n });
        const { model } = (await cdp.send('DOM.getBoxModel', { nodeId: n })) as { model: { content: number[] } };
        const q = model.content;
        await page.mouse.click((q[0]! + q[4]!) / 2, (q[1]! + q[5]!) / 2);
        return;
      }
      throw new Error(`no "${text}" control in the sidebar${itemId ? ` on card ${itemId}` : ''}`);
    },
    async text() {
      const id = await root();
      return id ? textOf(id) : '';
    },
    close: () => cdp.detach(),
  };
}
