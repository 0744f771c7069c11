// Changing the desk's house rules and settings (their shape: settings.ts). A store without
// settings (or an older one) gets the defaults: every list empty, every rule off,
// so the core commands behave as they always did until a desk turns rules on.
import { invalidInput, notFound } from '../errors.js';
import { isReasonCode, REASON_CODES } from './reasons.js';
import { POLICY_FLAGS, POLICY_LISTS, POLICY_NUMBERS, readSettings, type PolicyList, type PolicyNumber, type PolicyFlag, type Settings } from './settings.js';
import type { StoreData } from './store-data.js';
import { distance, nearest } from './nearest.js';
import { NO_COMMENTS } from './needs.js';
import type { Operation, Query } from './operation.js';

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

// The operations on the settings: none reads a comment.

export const currentSettings: Query<void, Settings> = {
  needs: () => NO_COMMENTS,
  answer: (data) => readSettings(data),
};

export const setSetting: Operation<{ key: string; value: string }, Settings> = {
  needs: () => NO_COMMENTS,
  run(data, { key, value }) {
    const changed = setPolicyValue(data, key, value);
    return { result: readSettings(data), changed };
  },
};

export const changeList: Operation<{ how: 'add' | 'remove'; key: string; entries: string[] }, { settings: Settings; touched: string[] }> = {
  needs: () => NO_COMMENTS,
  run(data, { how, key, entries }) {
    const touched = how === 'add' ? addToList(data, key, entries) : removeFromList(data, key, entries);
    return { result: { settings: readSettings(data), touched }, changed: touched.length > 0 };
  },
};
