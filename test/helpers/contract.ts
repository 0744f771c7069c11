// Random stores grown the way real ones grow, and every domain operation and
// query with inputs of its kind: for the data contract's tests (the property
// test in test/unit/needs.test.ts, the SQL check in test/e2e/postgres.test.ts).
import fc from 'fast-check';
import { addArticleOp, publish, setClosed } from '../../src/domain/catalog';
import { everything, EXPORT_FORMAT } from '../../src/domain/export-doc';
import { importArticles, importComments, importExport, knownComments } from '../../src/domain/importing';
import { commentDetail, namedComments } from '../../src/domain/lookup';
import { decide, decidePending, edit, purge, reopen } from '../../src/domain/moderation';
import type { Operation, Query } from '../../src/domain/operation';
import { changeList, currentSettings, setSetting } from '../../src/domain/policy';
import { queue } from '../../src/domain/queue';
import { readerView } from '../../src/domain/reader-view';
import { log } from '../../src/domain/record';
import { defaultPolicy } from '../../src/domain/settings';
import { emptyStoreData, STORE_VERSION } from '../../src/domain/store-data';
import { submit } from '../../src/domain/submission';
import { receiptView } from '../../src/domain/receipt';
import { webSecret } from '../../src/domain/web-secret';
import { T0 } from './domain';

// Small pools, so that names, texts and ids collide as they do on a busy article.
const NAMES = ['Ann', 'ann', 'ANN', 'Bo', 'Cy', 'Dee', 'Ébé', 'policy-fan'];
const EMAILS = [undefined, 'ann@example.org', 'ANN@example.org', 'bo@example.net', 'x@y.zz'];
const BODIES = ['First!', 'Well reported.', 'spam spam', 'see https://a.example and www.b.example', 'Agree.', 'first!'];
const ARTICLES = ['a', 'b', 'c'];
const ARTICLE_OR_NONE = [...ARTICLES, undefined, 'zz'];
const MINUTE = 60_000;

export const pick = <T>(xs: readonly T[]) => fc.constantFrom(...xs);
const ids = fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 1, max: 10 }).map((id) => [id]) }, { weight: 1, arbitrary: fc.array(fc.integer({ min: 1, max: 14 }), { minLength: 1, maxLength: 4 }) });
const status = pick(['approved', 'rejected'] as const);
const submission = fc.record({
  author: pick(NAMES),
  email: pick(EMAILS),
  body: pick(BODIES),
  articleId: fc.oneof({ weight: 4, arbitrary: pick(['a', 'a', 'b']) }, { weight: 1, arbitrary: pick(ARTICLE_OR_NONE) }),
  replyTo: fc.oneof({ weight: 2, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 12 }) }),
  // From the web: a sender (a few, so that they repeat), a receipt (colliding now and then), the form's clock.
  sender: pick([undefined, undefined, 's1', 's2']),
  receipt: pick([undefined, 'r1', 'r2', 'r3']),
  formShownAt: fc.option(fc.integer({ min: -3000, max: 40 }).map((m) => new Date(T0.getTime() + m * MINUTE)), { nil: undefined }),
});

/** One thing that happens to a store while it grows. */
const event = fc.oneof(
  { weight: 6, arbitrary: submission.map((s) => ({ kind: 'submit' as const, s })) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('decide' as const), ids, status: pick(['approved', 'approved', 'rejected'] as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('edit' as const), id: fc.integer({ min: 1, max: 32 }), body: pick(BODIES) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reopen' as const), ids }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('purge' as const), ids }) },
);

export const grownStore = fc
  .record({
    articles: fc.integer({ min: 1, max: 3 }),
    closed: fc.boolean(),
    unpublished: fc.boolean(),
    policy: fc.record({
      'flood-max': pick([0, 0, 2, 3]),
      'flood-window': pick([0, 10, 1000]),
      'trust-returning': fc.boolean(),
      'auto-close-days': pick([0, 0, 1]),
      'blocked-authors': fc.subarray(['Cy', 'x@y.zz']),
      'trusted-authors': fc.subarray(['bo@example.net']),
      'banned-words': fc.subarray(['spam']),
      'suspect-words': fc.subarray(['first']),
      'max-links': pick([0, 1]),
      'rate-limit': pick([0, 2, 5]),
      'rate-window': pick([0, 1, 10]),
      'form-min-seconds': pick([0, 3]),
      'form-max-hours': pick([0, 24]),
    }),
    secret: fc.option(fc.constant('kept'), { nil: undefined }),
    imported: fc.boolean(),
    withSettings: fc.boolean(),
    events: fc.array(event, { minLength: 10, maxLength: 40, size: 'large' }),
  })
  .map((shape) => {
    const data = emptyStoreData();
    const parsed = { title: 'T', subtitle: null, byline: null, dateline: null, image: null, body: ['b'], editorNote: null, commentPolicy: null };
    for (const id of ARTICLES.slice(0, shape.articles)) addArticleOp.run(data, { parsed, id }, new Date(T0.getTime() - 2 * 86_400_000));
    if (shape.closed && data.articles.length > 1) data.articles[1].closed = true;
    if (shape.unpublished) data.articles[0].unpublished = true;
    if (shape.secret) data.secret = shape.secret;
    if (shape.withSettings) data.settings = { policy: { ...defaultPolicy(), ...shape.policy }, reasonMessages: {} as never };
    shape.events.forEach((e, i) => {
      const at = new Date(T0.getTime() + i * MINUTE);
      attempt(() => {
        if (e.kind === 'submit') submit.run(data, e.s, at);
        else if (e.kind === 'decide') decide.run(data, { ids: e.ids, status: e.status, by: 'mod' }, at);
        else if (e.kind === 'edit') edit.run(data, { id: e.id, body: e.body, by: 'mod' }, at);
        else if (e.kind === 'reopen') reopen.run(data, { ids: e.ids, by: 'mod' }, at);
        else purge.run(data, { ids: e.ids, by: 'mod', reason: 'request' }, at);
      });
    });
    if (shape.imported) {
      // Some comments as an earlier import left them: where they came from, by source id.
      data.comments.forEach((c, i) => i % 2 === 0 && (c.source = { from: i % 4 ? 'disqus' : 'wxr', id: String(i % 7), ...(i % 3 ? { site: i % 3 === 1 ? 'https://a.example' : 'https://b.example' } : {}) }));
    }
    return data;
  });

/** What a call gave: its value, or the error it threw (as a user sees it: code, subcode, message, hint). */
export function attempt<T>(fn: () => T): { value?: T; error?: unknown } {
  try {
    return { value: fn() };
  } catch (err) {
    const e = err as { code?: string; subcode?: string; message: string; hint?: string };
    return { error: { code: e.code, subcode: e.subcode, message: e.message, hint: e.hint } };
  }
}

export const now = fc.integer({ min: 0, max: 40 }).map((m) => new Date(T0.getTime() + m * MINUTE));

const by = pick(['mod', 'ann']);
const reason = fc.option(pick(['rude', 'off topic', ' ']), { nil: undefined });
/** Mostly absent: a filter that narrows on everything at once matches too little to test paging. */
const seldom = <T>(arb: fc.Arbitrary<T>) => fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });
const filter = fc.record({
  status: pick(['pending', 'approved', 'rejected', 'all'] as const),
  articleId: fc.oneof({ weight: 2, arbitrary: fc.constant(undefined) }, { weight: 3, arbitrary: pick(ARTICLE_OR_NONE) }),
  author: seldom(pick(NAMES)),
  search: seldom(pick(['spam', 'FIRST', 'ann', ''])),
  since: seldom(now),
  flagged: seldom(fc.boolean()),
  sort: fc.option(pick(['oldest', 'newest'] as const), { nil: undefined }),
  limit: fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }),
  offset: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined, freq: 2 }),
});

const SITE = pick([null, 'https://a.example', 'https://b.example']);
const IMPORTED_ARTICLE = { key: 'p1', id: 'old-post', title: 'From the old site', createdAt: T0.toISOString(), link: null, body: ['x'] };

/** Every operation, with inputs of its kind. */
export const OPERATIONS: [string, Operation<any, unknown>, fc.Arbitrary<unknown>][] = [
  ['decide', decide, fc.record({ ids, status, by, note: fc.record({ reason }, { requiredKeys: [] }) })],
  ['decidePending', decidePending, fc.record({ id: fc.integer({ min: 1, max: 32 }), status, by })],
  ['edit', edit, fc.record({ id: fc.integer({ min: 1, max: 32 }), body: pick(BODIES), by, reason, expectedBody: fc.option(pick(BODIES), { nil: undefined }) })],
  ['reopen', reopen, fc.record({ ids, by, reason })],
  ['purge', purge, fc.record({ ids, by, reason: pick(['request', '']) })],
  ['submit', submit, submission],
  ['addArticle', addArticleOp, fc.record({ parsed: fc.constant({ title: 'New one', subtitle: null, byline: null, dateline: null, image: null, body: ['x'], editorNote: null, commentPolicy: null }), id: pick([undefined, 'a', 'b', 'new']) })],
  ['publish', publish, pick(ARTICLE_OR_NONE.filter((a) => a !== undefined))],
  ['setClosed', setClosed, fc.record({ id: pick(['a', 'b', 'zz']), closed: fc.boolean() })],
  ['setSetting', setSetting, fc.record({ key: pick(['flood-max', 'trust-returning', 'reason.spam', 'nope']), value: pick(['2', 'true', 'Spam, sorry.']) })],
  ['changeList', changeList, fc.record({ how: pick(['add', 'remove'] as const), key: pick(['banned-words', 'blocked-authors', 'max-links']), entries: fc.subarray(['spam', 'Cy', 'new']) })],
  ['webSecret', webSecret, pick(['fresh'])],
  ['importArticles', importArticles, fc.record({ from: pick(['wxr', 'disqus'] as const), site: SITE, articles: fc.subarray([IMPORTED_ARTICLE, { ...IMPORTED_ARTICLE, key: 'p2', id: 'a' }]) })],
  ['knownComments', knownComments, fc.record({ from: pick(['wxr', 'disqus'] as const), site: SITE, keys: fc.subarray(['0', '1', '2', '3', '4', '5', '6', 'x']) })],
  ['importComments', importComments, fc.record({
    from: pick(['wxr', 'disqus'] as const),
    site: SITE,
    items: fc.uniqueArray(fc.integer({ min: 40, max: 100_000 }), { maxLength: 3 }).map((ids) => ids.map((id, i) => ({
      record: { key: `k${id}`, articleKey: 'p1', parentKey: null, author: 'Imp', email: i ? 'imp@example.org' : null, body: 'From the old site.', createdAt: T0.toISOString(), status: (['approved', 'pending', 'rejected'] as const)[i] },
      placed: { id, parentId: i ? 1 : null, articleId: 'a' },
    }))),
  })],
  ['importExport', importExport, fc.constant({ format: EXPORT_FORMAT, version: 1, storeVersion: STORE_VERSION, nextCommentId: 1, articles: [], comments: [], settings: null })],
];

/** Every query, with inputs of its kind. */
export const QUERIES: [string, Query<any, unknown>, fc.Arbitrary<unknown>][] = [
  ['namedComments', namedComments, ids],
  ['commentDetail', commentDetail, fc.integer({ min: 1, max: 32 })],
  ['queue', queue, filter],
  ['log', log, fc.record({ since: fc.option(now, { nil: undefined }), by: fc.option(by, { nil: undefined }), articleId: pick(ARTICLE_OR_NONE), limit: fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }) })],
  ['readerView', readerView, fc.record({ articleId: pick(ARTICLE_OR_NONE), now })],
  ['currentSettings', currentSettings, fc.constant(undefined)],
  ['everything', everything, fc.constant(undefined)],
  ['receiptView', receiptView, pick(['r1', 'r2', 'r3', 'nope'])],
];
