// What the server makes from the store's secret (domain/web-secret.ts), all
// with Node's own crypto: the form's signed token (which article, when it was
// shown), the sender's keyed hash (the rate limit counts it; the address
// itself is never kept), and a reader's receipt (a random token for the link,
// of which the store keeps only the hash).
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const mac = (secret: string, ...parts: string[]) => createHmac('sha256', secret).update(parts.join('\u0000')).digest('base64url');

/** A new secret for a store that has none. */
export const newSecret = () => randomBytes(32).toString('base64url');

/** The token a form carries: when it was shown, signed with the article it posts to. */
export function formToken(secret: string, articleId: string, shownAt: Date): string {
  const time = shownAt.getTime().toString(36);
  return `${time}.${mac(secret, 'form', articleId, time)}`;
}

/** When the form with this token was shown; undefined unless this store signed it, for this article. */
export function formShownAt(secret: string, articleId: string, token: string): Date | undefined {
  const match = /^([0-9a-z]{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return undefined;
  const expected = Buffer.from(mac(secret, 'form', articleId, match[1]));
  const given = Buffer.from(match[2]);
  if (!timingSafeEqual(expected, given)) return undefined;
  const ms = parseInt(match[1], 36);
  return Number.isSafeInteger(ms) ? new Date(ms) : undefined;
}

/** The sender as stored: a keyed hash of the address, the same on every server of one store, useless without its secret. */
export const senderKey = (secret: string, address: string) => mac(secret, 'sender', address).slice(0, 22);

/** A reader's receipt: the token for their link, and the hash the store keeps. */
export function newReceipt(): { token: string; hash: string } {
  const token = randomBytes(18).toString('base64url');
  return { token, hash: receiptHash(token) };
}

export const receiptHash = (token: string) => createHash('sha256').update(token).digest('base64url');
