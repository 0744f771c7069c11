// What the server takes from a request before any rule looks at it: a body
// of one of the two kinds it accepts, within its limit, parsed by Node's own
// URLSearchParams or JSON.parse; who sent it; and whether a browser sent it
// from this site's own page.
import type { IncomingMessage } from 'node:http';
import { RfaError } from '../errors.js';

/** A comment is at most 5,000 characters (20 KB of UTF-8, three times that percent-encoded): 64 KiB holds any honest form. */
export const MAX_BODY_BYTES = 64 * 1024;

export type BodyKind = 'form' | 'json';

const refuse = (message: string, subcode: 'BODY_TOO_LARGE' | 'MEDIA_TYPE' | 'FOREIGN_ORIGIN', hint?: string) => new RfaError('INVALID_INPUT', message, hint, subcode);

/** Which of the two kinds the body says it is; anything else is refused (415) before it is read. */
export function bodyKind(req: IncomingMessage): BodyKind {
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type === 'application/x-www-form-urlencoded') return 'form';
  if (type === 'application/json') return 'json';
  throw refuse(`a comment is sent as application/x-www-form-urlencoded (the form) or application/json, not ${type ? `'${type}'` : 'without a Content-Type'}`, 'MEDIA_TYPE');
}

/** The body as text, refused (413) past MAX_BODY_BYTES, whether or not it said its length. */
export async function readBody(req: IncomingMessage): Promise<string> {
  const tooLarge = () => refuse(`the request body is over ${MAX_BODY_BYTES / 1024} KiB; a comment is at most 5,000 characters`, 'BODY_TOO_LARGE');
  if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The submitted fields, as strings (absent ones left out). */
export function parseFields(kind: BodyKind, body: string): Record<string, string> {
  if (kind === 'form') return Object.fromEntries(new URLSearchParams(body));
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (err) {
    throw new RfaError('INVALID_INPUT', `the body is not valid JSON: ${(err as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new RfaError('INVALID_INPUT', 'the body must be a JSON object: {"author", "text", "email"?, "parent"?}');
  const fields: Record<string, string> = {};
  for (const [key, v] of Object.entries(value)) {
    if (typeof v === 'string' || (typeof v === 'number' && key === 'parent')) fields[key] = String(v);
    else if (v !== null) throw new RfaError('INVALID_INPUT', `"${key}" must be a string`);
  }
  return fields;
}

/**
 * The client's address: the peer's, or behind `trustProxy` proxies of the
 * desk's own, the one that many hops back in X-Forwarded-For (each proxy
 * appends the address it was reached from; what a client writes itself lies
 * further left and is never taken).
 */
export function clientAddress(req: IncomingMessage, trustProxy: number): string {
  const peer = req.socket.remoteAddress ?? 'unknown';
  if (trustProxy === 0) return peer;
  const header = req.headers['x-forwarded-for'];
  const hops = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',').map((h) => h.trim()).filter(Boolean);
  const chain = [...hops, peer];
  return chain[Math.max(0, chain.length - 1 - trustProxy)];
}

const originOf = (value: string): string | undefined => {
  try {
    return new URL(value).origin;
  } catch {
    return undefined;
  }
};

/**
 * A post a browser made from another site's page is refused (403). The site's
 * origin is the public URL's when given, else the Host the request was sent
 * to. A request without Origin or Referer did not come from a page: a script's,
 * which the form's token and the rate limit still hold to account.
 */
export function checkOrigin(req: IncomingMessage, baseUrl: string | undefined): void {
  const stated = req.headers.origin ?? req.headers.referer;
  if (stated === undefined) return;
  const origin = originOf(stated);
  const own = baseUrl !== undefined ? origin === originOf(baseUrl) : origin !== undefined && new URL(origin).host === req.headers.host;
  if (!own) throw refuse(`this form takes comments only from this site's own pages, not from ${origin ?? `'${stated}'`}`, 'FOREIGN_ORIGIN');
}
