// The typed errors every layer throws. Only main.ts turns them into exit codes.

export type ErrorCode = 'USAGE' | 'INVALID_INPUT' | 'NOT_FOUND' | 'CONFLICT' | 'STORE';

export const EXIT_CODES: Record<ErrorCode, number> = {
  STORE: 1,
  USAGE: 2,
  INVALID_INPUT: 2,
  NOT_FOUND: 3,
  CONFLICT: 4,
};

/**
 * Which conflict or store failure it was, for scripts to branch on without
 * parsing English: a duplicate can be dropped, a flood retried later, a busy
 * store retried at once, a corrupt one needs a person. Stable: listed in the
 * README; new ones may be added, none renamed.
 */
export type Subcode =
  | 'DUPLICATE'
  | 'FLOOD_LIMIT'
  | 'ARTICLE_CLOSED'
  | 'REPLY_TARGET'
  | 'ALREADY_EXISTS'
  | 'PURGED'
  | 'CHANGED_MEANWHILE'
  | 'STORE_BUSY'
  | 'STORE_CORRUPT'
  | 'STORE_NEWER'
  | 'STORE_MISSING'
  | 'STORE_READ_ONLY'
  | 'STORE_UNREACHABLE';

/** What each sub-code means, for `rfa help exit-codes` (the README has the same table). */
export const SUBCODES: Record<Subcode, string> = {
  DUPLICATE: 'the same author sent the same text on this article, and the earlier copy is not rejected',
  FLOOD_LIMIT: 'the author is past flood-max comments in flood-window minutes',
  ARTICLE_CLOSED: 'the article takes no comments',
  REPLY_TARGET: 'the parent is not an approved comment of that article',
  ALREADY_EXISTS: 'init, article import, a copy or a backup found something there',
  PURGED: 'the comment was purged',
  CHANGED_MEANWHILE: 'another moderator changed the comment during an edit',
  STORE_BUSY: 'another process held the lock past RFA_LOCK_TIMEOUT: retry',
  STORE_CORRUPT: 'not valid JSON, not a store, or a record rfa cannot use; left untouched',
  STORE_NEWER: 'written by a newer rfa: upgrade',
  STORE_MISSING: "no store there: 'rfa init'",
  STORE_READ_ONLY: 'the store file has no write permission',
  STORE_UNREACHABLE: 'PostgreSQL refused, unknown host or database, bad password, timeout',
};

export class RfaError extends Error {
  readonly code: ErrorCode;
  readonly hint?: string;
  readonly subcode?: Subcode;

  constructor(code: ErrorCode, message: string, hint?: string, subcode?: Subcode) {
    super(message);
    this.name = 'RfaError';
    this.code = code;
    this.hint = hint;
    this.subcode = subcode;
  }
}

export const usageError = (message: string, hint?: string) => new RfaError('USAGE', message, hint);
export const invalidInput = (message: string, hint?: string) => new RfaError('INVALID_INPUT', message, hint);
export const notFound = (message: string, hint?: string) => new RfaError('NOT_FOUND', message, hint);
export const conflict = (message: string, hint?: string, subcode?: Subcode) => new RfaError('CONFLICT', message, hint, subcode);
export const storeError = (message: string, hint?: string, subcode?: Subcode) => new RfaError('STORE', message, hint, subcode);
