// House rules applied to a comment as it comes in. Matching is case-insensitive,
// sees through NFKC look-alikes (full-width letters) and simple spacing tricks
// ("s p a m", "s.p.a.m"), and works on word boundaries — except for terms in
// scripts written without spaces between words (Chinese, Japanese) and Korean,
// whose words take particles: those match as substrings.
import { conflict, RfaError } from '../errors.js';
import type { StoreData } from './store-data.js';
import { sameAuthor, type Comment, type Flag, type HistoryEntry } from './comment.js';
import { ownComments } from './own-comments.js';
import { readSettings, type Policy } from './settings.js';
import { isReasonCode, type ReasonCode } from './reasons.js';

const SEPARATORS = '[\\s._\\-*·•,]*';
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
/** A character matched as itself: terms are data, never pattern syntax (letters and digits as they are, anything else by code point). */
const literal = (ch: string) => (/^[\p{L}\p{N}]$/u.test(ch) ? ch : `\\u{${ch.codePointAt(0)!.toString(16)}}`);

/** A term, optionally "term=code": the code says how a rejection by this entry is reported. */
export function splitEntry(entry: string): { term: string; code?: ReasonCode } {
  const at = entry.lastIndexOf('=');
  if (at > 0) {
    const code = entry.slice(at + 1);
    if (isReasonCode(code)) return { term: entry.slice(0, at).trim(), code };
  }
  return { term: entry };
}

export function termPattern(term: string): RegExp {
  const chars = [...term.normalize('NFKC').toLowerCase()].filter((ch) => !/\s/.test(ch));
  const body = chars.map(literal).join(SEPARATORS);
  if (CJK.test(term)) return new RegExp(body, 'giu');
  return new RegExp(`(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`, 'giu');
}

/** What a text looks like to the matcher: NFKC (full-width "ｓｐａｍ" is "spam"), lower case. */
export const matchForm = (text: string) => text.normalize('NFKC').toLowerCase();

/** The entries of a list that occur in the text, each with what it matched. */
export function findTerms(text: string, entries: string[]): { entry: string; term: string; code?: ReasonCode; found: string }[] {
  const form = matchForm(text);
  const hits = [];
  for (const entry of entries) {
    const { term, code } = splitEntry(entry);
    if (!term) continue;
    const m = termPattern(term).exec(form);
    if (m) hits.push({ entry, term, code, found: m[0] });
  }
  return hits;
}

const LINK = /\b(?:https?:\/\/|www\.)\S+/gi;
export const countLinks = (text: string) => (text.match(LINK) ?? []).length;

export interface Incoming {
  articleId: string;
  author: string;
  email: string | null;
  body: string;
  /** Who sent it over the web (a keyed hash of the address); none from the CLI. */
  sender?: string;
}

export interface Verdict {
  status: 'pending' | 'approved' | 'rejected';
  flags: Flag[];
  /** The automatic decision, recorded in the history by "policy". */
  decision?: Omit<HistoryEntry, 'at'>;
}

/** An entry equal to the author's e-mail (or, when `byName`, to the name), ignoring case and look-alikes. */
function matchesAuthor(entries: string[], incoming: Incoming, byName: boolean) {
  const name = matchForm(incoming.author);
  const email = incoming.email ? matchForm(incoming.email) : null;
  for (const entry of entries) {
    const { term, code } = splitEntry(entry);
    const t = matchForm(term);
    if ((byName && t === name) || (email !== null && t === email)) return { entry, term, code };
  }
  return undefined;
}

/** Applies the house rules. Throws a conflict (exit 4) for a flood; otherwise says how to store the comment. */
/**
 * The web form's clock: sent sooner than form-min-seconds after it was shown
 * (a person reads and types; a bot posts at once) or later than form-max-hours
 * (an old copy of the page) is refused, and the form is shown again.
 */
export function checkFormAge(shownAt: Date, now: Date, policy: Policy): void {
  const age = now.getTime() - shownAt.getTime();
  const min = policy['form-min-seconds'];
  const max = policy['form-max-hours'];
  if (min > 0 && age < min * 1000) {
    throw new RfaError('INVALID_INPUT', `the form was sent ${Math.max(0, Math.round(age / 100) / 10)} s after it was shown, sooner than a person types (form-min-seconds ${min}); nothing was stored`,
      'read it over and send it again', 'FORM_TOO_FAST');
  }
  if (max > 0 && age > max * 3_600_000) {
    throw new RfaError('INVALID_INPUT', `the form was shown more than ${max} hours ago (form-max-hours); nothing was stored`, 'send it again from this fresh form', 'FORM_EXPIRED');
  }
}

/** How many of `comments` (all, or those that match `same`) were made in the last `minutes` (imported comments can be old yet late in the list). */
function recentCount(comments: readonly Comment[], now: Date, minutes: number, same: (c: Comment) => boolean = () => true): number {
  const since = now.getTime() - minutes * 60_000;
  let recent = 0;
  // The cheap test first: a time is parsed only for the comments that match.
  for (const c of comments) if (same(c) && Date.parse(c.createdAt) >= since) recent++;
  return recent;
}

/**
 * Applies the house rules. Throws a conflict (exit 4; 429 on the web) for a
 * flood or a sender past its rate; otherwise says how to store the comment.
 * `own`: `ownComments(data.comments, incoming)` (see own-comments.ts), when the caller has it already.
 */
export function judgeSubmission(data: StoreData, incoming: Incoming, now: Date, policy: Policy = readSettings(data).policy, own = ownComments(data.comments, incoming)): Verdict {
  const { sender } = incoming;
  if (sender !== undefined && policy['rate-limit'] > 0 && policy['rate-window'] > 0) {
    const recent = recentCount(own, now, policy['rate-window'], (c) => c.sender === sender);
    if (recent >= policy['rate-limit']) {
      throw conflict(
        `too many comments from one sender: ${recent} in the last ${policy['rate-window']} minute${policy['rate-window'] === 1 ? '' : 's'} (rate-limit ${policy['rate-limit']}); nothing was stored`,
        'wait a minute and send it again',
        'RATE_LIMIT',
      );
    }
  }
  if (policy['flood-max'] > 0 && policy['flood-window'] > 0) {
    // Every own comment counts: by name or e-mail, and from the web by sender as well, so a new name each time does not get round it.
    const recent = recentCount(own, now, policy['flood-window']);
    if (recent >= policy['flood-max']) {
      throw conflict(
        `flood limit: ${incoming.author} has posted ${recent} comment${recent === 1 ? '' : 's'} in the last ${policy['flood-window']} minute${policy['flood-window'] === 1 ? '' : 's'} (flood-max ${policy['flood-max']}); nothing was stored`,
        'wait, or raise the limit with rfa policy set flood-max <n>',
        'FLOOD_LIMIT',
      );
    }
  }

  const blocked = matchesAuthor(policy['blocked-authors'], incoming, true);
  if (blocked) {
    return { status: 'rejected', flags: [], decision: { action: 'rejected', by: 'policy', code: blocked.code ?? 'spam', rule: `blocked-authors "${blocked.entry}"` } };
  }
  const banned = findTerms(incoming.body, policy['banned-words']);
  if (banned.length) {
    const first = banned[0];
    return {
      status: 'rejected',
      flags: [{ rule: 'banned-words', matches: banned.map((b) => b.found) }],
      decision: { action: 'rejected', by: 'policy', code: first.code ?? 'abuse', rule: `banned-words "${first.entry}" matched "${first.found}"` },
    };
  }

  const flags: Flag[] = [];
  const suspect = findTerms(incoming.body, policy['suspect-words']);
  if (suspect.length) flags.push({ rule: 'suspect-words', matches: suspect.map((s) => s.found) });
  const links = countLinks(incoming.body);
  if (policy['max-links'] > 0 && links > policy['max-links']) flags.push({ rule: 'max-links', matches: [`${links} links (max ${policy['max-links']})`] });

  // Trust goes by e-mail only: anyone can type a trusted name.
  const trusted = matchesAuthor(policy['trusted-authors'], incoming, false);
  if (trusted) return { status: 'approved', flags, decision: { action: 'approved', by: 'policy', rule: `trusted-authors "${trusted.entry}"` } };
  if (policy['trust-returning']) {
    const earlier = own.find((c) => c.status === 'approved' && sameAuthor(c, incoming));
    if (earlier) return { status: 'approved', flags, decision: { action: 'approved', by: 'policy', rule: `trust-returning (comment #${earlier.id} was approved)` } };
  }
  return { status: 'pending', flags };
}
