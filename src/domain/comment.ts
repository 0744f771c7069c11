// A reader's comment, its history, and the rules for text that comes in.
import { invalidInput } from '../errors.js';
import type { SourceRef } from './article.js';

export type CommentStatus = 'pending' | 'approved' | 'rejected';
export const STATUSES: readonly CommentStatus[] = ['pending', 'approved', 'rejected'];

export const HISTORY_ACTIONS = ['submitted', 'approved', 'rejected', 'edited', 'reopened', 'purged'] as const;
export type HistoryAction = (typeof HISTORY_ACTIONS)[number];

export interface HistoryEntry {
  action: HistoryAction;
  at: string;
  by: string;
  reason?: string;
  /** For rejections: why, as a code a commenter can be told (see reasons.ts). */
  code?: string;
  /** For automatic decisions (by "policy"): the rule that fired. */
  rule?: string;
  previousBody?: string;
}

/** Something a house rule noticed; the comment waits for a person. */
export interface Flag {
  rule: string;
  matches: string[];
}

export interface Comment {
  id: number;
  articleId: string;
  parentId: number | null;
  author: string;
  email: string | null;
  body: string;
  status: CommentStatus;
  createdAt: string;
  updatedAt: string;
  history: HistoryEntry[];
  flags?: Flag[];
  /** Set when the text and personal data were erased for good. */
  purged?: boolean;
  /** The system and id an imported comment came from: a second import of it adds nothing. */
  source?: SourceRef;
  /** Who sent it over the web, as a keyed hash of the address (never the address): for the rate limit. */
  sender?: string;
  /** The latest earlier comment from the same sender, when there was one: "same sender as #n". */
  sameSenderAs?: number;
  /** The hash of the reader's receipt token (the token itself is only in the reader's link). */
  receipt?: string;
}

export const MAX_BODY = 5000;
export const MAX_NAME = 100;
export const MAX_REASON = 1000;

/** Counts code points, not UTF-16 units: "ы" and "😀" are one character each. */
export const codePointLength = (text: string) => {
  let n = 0;
  for (const _ of text) n++;
  return n;
};

// C0 and C1 controls and DEL, except the tab and newline that plain text may keep.
const CONTROL_EXCEPT_TAB_LF = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
const HAS_CONTROL_EXCEPT_TAB_LF = new RegExp(CONTROL_EXCEPT_TAB_LF.source);
const ANY_CONTROL = /[\u0000-\u001F\u007F-\u009F]/;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** What plain text may not hold: a control character (but newline and tab, unless `oneLine`), or a lone surrogate. */
export function textFault(text: string, oneLine: boolean): 'a control character' | 'a lone surrogate' | null {
  if ((oneLine ? ANY_CONTROL : HAS_CONTROL_EXCEPT_TAB_LF).test(text)) return 'a control character';
  LONE_SURROGATE.lastIndex = 0;
  return LONE_SURROGATE.test(text) ? 'a lone surrogate' : null;
}

/**
 * Text as both stores can hold it: a lone surrogate (half of a UTF-16 pair, not
 * Unicode text; PostgreSQL refuses it) becomes U+FFFD, controls other than
 * newline and tab are dropped.
 */
export const plainText = (raw: string) => raw.replace(LONE_SURROGATE, '\uFFFD').replace(CONTROL_EXCEPT_TAB_LF, '');

/** Comment text: CRLF to LF, NFC, lone surrogates replaced, controls other than newline and tab dropped, trimmed. */
export function normalizeBody(raw: string, what = 'comment text', max = MAX_BODY): string {
  const text = plainText(raw.replace(/\r\n?/g, '\n').normalize('NFC')).trim();
  const length = codePointLength(text);
  if (length === 0) throw invalidInput(`${what} is empty`);
  if (length > max) throw invalidInput(`${what} is ${length} characters long; the limit is ${max}`);
  return text;
}

/** A one-line name (an author or a moderator): trimmed, NFC, 1-100 characters, no controls. */
export function normalizeName(raw: string, what = 'author'): string {
  const name = raw.replace(LONE_SURROGATE, '\uFFFD').normalize('NFC').trim();
  if (ANY_CONTROL.test(name)) throw invalidInput(`${what} must be one line of text without control characters`);
  const length = codePointLength(name);
  if (length === 0) throw invalidInput(`${what} is empty`);
  if (length > MAX_NAME) throw invalidInput(`${what} is ${length} characters long; the limit is ${MAX_NAME}`);
  return name;
}

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:".]{2,}$/u;

export function normalizeEmail(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  const email = raw.normalize('NFC').trim();
  if (email.length > 254 || !EMAIL.test(email) || email.includes('..')) {
    throw invalidInput(`'${email}' is not a plausible e-mail address`, 'expected something like name@example.org');
  }
  return email;
}

/** A moderator's reason: one paragraph of plain text, up to 1000 characters. */
export function normalizeReason(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const reason = raw.normalize('NFC').replace(CONTROL_EXCEPT_TAB_LF, '').trim();
  if (reason === '') throw invalidInput('reason is empty');
  const length = codePointLength(reason);
  if (length > MAX_REASON) throw invalidInput(`reason is ${length} characters long; the limit is ${MAX_REASON}`);
  return reason;
}

export const isEdited = (comment: Comment) => comment.history.some((h) => h.action === 'edited');

type Who = { author: string; email: string | null };

/** The same person, as far as rfa can tell: the same name, or the same e-mail, ignoring case. */
export const sameAuthor = (a: Who, b: Who) =>
  a.author.toLowerCase() === b.author.toLowerCase() || (a.email !== null && b.email !== null && a.email.toLowerCase() === b.email.toLowerCase());

/** The fields a reader may see: no e-mail, no status, no history. */
export interface PublicComment {
  id: number;
  parentId: number | null;
  author: string;
  body: string;
  createdAt: string;
  edited: boolean;
}
