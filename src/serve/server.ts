// The HTTP server: Node's own http, the routes (routes.ts) and what every
// answer carries: the security headers, revalidation (ETag and Last-Modified,
// 304), a short public cache for pages (comments do not appear in real time),
// and one log line per request on stderr (method, path, status, time; never a
// comment's text, an e-mail, an address or a receipt's token).
import { createHash } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CSS } from '../render/html-page.js';
import type { Store } from '../store/store.js';
import type { Comment } from '../domain/comment.js';
import { submit, type Submission } from '../domain/submission.js';
import { webSecret } from '../domain/web-secret.js';
import { GroupCommit } from './group-commit.js';
import { allowed, answer, type Site } from './routes.js';
import type { Reply } from './reply.js';
import { formToken, newSecret } from './signing.js';
import { PageCache, TOKEN_SLOT } from './page-cache.js';

export interface ServeOptions {
  host: string;
  port: number;
  baseUrl?: string;
  trustProxy: number;
  /** max-age of public answers, in seconds. */
  cacheSeconds: number;
  /** CSP frame-ancestors: who may show the pages in a frame ('none' unless told). */
  frameAncestors: string;
  clock(): Date;
  log(line: string): void;
}

export interface RunningServer {
  url: string;
  /** Stops taking connections, lets what is in flight finish (every acknowledged comment written), and resolves. */
  close(): Promise<void>;
}

const TYPES: Record<Reply['type'], string> = {
  html: 'text/html; charset=utf-8',
  json: 'application/json; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  text: 'text/plain; charset=utf-8',
};

const styleHash = `'sha256-${createHash('sha256').update(`\n${CSS}\n`).digest('base64')}'`;

/** Paths whose text is a capability (a receipt's token): logged without it. */
const logPath = (path: string) => path.replace(/^(\/receipts\/).+$/, '$1…');

/** When each address's answer last changed, as this server saw it: for Last-Modified. */
class ChangeTimes {
  readonly #seen = new Map<string, { etag: string; since: Date }>();

  since(key: string, etag: string, now: Date): Date {
    const known = this.#seen.get(key);
    if (known?.etag === etag) return known.since;
    if (this.#seen.size > 10_000) this.#seen.clear();
    const since = new Date(Math.floor(now.getTime() / 1000) * 1000);
    this.#seen.set(key, { etag, since });
    return since;
  }
}

function fresh(req: IncomingMessage, etag: string, since: Date): boolean {
  const match = req.headers['if-none-match'];
  if (match !== undefined) return match.split(',').some((m) => m.trim() === etag || m.trim() === '*');
  const modified = Date.parse(req.headers['if-modified-since'] ?? '');
  return Number.isFinite(modified) && since.getTime() <= modified;
}

export async function startServer(store: Store, options: ServeOptions): Promise<RunningServer> {
  const secret = await store.run(webSecret, newSecret(), options.clock());
  const intake = new GroupCommit<Submission, Comment>((inputs) => store.runEach(submit, inputs, options.clock()));
  const base = options.baseUrl !== undefined ? new URL(options.baseUrl) : undefined;
  const basePath = base ? base.pathname.replace(/\/+$/, '') : '';
  const site: Site = {
    store,
    secret,
    intake,
    clock: options.clock,
    trustProxy: options.trustProxy,
    baseUrl: options.baseUrl,
    path: (p) => `${basePath}${p}`,
    absolute: (req, p) => (base ? `${base.origin}${p}` : `http://${req.headers.host ?? `${options.host}:${options.port}`}${p}`),
    pages: new PageCache(),
    report: (err) => options.log(`error: ${err instanceof Error ? err.message : String(err)}${process.env.RFA_DEBUG && err instanceof Error ? `\n${err.stack}` : ''}`),
  };
  const csp = `default-src 'none'; style-src ${styleHash}; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors ${options.frameAncestors}`;
  const changes = new ChangeTimes();
  let inFlight = 0;
  let idle: (() => void) | undefined;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    inFlight++;
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://server');
    } catch {
      url = new URL('http://server/');
    }
    const path = basePath && url.pathname.startsWith(`${basePath}/`) ? url.pathname.slice(basePath.length) : url.pathname;
    try {
      const reply = await answer(site, req, url, path);
      res.setHeader('Content-Security-Policy', csp);
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('Referrer-Policy', reply.cache === 'private' ? 'no-referrer' : 'same-origin');
      res.setHeader('Content-Type', TYPES[reply.type]);
      res.setHeader('Cache-Control', reply.cache === 'public' ? `public, max-age=${options.cacheSeconds}` : reply.cache === 'private' ? 'private, no-cache' : 'no-store');
      if (reply.status === 405) res.setHeader('Allow', allowed(path));
      if (reply.location) res.setHeader('Location', reply.location);
      // A body not read to its end (refused as too large or of the wrong kind) leaves the connection unusable.
      if (req.method === 'POST' && !req.readableEnded) res.setHeader('Connection', 'close');
      let status = reply.status;
      let send = true;
      if (status === 200 && reply.etag) {
        const since = changes.since(path, reply.etag, options.clock());
        res.setHeader('ETag', reply.etag);
        res.setHeader('Last-Modified', since.toUTCString());
        if (fresh(req, reply.etag, since)) {
          status = 304;
          send = false;
        }
      }
      res.statusCode = status;
      if (send) {
        // The body's pieces, with a fresh form token in its slot.
        const chunks = reply.chunks ?? reply.body.split(TOKEN_SLOT).map((part) => Buffer.from(part));
        const token = reply.tokenFor !== undefined ? Buffer.from(formToken(secret, reply.tokenFor, options.clock())) : undefined;
        const pieces = token ? chunks.flatMap((c, i) => (i ? [token, c] : [c])) : chunks;
        res.setHeader('Content-Length', pieces.reduce((n, p) => n + p.length, 0));
        if (req.method !== 'HEAD') for (const piece of pieces) res.write(piece);
      }
      res.end();
      options.log(`${req.method} ${logPath(path)} ${status} ${(performance.now() - started).toFixed(1)}ms`);
    } catch (err) {
      // Only a failure to answer at all lands here (answer() turns every other into a reply).
      options.log(`${req.method} ${logPath(path)} failed: ${(err as Error).message}`);
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': TYPES.text }).end('something went wrong on our side\n');
      else res.destroy();
    } finally {
      if (--inFlight === 0) idle?.();
    }
  }

  const server = http.createServer({ requestTimeout: 30_000, headersTimeout: 15_000 }, (req, res) => void handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    url: `http://${host}:${address.port}`,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      if (inFlight > 0) await new Promise<void>((resolve) => (idle = resolve));
      await intake.idle();
      // Keep-alive connections that stay busy past a grace period are cut.
      const cut = setTimeout(() => server.closeAllConnections(), 5_000);
      await closed;
      clearTimeout(cut);
    },
  };
}
