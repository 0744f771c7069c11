// The web form's rules, beside the others in the domain: the sender's rate
// limit, the flood rule by sender, the form's clock, receipts, the secret.
import { describe, expect, it } from 'vitest';
import { decideComments, purgeComments } from '../../src/domain/moderation';
import { receiptView } from '../../src/domain/receipt';
import { addComment, type Submission } from '../../src/domain/submission';
import { webSecret } from '../../src/domain/web-secret';
import type { RfaError } from '../../src/errors';
import { httpStatus } from '../../src/errors';
import { formShownAt, formToken, newReceipt, receiptHash, senderKey } from '../../src/serve/signing';
import { storeWithArticle, T0 } from '../helpers/domain';

const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const refusal = (fn: () => unknown): { subcode?: string; status?: number } => {
  try {
    fn();
  } catch (err) {
    return { subcode: (err as RfaError).subcode, status: httpStatus(err as RfaError) };
  }
  return {};
};
const post = (n: number, extra: Partial<Submission> = {}): Submission => ({ author: `Name ${n}`, body: `text ${n}`, articleId: 'a', ...extra });

describe('the web form rules', () => {
  it('rate-limit: a sender past its posts in the window is refused (429), others and the CLI are not', () => {
    const data = storeWithArticle();
    for (let i = 0; i < 5; i++) addComment(data, post(i, { sender: 's1' }), at(i));
    expect(refusal(() => addComment(data, post(9, { sender: 's1' }), at(10)))).toEqual({ subcode: 'RATE_LIMIT', status: 429 });
    expect(() => addComment(data, post(10, { sender: 's2' }), at(10))).not.toThrow();
    expect(() => addComment(data, post(11), at(10))).not.toThrow(); // no sender: the CLI
    // A minute after the first, one more is allowed.
    expect(() => addComment(data, post(12, { sender: 's1' }), at(61))).not.toThrow();
    expect(data.comments.filter((c) => c.sender === 's1').map((c) => c.sameSenderAs ?? null)).toEqual([null, 1, 2, 3, 4, 5]);
  });

  it('rate-limit 0 turns it off; the flood rule counts a sender under any name', () => {
    const data = storeWithArticle({ 'rate-limit': 0, 'flood-max': 3, 'flood-window': 10 });
    for (let i = 0; i < 3; i++) addComment(data, post(i, { sender: 's1' }), at(i));
    expect(refusal(() => addComment(data, post(3, { sender: 's1' }), at(5)))).toEqual({ subcode: 'FLOOD_LIMIT', status: 429 });
    expect(() => addComment(data, post(4, { sender: 's2' }), at(5))).not.toThrow();
  });

  it("the form's clock: too soon and too late are refused, as set by policy", () => {
    const data = storeWithArticle();
    expect(refusal(() => addComment(data, post(1, { formShownAt: at(0) }), at(2.9)))).toEqual({ subcode: 'FORM_TOO_FAST', status: 400 });
    expect(refusal(() => addComment(data, post(2, { formShownAt: at(0) }), at(24 * 3600 + 1)))).toEqual({ subcode: 'FORM_EXPIRED', status: 400 });
    expect(() => addComment(data, post(3, { formShownAt: at(0) }), at(3))).not.toThrow();
    const off = storeWithArticle({ 'form-min-seconds': 0, 'form-max-hours': 0 });
    expect(() => addComment(off, post(1, { formShownAt: at(0) }), at(0))).not.toThrow();
    expect(() => addComment(off, post(2, { formShownAt: at(0) }), at(1e7))).not.toThrow();
    expect(data.comments).toHaveLength(1);
  });

  it('a receipt says where the comment stands, with the reason code\'s sentence, never the private note; purged, it says removed', () => {
    const data = storeWithArticle();
    const c = addComment(data, post(1, { receipt: 'r1' }), at(0));
    expect(receiptView.answer(data, 'r1')).toMatchObject({ id: c.id, state: 'waiting', body: 'text 1', articleTitle: 'A' });
    decideComments(data, [c.id], 'rejected', 'mod', at(1), { reason: 'PRIVATE note', code: 'off-topic' });
    const rejected = receiptView.answer(data, 'r1');
    expect(rejected).toMatchObject({ state: 'not-published', reason: 'Your comment was not published because it is not about the article.' });
    expect(JSON.stringify(rejected)).not.toContain('PRIVATE');
    purgeComments(data, [c.id], 'mod', at(2), 'legal request');
    expect(receiptView.answer(data, 'r1')).toMatchObject({ state: 'removed', author: '', body: '' });
    expect(data.comments[0].receipt).toBe('r1');
    expect(() => receiptView.answer(data, 'r2')).toThrow('no comment has this receipt');
  });

  it('the secret is made once and kept', () => {
    const data = storeWithArticle();
    expect(webSecret.run(data, 'first', T0)).toEqual({ result: 'first', changed: true });
    expect(webSecret.run(data, 'second', T0)).toEqual({ result: 'first', changed: false });
  });
});

describe('signing', () => {
  it('a form token carries its time, for its article only, and only under its secret', () => {
    const token = formToken('k', 'a', at(0));
    expect(formShownAt('k', 'a', token)).toEqual(at(0));
    expect(formShownAt('k', 'b', token)).toBeUndefined();
    expect(formShownAt('other', 'a', token)).toBeUndefined();
    const [time, sig] = token.split('.');
    expect(formShownAt('k', 'a', `${(parseInt(time, 36) + 1).toString(36)}.${sig}`)).toBeUndefined();
    for (const bad of ['', '.', 'x', `${time}.`, `${time}.${sig}x`, `${time}.${sig.slice(1)}`]) expect(formShownAt('k', 'a', bad), bad).toBeUndefined();
  });

  it('sender keys are keyed hashes: stable, distinct, not the address', () => {
    expect(senderKey('k', '203.0.113.9')).toBe(senderKey('k', '203.0.113.9'));
    expect(senderKey('k', '203.0.113.9')).not.toBe(senderKey('k', '203.0.113.10'));
    expect(senderKey('k', '203.0.113.9')).not.toBe(senderKey('j', '203.0.113.9'));
    expect(senderKey('k', '203.0.113.9')).not.toContain('203');
  });

  it('receipts: random tokens, the store keeps their hash', () => {
    const a = newReceipt();
    const b = newReceipt();
    expect(a.token).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(a.token).not.toBe(b.token);
    expect(a.hash).toBe(receiptHash(a.token));
    expect(a.hash).not.toContain(a.token);
  });
});
