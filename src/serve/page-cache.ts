// What the server has rendered, kept until the store changes: comments do not
// appear in real time, and a page is rendered once per change, not once per
// request. An entry holds for its store version (store.version(): the file's
// identity, PostgreSQL's snapshot) and at most a minute (an article can close
// by age with no write), and the oldest go first past `max` addresses.
import { createHash } from 'node:crypto';
import type { Reply } from './reply.js';

/** Where the form's token goes in a rendered page: each answer gets a fresh one. */
export const TOKEN_SLOT = '\u0000form-token\u0000';

const MAX_AGE_MS = 60_000;

/** A reply ready to send many times: its bytes (split where the token goes) and its ETag (of the page, the token aside). */
export function frozen(reply: Reply): Reply {
  const etag = `W/"${createHash('sha256').update(reply.body).digest('base64url').slice(0, 27)}"`;
  const chunks = reply.body.split(TOKEN_SLOT).map((part) => Buffer.from(part));
  return { ...reply, etag, chunks };
}

export class PageCache {
  readonly #entries = new Map<string, { version: string; at: number; reply: Reply }>();

  constructor(private readonly max = 1000) {}

  get(key: string, version: string, now: number): Reply | undefined {
    const entry = this.#entries.get(key);
    return entry && entry.version === version && now - entry.at < MAX_AGE_MS ? entry.reply : undefined;
  }

  set(key: string, version: string, now: number, reply: Reply): void {
    this.#entries.delete(key);
    if (this.#entries.size >= this.max) this.#entries.delete(this.#entries.keys().next().value!);
    this.#entries.set(key, { version, at: now, reply });
  }
}
