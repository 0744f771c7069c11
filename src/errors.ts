// The typed errors every layer throws. Only main.ts turns them into exit codes,
// and only the server's request handler (serve/server.ts) into HTTP statuses, both from the tables here.

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
  | 'RATE_LIMIT'
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
  | 'STORE_UNREACHABLE'
  | 'FORM_EXPIRED'
  | 'FORM_TOO_FAST'
  | 'FORM_INVALID'
  | 'HONEYPOT'
  | 'FOREIGN_ORIGIN'
  | 'BODY_TOO_LARGE'
  | 'MEDIA_TYPE'
  | 'METHOD';

/** What each sub-code means, for `rfa help exit-codes` (the README has the same table). */
export const SUBCODES: Record<Subcode, string> = {
  DUPLICATE: 'the same author sent the same text on this article, and the earlier copy is not rejected',
  FLOOD_LIMIT: 'the author (or, on the web, the sender) is past flood-max comments in flood-window minutes',
  RATE_LIMIT: 'rfa serve: the sender is past rate-limit comments in rate-window minutes',
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
  FORM_EXPIRED: 'rfa serve: the form was shown longer ago than form-max-hours; it is shown again',
  FORM_TOO_FAST: 'rfa serve: the form came back sooner than form-min-seconds after it was shown',
  FORM_INVALID: "rfa serve: the form's token is missing or not this site's",
  HONEYPOT: 'rfa serve: the field people never see was filled in',
  FOREIGN_ORIGIN: "rfa serve: a browser posted from another site's page",
  BODY_TOO_LARGE: 'rfa serve: the request body is over 64 KiB',
  MEDIA_TYPE: 'rfa serve: a body that is neither a form nor JSON',
  METHOD: 'rfa serve: a method the address does not take',
};

/** The HTTP status for each error (rfa serve); a sub-code's own, where it has one, wins. */
const HTTP_STATUSES: Record<ErrorCode, number> = { USAGE: 400, INVALID_INPUT: 400, NOT_FOUND: 404, CONFLICT: 409, STORE: 500 };
const SUBCODE_STATUSES: Partial<Record<Subcode, number>> = {
  RATE_LIMIT: 429,
  FLOOD_LIMIT: 429,
  FOREIGN_ORIGIN: 403,
  BODY_TOO_LARGE: 413,
  MEDIA_TYPE: 415,
  METHOD: 405,
  STORE_BUSY: 503,
  STORE_UNREACHABLE: 503,
};

export const httpStatus = (err: RfaError): number => (err.subcode && SUBCODE_STATUSES[err.subcode]) || HTTP_STATUSES[err.code];

export class RfaError extends Error {
  readonly code: ErrorCode;
  readonly hint?: string;
  readonly subcode?: Subcode;
  /** The input field at fault, when one is (the web form shows the message beside it). */
  field?: string;

  constructor(code: ErrorCode, message: string, hint?: string, subcode?: Subcode) {
    super(message);
    this.name = 'RfaError';
    this.code = code;
    this.hint = hint;
    this.subcode = subcode;
  }
}

/** Runs `check`, naming `field` in any input error it throws (for the web form). */
export function inField<T>(field: string, check: () => T): T {
  try {
    return check();
  } catch (err) {
    if (err instanceof RfaError && err.field === undefined) err.field = field;
    throw err;
  }
}

export const usageError = (message: string, hint?: string) => new RfaError('USAGE', message, hint);
export const invalidInput = (message: string, hint?: string) => new RfaError('INVALID_INPUT', message, hint);
export const notFound = (message: string, hint?: string) => new RfaError('NOT_FOUND', message, hint);
export const conflict = (message: string, hint?: string, subcode?: Subcode) => new RfaError('CONFLICT', message, hint, subcode);
export const storeError = (message: string, hint?: string, subcode?: Subcode) => new RfaError('STORE', message, hint, subcode);
