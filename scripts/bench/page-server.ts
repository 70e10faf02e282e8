// Serves saved pages at their own addresses: the browser resolves every host name to this server
// (--host-resolver-rules), which answers each page's host and path with its file and everything
// else (the shop's scripts, styles, photos) with 404, so nothing leaves the machine and each page
// runs under its own host name, as the content script would find it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ServedPage {
  /** The page's address as the browser opens it (its own host and path). */
  url: string;
  html: () => string;
}

/** The address each page is served at: its own (https, as shops are and as HSTS-preloaded hosts
 * must be) host and path; a second page at the same address gets a query of its own. */
export function servedUrls(pageUrls: readonly string[]): string[] {
  const seen = new Set<string>();
  return pageUrls.map((u, i) => {
    const url = new URL(u);
    url.protocol = 'https:';
    url.port = '';
    url.hash = '';
    if (seen.has(url.href)) url.searchParams.set('carryover-page', String(i));
    seen.add(url.href);
    return url.href;
  });
}

export async function servePages(pages: readonly ServedPage[]): Promise<{ server: Server; port: number; requests: { ok: number; refused: number } }> {
  const byAddress = new Map(pages.map((p) => [new URL(p.url).host + new URL(p.url).pathname + new URL(p.url).search, p]));
  const requests = { ok: 0, refused: 0 };
  const server = createServer(selfSigned(), (req: IncomingMessage, res: ServerResponse) => {
    const page = byAddress.get(`${(req.headers.host ?? '').replace(/:\d+$/, '')}${req.url ?? '/'}`);
    if (!page) {
      requests.refused++;
      res.writeHead(404, { 'content-type': 'text/plain' }).end();
      return;
    }
    requests.ok++;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(page.html());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, port: (server.address() as AddressInfo).port, requests };
}

/** A throwaway certificate for this run (the browser is told to ignore certificate errors). */
function selfSigned(): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'carryover-cert-'));
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=carryover-bench', '-days', '1',
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
    return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
