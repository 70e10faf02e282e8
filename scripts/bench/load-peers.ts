// The --pages peers (metascraper, web-auto-extractor) are an opt-in install: metascraper pulls re2,
// compiled from C++ on every install, so they live in bench-peers/ with their own package.json.
import type { Extracted } from './extract-match.ts';

export type Peer = (html: string, url: string) => Promise<Extracted>;

export async function loadPeers(): Promise<Record<string, Peer>> {
  // A computed path, so that type-checking the repository does not need the opt-in packages.
  const path = new URL('../../bench-peers/peers.ts', import.meta.url).href;
  try {
    return ((await import(path)) as { PEERS: Record<string, Peer> }).PEERS;
  } catch (e) {
    console.error(`peers not compared (${(e as Error).message.split('\n')[0]}); install them with: npm --prefix bench-peers install`);
    return {};
  }
}
