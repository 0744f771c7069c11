import { describe, expect, it } from 'vitest';
import { isClosed } from '../../src/domain/catalog';
import { decideComments, purgeComments, reopenComment } from '../../src/domain/moderation';
import { addToList, removeFromList, setPolicyValue } from '../../src/domain/policy';
import { defaultPolicy, readSettings, type Policy } from '../../src/domain/settings';
import { computeStats, moderationLog, parseSince } from '../../src/domain/record';
import { findTerms, judgeSubmission } from '../../src/domain/rules';
import { addComment } from '../../src/domain/submission';
import { errorCode, storeWithArticle, T0 } from '../helpers/domain';
import type { RfaError } from '../../src/errors';
import { emptyStoreData } from '../../src/domain/store-data';

const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);
const store = (policy: Partial<Policy> = {}) => storeWithArticle(policy);
const codeOf = errorCode;

describe('term matching', () => {
  const found = (text: string, entries: string[]) => findTerms(text, entries).map((h) => h.found);

  it('is case-insensitive and on word boundaries', () => {
    expect(found('Buy SPAM now', ['spam'])).toEqual(['spam']);
    expect(found('a spammer writes', ['spam'])).toEqual([]);
    expect(found('scunthorpe', ['cunt'])).toEqual([]);
  });

  it('sees through full-width look-alikes and spacing tricks', () => {
    expect(found('ｓｐａｍ here', ['spam'])).toEqual(['spam']);
    expect(found('s p a m', ['spam'])).toEqual(['s p a m']);
    expect(found('S.P.A.M!', ['spam'])).toEqual(['s.p.a.m']);
    expect(found('cheap   watches', ['cheap watches'])).toEqual(['cheap   watches']);
  });

  it('takes every character of a term literally: pattern syntax is data (a hyphen once broke all intake)', () => {
    expect(found('about self-harm here', ['self-harm'])).toEqual(['self-harm']);
    for (const term of ['a-b', 'c++', '(x', 'x]', '[', '\\d', 'a|b', '.*', '$1', '{2}', '/', '^', 'é?', '#', '"']) {
      expect(() => findTerms(`text with ${term} in it`, [term]), term).not.toThrow();
    }
    expect(found('C++ is fun', ['c++'])).toEqual(['c++']);
    expect(found('x y z', ['.*'])).toEqual([]);
    expect(found('ab', ['a|b'])).toEqual([]);
    expect(found('aa', ['a{2}'])).toEqual([]);
  });

  it('matches Korean and Japanese as substrings', () => {
    expect(found('너는 바보야', ['바보'])).toEqual(['바보']);
    expect(found('お前は馬鹿だ', ['馬鹿'])).toEqual(['馬鹿']);
    expect(found('ﾊﾞｶ', ['バカ'])).toEqual(['バカ']);
  });
});

describe('judgeSubmission', () => {
  const incoming = (over: Partial<{ author: string; email: string | null; body: string }> = {}) => ({
    articleId: 'a',
    author: 'Jane',
    email: 'jane@example.org',
    body: 'A fair comment.',
    ...over,
  });

  it('with no rules on, everything waits for a person, unflagged', () => {
    expect(judgeSubmission(store(), incoming({ body: 'spam http://x http://y' }), T0)).toEqual({ status: 'pending', flags: [] });
  });

  it('banned words reject with the rule and its code', () => {
    const v = judgeSubmission(store({ 'banned-words': ['viagra=spam', 'idiot'] }), incoming({ body: 'Cheap V I A G R A' }), T0);
    expect(v.status).toBe('rejected');
    expect(v.decision).toMatchObject({ action: 'rejected', by: 'policy', code: 'spam', rule: 'banned-words "viagra=spam" matched "v i a g r a"' });
    expect(judgeSubmission(store({ 'banned-words': ['idiot'] }), incoming({ body: 'You IDIOT' }), T0).decision?.code).toBe('abuse');
  });

  it('blocked authors by name or e-mail are rejected; trusted authors by e-mail approved', () => {
    expect(judgeSubmission(store({ 'blocked-authors': ['JANE'] }), incoming(), T0).status).toBe('rejected');
    expect(judgeSubmission(store({ 'blocked-authors': ['jane@example.org'] }), incoming({ author: 'Other' }), T0).decision?.code).toBe('spam');
    expect(judgeSubmission(store({ 'trusted-authors': ['jane@example.org'] }), incoming(), T0).status).toBe('approved');
    expect(judgeSubmission(store({ 'trusted-authors': ['Jane'] }), incoming(), T0).status).toBe('pending');
  });

  it('trust-returning approves an author with an earlier approved comment', () => {
    const data = store({ 'trust-returning': true });
    addComment(data, { author: 'Jane', email: 'jane@example.org', body: 'first' }, T0);
    expect(judgeSubmission(data, incoming(), T0).status).toBe('pending');
    decideComments(data, [1], 'approved', 'mod', T0);
    expect(judgeSubmission(data, incoming(), T0).decision?.rule).toBe('trust-returning (comment #1 was approved)');
  });

  it('suspect words and too many links flag the comment and leave it pending', () => {
    const v = judgeSubmission(store({ 'suspect-words': ['stupid'], 'max-links': 1 }), incoming({ body: 'Stupid: see https://a.example and www.b.example' }), T0);
    expect(v.status).toBe('pending');
    expect(v.flags).toEqual([
      { rule: 'suspect-words', matches: ['stupid'] },
      { rule: 'max-links', matches: ['2 links (max 1)'] },
    ]);
  });

  it('refuses a flood: more than flood-max comments from one author or e-mail within the window', () => {
    const data = store({ 'flood-max': 2, 'flood-window': 10 });
    addComment(data, { author: 'Jane', body: 'one' }, minutes(0));
    addComment(data, { author: 'Someone', email: 'jane@example.org', body: 'two' }, minutes(1));
    expect(codeOf(() => addComment(data, { author: 'jane', email: 'jane@example.org', body: 'three' }, minutes(2)))).toBe('CONFLICT');
    expect(data.comments).toHaveLength(2);
    expect(addComment(data, { author: 'Jane', body: 'later' }, minutes(12)).id).toBe(3);
  });
});

describe('settings', () => {
  it('validates values and keys', () => {
    const data = store();
    expect(setPolicyValue(data, 'max-links', '3')).toBe(true);
    expect(setPolicyValue(data, 'max-links', '3')).toBe(false);
    expect(setPolicyValue(data, 'trust-returning', 'true')).toBe(true);
    for (const [k, v] of [['max-links', '-1'], ['max-links', 'two'], ['trust-returning', 'yes'], ['nope', '1'], ['banned-words', 'x'], ['reason.nope', 'x']]) {
      expect(codeOf(() => setPolicyValue(data, k, v)), `${k}=${v}`).toBe('INVALID_INPUT');
    }
    expect(setPolicyValue(data, 'reason.spam', 'No ads, please.')).toBe(true);
    expect(readSettings(data).reasonMessages.spam).toBe('No ads, please.');
  });

  it('adds list entries once (any case), removes them, and refuses to remove what is not there', () => {
    const data = store();
    expect(addToList(data, 'banned-words', ['Spam', 'spam', 'ｅｇｇｓ'])).toEqual(['Spam', 'eggs']);
    expect(codeOf(() => addToList(data, 'banned-words', ['x=notacode']))).toBe('INVALID_INPUT');
    expect(codeOf(() => removeFromList(data, 'banned-words', ['spam', 'ham']))).toBe('NOT_FOUND');
    expect(readSettings(data).policy['banned-words']).toEqual(['Spam', 'eggs']);
    removeFromList(data, 'banned-words', ['SPAM']);
    expect(readSettings(data).policy['banned-words']).toEqual(['eggs']);
  });

  it('a store without settings gets every rule off', () => {
    expect(readSettings(emptyStoreData()).policy).toEqual(defaultPolicy());
  });
});

describe('articles closed and auto-closed', () => {
  it('closes by hand, or after auto-close-days unless opened again', () => {
    const data = store({ 'auto-close-days': 3 });
    const article = data.articles[0];
    const policy = readSettings(data).policy;
    expect(isClosed(article, policy, minutes(60))).toBe(false);
    expect(isClosed(article, policy, new Date(T0.getTime() + 4 * 86_400_000))).toBe(true);
    article.closed = false;
    expect(isClosed(article, policy, new Date(T0.getTime() + 4 * 86_400_000))).toBe(false);
    article.closed = true;
    expect(codeOf(() => addComment(data, { author: 'A', body: 'x' }, minutes(1)))).toBe('CONFLICT');
  });
});

describe('the record', () => {
  function history() {
    const data = store();
    for (const body of ['one', 'two', 'three']) addComment(data, { author: 'A', body }, T0);
    decideComments(data, [1], 'approved', 'alice', minutes(10));
    decideComments(data, [2], 'rejected', 'bob', minutes(30), { code: 'spam' });
    reopenComment(data, 2, 'bob', minutes(31), 'undo of rejected');
    return data;
  }

  it('moderationLog lists every action newest first, with filters', () => {
    const data = history();
    expect(moderationLog(data).map((e) => [e.commentId, e.action, e.by])).toEqual([[2, 'reopened', 'bob'], [2, 'rejected', 'bob'], [1, 'approved', 'alice']]);
    expect(moderationLog(data, { by: 'ALICE' })).toHaveLength(1);
    expect(moderationLog(data, { since: minutes(20) })).toHaveLength(2);
    expect(moderationLog(data, { limit: 1 })[0].action).toBe('reopened');
    expect(moderationLog(data)[1].code).toBe('spam');
  });

  it('computeStats counts, finds the oldest pending, the median wait and decisions per moderator', () => {
    const s = computeStats(history(), minutes(60));
    expect(s.counts).toEqual({ pending: 2, approved: 1, rejected: 0 });
    expect(s.oldestPending).toEqual({ id: 2, createdAt: T0.toISOString(), waitingSeconds: 3600 });
    expect(s.medianWaitSeconds).toBe(1200);
    expect(s.decisionsBy).toEqual({ alice: { approved: 1, rejected: 0, edited: 0, purged: 0 }, bob: { approved: 0, rejected: 1, edited: 0, purged: 0 } });
  });

  it('parseSince takes dates and durations', () => {
    expect(parseSince('90m', T0)?.toISOString()).toBe('2026-11-28T08:30:00.000Z');
    expect(parseSince('2d', T0)?.toISOString()).toBe('2026-11-26T10:00:00.000Z');
    expect(parseSince('2026-11-01', T0)?.toISOString()).toBe('2026-11-01T00:00:00.000Z');
    expect(parseSince('yesterday', T0)).toBeUndefined();
  });

  it('purge erases text and personal data for good and leaves a tombstone', () => {
    const data = store();
    addComment(data, { author: 'Jane Doe', email: 'jane@example.org', body: 'My phone is 555-1234' }, T0);
    const { changedIds } = purgeComments(data, [1], 'alice', minutes(5), 'personal-data request');
    expect(changedIds).toEqual([1]);
    const c = data.comments[0];
    expect(JSON.stringify(c)).not.toMatch(/Jane|jane@|555-1234/);
    expect(c).toMatchObject({ status: 'rejected', purged: true, body: '', email: null });
    expect(c.history.at(-1)).toEqual({ action: 'purged', at: minutes(5).toISOString(), by: 'alice', reason: 'personal-data request' });
    expect(codeOf(() => decideComments(data, [1], 'approved', 'x', T0))).toBe('CONFLICT');
  });
});

describe('settings for people', () => {
  it("a mistyped setting gets a 'did you mean'", () => {
    const data = storeWithArticle();
    try {
      setPolicyValue(data, 'max-link', '3');
      throw new Error('no error');
    } catch (err) {
      expect((err as RfaError).hint).toMatch(/^did you mean 'max-links'\? settings: /);
    }
    try {
      setPolicyValue(data, 'colour', '3');
    } catch (err) {
      expect((err as RfaError).hint).toMatch(/^settings: /);
    }
  });
});
