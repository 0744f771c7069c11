// The desk's house rules and settings, as the store keeps them. A store without
// settings (or an older one) gets the defaults: every list empty, every rule off,
// so the core commands behave as they always did until a desk turns rules on.
import { invalidInput, notFound } from '../errors.js';
import type { StoreData } from './store-data.js';
import { DEFAULT_REASON_MESSAGES, isReasonCode, REASON_CODES, type ReasonCode } from './reasons.js';
import { distance, nearest } from './nearest.js';

export const POLICY_LISTS = ['banned-words', 'suspect-words', 'blocked-authors', 'trusted-authors'] as const;
export const POLICY_NUMBERS = ['max-links', 'flood-max', 'flood-window', 'auto-close-days'] as const;
export const POLICY_FLAGS = ['trust-returning'] as const;

export type PolicyList = (typeof POLICY_LISTS)[number];
export type PolicyNumber = (typeof POLICY_NUMBERS)[number];
export type PolicyFlag = (typeof POLICY_FLAGS)[number];

export type Policy = Record<PolicyList, string[]> & Record<PolicyNumber, number> & Record<PolicyFlag, boolean>;

export interface Settings {
  policy: Policy;
  reasonMessages: Record<ReasonCode, string>;
}

export const defaultPolicy = (): Policy => ({
  'banned-words': [],
  'suspect-words': [],
  'blocked-authors': [],
  'trusted-authors': [],
  'max-links': 0,
  'flood-max': 0,
  'flood-window': 0,
  'trust-returning': false,
  'auto-close-days': 0,
});

/** The store's settings with defaults filled in; never written unless a setting changes. */
export function readSettings(data: StoreData): Settings {
  const stored = data.settings;
  return {
    policy: { ...defaultPolicy(), ...(stored?.policy ?? {}) },
    reasonMessages: { ...DEFAULT_REASON_MESSAGES, ...(stored?.reasonMessages ?? {}) },
  };
}

/** The settings object inside the store, created on first change. */
function mutableSettings(data: StoreData): Settings {
  data.settings = readSettings(data);
  return data.settings;
}

const isList = (key: string): key is PolicyList => (POLICY_LISTS as readonly string[]).includes(key);
const isNumber = (key: string): key is PolicyNumber => (POLICY_NUMBERS as readonly string[]).includes(key);
const isFlag = (key: string): key is PolicyFlag => (POLICY_FLAGS as readonly string[]).includes(key);

const ALL_KEYS = [...POLICY_LISTS, ...POLICY_NUMBERS, ...POLICY_FLAGS, ...REASON_CODES.map((c) => `reason.${c}`)];

function unknownKey(key: string): never {
  const [guess] = nearest(ALL_KEYS, key, 1);
  const close = guess !== undefined && distance(guess, key) <= Math.max(2, Math.floor(key.length / 3));
  throw invalidInput(`unknown setting '${key}'`, `${close ? `did you mean '${guess}'? ` : ''}settings: ${ALL_KEYS.join(', ')}`);
}

/** Sets a number, a flag or a reason message. Returns whether anything changed. */
export function setPolicyValue(data: StoreData, key: string, raw: string): boolean {
  if (key.startsWith('reason.')) {
    const code = key.slice('reason.'.length);
    if (!isReasonCode(code)) throw invalidInput(`unknown reason code '${code}'`, `codes: ${REASON_CODES.join(', ')}`);
    const text = raw.normalize('NFC').replace(/[\u0000-\u001F\u007F-\u009F]/g, ' ').trim();
    if (!text || text.length > 500) throw invalidInput('a reason message is 1-500 characters of text');
    if (readSettings(data).reasonMessages[code] === text) return false;
    mutableSettings(data).reasonMessages[code] = text;
    return true;
  }
  if (isNumber(key)) {
    if (!/^(0|[1-9][0-9]{0,5})$/.test(raw)) throw invalidInput(`${key} must be a whole number from 0 to 999999 (0 turns it off), not '${raw}'`);
    const value = Number(raw);
    if (readSettings(data).policy[key] === value) return false;
    mutableSettings(data).policy[key] = value;
    return true;
  }
  if (isFlag(key)) {
    if (raw !== 'true' && raw !== 'false') throw invalidInput(`${key} must be true or false, not '${raw}'`);
    const value = raw === 'true';
    if (readSettings(data).policy[key] === value) return false;
    mutableSettings(data).policy[key] = value;
    return true;
  }
  if (isList(key)) throw invalidInput(`${key} is a list`, `use 'rfa policy add ${key} <entry...>' and 'rfa policy remove ${key} <entry...>'`);
  return unknownKey(key);
}

/** Entries are kept NFKC-normalised and trimmed; matching ignores case. */
function cleanEntry(list: PolicyList, raw: string): string {
  const entry = raw.normalize('NFKC').trim();
  if (!entry || entry.length > 200 || /[\u0000-\u001F\u007F-\u009F]/.test(entry)) {
    throw invalidInput(`'${raw}' is not a valid ${list} entry (1-200 characters of one-line text)`);
  }
  const code = entry.includes('=') ? entry.slice(entry.lastIndexOf('=') + 1) : undefined;
  if (code !== undefined && (list === 'banned-words' || list === 'blocked-authors') && !isReasonCode(code)) {
    throw invalidInput(`'${code}' in '${raw}' is not a reason code`, `codes: ${REASON_CODES.join(', ')}`);
  }
  return entry;
}

function listFor(key: string): PolicyList {
  if (isList(key)) return key;
  if (isNumber(key) || isFlag(key)) throw invalidInput(`${key} is not a list`, `use 'rfa policy set ${key} <value>'`);
  return unknownKey(key);
}

/** Adds entries to a list (case-insensitively once each). Returns the entries actually added. */
export function addToList(data: StoreData, key: string, entries: string[]): string[] {
  const list = listFor(key);
  const cleaned = entries.map((e) => cleanEntry(list, e));
  const current = readSettings(data).policy[list];
  const have = new Set(current.map((e) => e.toLowerCase()));
  const added = cleaned.filter((e) => {
    const k = e.toLowerCase();
    if (have.has(k)) return false;
    have.add(k);
    return true;
  });
  if (added.length) mutableSettings(data).policy[list] = [...current, ...added];
  return added;
}

/** Removes entries from a list; an entry that is not there is a not-found error, and nothing changes. */
export function removeFromList(data: StoreData, key: string, entries: string[]): string[] {
  const list = listFor(key);
  const current = readSettings(data).policy[list];
  const wanted = entries.map((e) => e.normalize('NFKC').trim().toLowerCase());
  const missing = entries.filter((_, i) => !current.some((c) => c.toLowerCase() === wanted[i]));
  if (missing.length) throw notFound(`not in ${list}: ${missing.map((m) => `'${m}'`).join(', ')}; nothing was changed`);
  mutableSettings(data).policy[list] = current.filter((c) => !wanted.includes(c.toLowerCase()));
  return entries;
}
