import { describe, expect, it } from 'vitest';
import { normalizeBody, normalizeEmail, normalizeName } from '../../src/domain/comment';
import { decideComments, editComment } from '../../src/domain/moderation';
import { queryComments } from '../../src/domain/queue-filter';
import { publicComments } from '../../src/domain/reader-view';
import { addComment } from '../../src/domain/submission';
import { emptyStoreData, storeShapeProblem } from '../../src/domain/store-data';
import { errorCode, storeWithArticle, T0 } from '../helpers/domain';

const T1 = new Date('2026-11-28T11:00:00.000Z');
const store = () => storeWithArticle();
const codeOf = errorCode;

describe('input rules', () => {
  it('normalizeBody: CRLF, NFC, controls, trim, limits in code points', () => {
    expect(normalizeBody(' a\r\nb\u0000\u001b\tc ')).toBe('a\nb\tc');
    expect(normalizeBody('e\u0301')).toBe('é');
    expect(normalizeBody('😀'.repeat(5000))).toHaveLength(10000);
    expect(codeOf(() => normalizeBody('😀'.repeat(5001)))).toBe('INVALID_INPUT');
    expect(codeOf(() => normalizeBody('\u0007 \n'))).toBe('INVALID_INPUT');
  });

  it('normalizeName: one line, 1-100 characters', () => {
    expect(normalizeName('  Jane  ')).toBe('Jane');
    expect(normalizeName('김'.repeat(100))).toHaveLength(100);
    expect(codeOf(() => normalizeName('x'.repeat(101)))).toBe('INVALID_INPUT');
    expect(codeOf(() => normalizeName('a\nb'))).toBe('INVALID_INPUT');
    expect(codeOf(() => normalizeName('   '))).toBe('INVALID_INPUT');
  });

  it('normalizeEmail: plausible addresses only', () => {
    expect(normalizeEmail(undefined)).toBeNull();
    expect(normalizeEmail(' jane@example.org ')).toBe('jane@example.org');
    for (const bad of ['jane', 'jane@', '@example.org', 'jane@example', 'a b@example.org', 'a@@b.org', 'a@b..org']) {
      expect(codeOf(() => normalizeEmail(bad)), bad).toBe('INVALID_INPUT');
    }
  });
});

describe('submission and moderation', () => {
  it('addComment stores a pending comment with increasing ids and a submitted entry by the author', () => {
    const data = store();
    const a = addComment(data, { author: 'Jane', body: 'One' }, T0);
    const b = addComment(data, { author: 'Ken', body: 'Two' }, T1);
    expect([a.id, b.id]).toEqual([1, 2]);
    expect(a).toMatchObject({ status: 'pending', articleId: 'a', createdAt: T0.toISOString(), history: [{ action: 'submitted', at: T0.toISOString(), by: 'Jane' }] });
  });

  it('duplicate and reply rules', () => {
    const data = store();
    const a = addComment(data, { author: 'Jane', body: 'One' }, T0);
    expect(codeOf(() => addComment(data, { author: 'jane', body: 'One' }, T0))).toBe('CONFLICT');
    expect(codeOf(() => addComment(data, { author: 'K', body: 'r', replyTo: a.id }, T0))).toBe('CONFLICT');
    expect(codeOf(() => addComment(data, { author: 'K', body: 'r', replyTo: 99 }, T0))).toBe('NOT_FOUND');
    decideComments(data, [a.id], 'approved', 'mod', T1);
    expect(addComment(data, { author: 'K', body: 'r', replyTo: a.id }, T1).parentId).toBe(a.id);
    expect(codeOf(() => addComment(data, { author: 'K', body: 'r2', replyTo: a.id, articleId: 'other' }, T1))).toBe('CONFLICT');
  });

  it('decideComments is all-or-nothing, skips repeats, and records who, when and why', () => {
    const data = store();
    addComment(data, { author: 'A', body: '1' }, T0);
    addComment(data, { author: 'B', body: '2' }, T0);
    const snapshot = JSON.stringify(data);
    expect(codeOf(() => decideComments(data, [1, 3], 'approved', 'mod', T1))).toBe('NOT_FOUND');
    expect(JSON.stringify(data)).toBe(snapshot);

    const first = decideComments(data, [1, 1, 2], 'rejected', 'mod', T1, { reason: 'spam' });
    expect(first.changedIds).toEqual([1, 2]);
    expect(first.comments).toHaveLength(2);
    expect(data.comments[0].history[1]).toEqual({ action: 'rejected', at: T1.toISOString(), by: 'mod', reason: 'spam' });
    expect(decideComments(data, [1], 'rejected', 'mod', T1).changedIds).toEqual([]);
    expect(data.comments[0].history).toHaveLength(2);
  });

  it('editComment keeps the previous body and the status', () => {
    const data = store();
    addComment(data, { author: 'A', body: 'old' }, T0);
    const edit = editComment(data, 1, ' new ', 'mod', T1, 'typo');
    expect(edit.changed).toBe(true);
    expect(edit.comment).toMatchObject({ body: 'new', status: 'pending', updatedAt: T1.toISOString() });
    expect(edit.comment.history.at(-1)).toEqual({ action: 'edited', at: T1.toISOString(), by: 'mod', previousBody: 'old', reason: 'typo' });
    expect(editComment(data, 1, 'new', 'mod', T1).changed).toBe(false);
  });

  it('queryComments filters and keeps arrival order; publicComments shows approved only', () => {
    const data = store();
    for (const [author, body] of [['A', '1'], ['B', '2'], ['a', '3']]) addComment(data, { author, body }, T0);
    decideComments(data, [2], 'approved', 'mod', T1);
    expect(queryComments(data, { status: 'pending' }).map((c) => c.id)).toEqual([1, 3]);
    expect(queryComments(data, { status: 'all', author: 'A' }).map((c) => c.id)).toEqual([1, 3]);
    expect(queryComments(data, { status: 'all', limit: 2 }).map((c) => c.id)).toEqual([1, 2]);
    expect(publicComments(data, 'a')).toEqual([{ id: 2, parentId: null, author: 'B', body: '2', createdAt: T0.toISOString(), edited: false }]);
  });
});

describe('store shape', () => {
  it('accepts a store and names what is wrong with anything else', () => {
    expect(storeShapeProblem(emptyStoreData())).toBeNull();
    expect(storeShapeProblem(null)).toMatch(/not an rfa store/);
    expect(storeShapeProblem({ version: 2, nextCommentId: 1, articles: [], comments: [] })).toMatch(/newer/);
    expect(storeShapeProblem({ version: 1, nextCommentId: 1, articles: {}, comments: [] })).toMatch(/articles/);
    expect(storeShapeProblem({ version: 1, nextCommentId: 0, articles: [], comments: [] })).toMatch(/nextCommentId/);
  });
});

describe('id lists and unknown articles, for people', () => {
  it('runs of three or more consecutive ids read as a range', async () => {
    const { idList } = await import('../../src/domain/lookup');
    expect(idList([1, 2])).toBe('#1, #2');
    expect(idList([3, 7, 8, 9, 12])).toBe('#3, #7–#9, #12');
    expect(idList(Array.from({ length: 500 }, (_, i) => i + 1))).toBe('#1–#500');
  });

  it('an unknown article among many: the nearest few ids, not thousands', async () => {
    const { selectArticle } = await import('../../src/domain/catalog');
    const { emptyStoreData } = await import('../../src/domain/store-data');
    const data = emptyStoreData();
    for (let i = 0; i < 2000; i++) data.articles.push({ id: `story-${i}`, title: 't', subtitle: null, byline: null, dateline: null, image: null, body: ['b'], editorNote: null, commentPolicy: null, createdAt: '2024-01-01T00:00:00.000Z' });
    data.articles.push({ ...data.articles[0], id: 'mongolia-talks' });
    try {
      selectArticle(data, 'mongolia-talk');
      throw new Error('no error');
    } catch (err) {
      expect((err as any).hint).toMatch(/^did you mean mongolia-talks, /);
      expect((err as any).hint).toContain('(2001 articles;');
      expect((err as any).hint.length).toBeLessThan(200);
    }
  });
});
