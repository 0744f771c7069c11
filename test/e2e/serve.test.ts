// rfa serve, started as a process on each kind of store: every route and
// status, the form from page to receipt, the abuse defences, and what a
// moderator does meanwhile from the CLI on the same store.
import fs from 'node:fs';
import FeedParser from 'feedparser';
import { HtmlValidate } from 'html-validate';
import { afterAll, describe, expect, it } from 'vitest';
import { formToken } from '../../src/serve/signing';
import { BACKENDS, type Backend } from '../helpers/backends';
import { sql } from '../helpers/pg';
import { rfa, rfaJson } from '../helpers/rfa';
import { postForm, postJson, serve, tokenIn, type Served } from '../helpers/server';

const ARTICLE = 'japan-tight-lipped-on-report-of';
const HOSTILE_NAME = '<img src=x onerror=alert(1)> "Mal" & co';
const HOSTILE_TEXT = '</textarea><script>alert(2)</script> <b>bold</b> & ]]> \u202Eevil';

const running: Served[] = [];
afterAll(async () => {
  for (const s of running) await s.stop('SIGKILL');
});

async function started(store: string, args: string[] = []): Promise<Served> {
  const s = await serve(store, ['--trust-proxy', '1', ...args]);
  running.push(s);
  return s;
}

/** A new sender for each call (through --trust-proxy 1), so the rate limit stays out of a test's way unless it is the test. */
let senders = 0;
const from = () => {
  const n = senders++;
  // What the client claims comes first; the address our one proxy saw is last, and that is the one taken.
  return { 'x-forwarded-for': `198.51.100.7, 203.0.${Math.floor(n / 250)}.${(n % 250) + 1}` };
};

async function secretOf(backend: Backend, store: string): Promise<string> {
  if (backend.name === 'JSON file') return JSON.parse(fs.readFileSync(store, 'utf8')).secret;
  const [row] = await sql(store, "SELECT value FROM rfa_meta WHERE key = 'secret'");
  return row.value;
}

function parseFeed(xml: string): Promise<{ meta: FeedParser.Meta; items: FeedParser.Item[] }> {
  return new Promise((resolve, reject) => {
    const parser = new FeedParser({ addmeta: false });
    const items: FeedParser.Item[] = [];
    parser.on('error', reject);
    parser.on('readable', () => {
      let item: FeedParser.Item | null;
      while ((item = parser.read())) items.push(item);
    });
    parser.on('end', () => resolve({ meta: parser.meta, items }));
    parser.end(xml);
  });
}

const validator = new HtmlValidate({ extends: ['html-validate:recommended'], rules: { 'no-inline-style': 'off' } });
async function validHtml(html: string): Promise<string[]> {
  const report = await validator.validateString(html);
  return report.results.flatMap((r) => r.messages.map((m) => `${m.line}: ${m.ruleId} ${m.message}`));
}

/** A response's JSON, as any: the tests check its shape. */
const j = async (r: Response): Promise<any> => r.json();

async function pageToken(url: string): Promise<string> {
  return tokenIn(await (await fetch(`${url}/articles/${ARTICLE}`)).text());
}

describe.each(BACKENDS)('rfa serve on $name', (backend) => {
  it('serves every page with its status, the security headers, and revalidation', async () => {
    const store = await backend.newStore();
    const s = await started(store);
    expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    const index = await fetch(`${s.url}/`);
    expect(index.status).toBe(200);
    const indexHtml = await index.text();
    expect(indexHtml).toContain(`href="/articles/${ARTICLE}"`);
    expect(indexHtml).toContain('no comments yet');
    expect(index.headers.get('content-security-policy')).toMatch(/default-src 'none'.*form-action 'self'.*frame-ancestors 'none'/);
    expect(index.headers.get('content-security-policy')).not.toContain('script-src');
    expect(index.headers.get('x-content-type-options')).toBe('nosniff');
    expect(index.headers.get('referrer-policy')).toBe('same-origin');

    const page = await fetch(`${s.url}/articles/${ARTICLE}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('public, max-age=10');
    const html = await page.text();
    expect(html).toContain(`<form method="post" action="/articles/${ARTICLE}/comments">`);
    expect(await validHtml(html)).toEqual([]);
    expect(await validHtml(indexHtml)).toEqual([]);

    // Revalidation: the same ETag (the form token aside) gives 304; so does Last-Modified alone.
    const etag = page.headers.get('etag')!;
    expect(etag).toMatch(/^W\/"/);
    const again = await fetch(`${s.url}/articles/${ARTICLE}`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    const since = await fetch(`${s.url}/articles/${ARTICLE}`, { headers: { 'if-modified-since': page.headers.get('last-modified')! } });
    expect(since.status).toBe(304);

    const head = await fetch(`${s.url}/articles/${ARTICLE}`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');

    expect((await fetch(`${s.url}/articles/no-such-article`)).status).toBe(404);
    const missing = await fetch(`${s.url}/wp-admin/`);
    expect(missing.status).toBe(404);
    const missingHtml = await missing.text();
    expect(missingHtml).not.toMatch(/at .*\.(ts|js|cjs):\d+/);
    expect(await validHtml(missingHtml)).toEqual([]);
    const put = await fetch(`${s.url}/articles/${ARTICLE}`, { method: 'PUT' });
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('GET, HEAD');
    expect((await fetch(`${s.url}/articles/${ARTICLE}/comments`, { method: 'DELETE' })).headers.get('allow')).toBe('GET, HEAD, POST');

    const health = await fetch(`${s.url}/healthz`);
    expect(health.status).toBe(200);
    expect(health.headers.get('cache-control')).toBe('no-store');

    const missingJson = await fetch(`${s.url}/articles/nope/comments.json`);
    expect(missingJson.status).toBe(404);
    expect((await j(missingJson)).error.code).toBe('NOT_FOUND');

    // One line per request on stderr: method, path, status, time.
    // A request's line is logged once it has been answered: it can reach us just after the answer does.
    await expect.poll(() => s.log()).toMatch(new RegExp(`GET /articles/${ARTICLE} 200 \\d+\\.\\dms`));
    await expect.poll(() => s.log()).toMatch(/GET \/wp-admin\/ 404/);
  });

  it('takes a comment from the form to a receipt; the moderator approves it from the CLI; the page, fragment, JSON and feed show it', async () => {
    const store = await backend.newStore();
    await rfa(['policy', 'set', 'form-min-seconds', '0', '--store', store]);
    const s = await started(store);
    const token = await pageToken(s.url);
    const sent = await postForm(s.url, ARTICLE, { author: HOSTILE_NAME, email: 'mal@example.org', text: HOSTILE_TEXT, token, website: '' }, from());
    expect(sent.status).toBe(303);
    const location = sent.headers.get('location')!;
    expect(location).toMatch(/^\/receipts\/[A-Za-z0-9_-]{24}\?sent=1$/);

    // The receipt: waiting, with the reader's own text, escaped.
    const receipt = await fetch(`${s.url}${location}`);
    expect(receipt.status).toBe(200);
    expect(receipt.headers.get('cache-control')).toBe('private, no-cache');
    expect(receipt.headers.get('referrer-policy')).toBe('no-referrer');
    let receiptHtml = await receipt.text();
    expect(receiptHtml).toContain('waiting for a moderator');
    expect(receiptHtml).toContain('&lt;/textarea&gt;&lt;script&gt;');
    expect(receiptHtml).not.toContain('<script');
    expect(receiptHtml).not.toContain('mal@example.org');
    expect(await validHtml(receiptHtml)).toEqual([]);

    // In the queue for the moderator, not on the page yet.
    const [queued] = await rfaJson(store, ['moderate', 'queue']);
    expect(queued.author).toBe(HOSTILE_NAME);
    expect(queued.body).toBe(HOSTILE_TEXT);
    expect(queued.email).toBe('mal@example.org');
    expect(await (await fetch(`${s.url}/articles/${ARTICLE}`)).text()).not.toContain('bold');
    // Stored with a keyed hash of the sender, never the address.
    const stored = (await backend.data(store)).comments[0];
    expect(stored.sender).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(JSON.stringify(stored)).not.toMatch(/203\.0\.|198\.51\./);
    await expect.poll(() => s.log()).toMatch(new RegExp(`GET /articles/${ARTICLE} 200`)); // every line so far is in
    expect(s.log()).not.toMatch(/203\.0\.|198\.51\.|mal@example|Mal/);

    expect((await rfa(['moderate', 'approve', String(queued.id), '--store', store])).code).toBe(0);

    const page = await (await fetch(`${s.url}/articles/${ARTICLE}`)).text();
    expect(page).toContain('&lt;/textarea&gt;&lt;script&gt;alert(2)&lt;/script&gt; &lt;b&gt;bold&lt;/b&gt; &amp; ]]&gt;');
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt; &quot;Mal&quot; &amp; co');
    expect(page).not.toContain('<script');
    expect(await validHtml(page)).toEqual([]);

    const fragment = await fetch(`${s.url}/articles/${ARTICLE}/comments`);
    expect(fragment.status).toBe(200);
    const fragmentHtml = await fragment.text();
    expect(fragmentHtml.startsWith('<section class="comments"')).toBe(true);
    expect(fragmentHtml).toContain('1 comment');
    expect(fragmentHtml).toContain('&lt;script&gt;');
    expect(fragmentHtml).not.toContain('<script');

    const viaJson = await j((await fetch(`${s.url}/articles/${ARTICLE}/comments.json`)));
    expect(viaJson).toEqual(await rfaJson(store, ['show']));

    const feed = await fetch(`${s.url}/articles/${ARTICLE}/feed.atom`);
    expect(feed.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    const { meta, items } = await parseFeed(await feed.text());
    expect(meta.title).toContain('Japan tight-lipped');
    expect(items).toHaveLength(1);
    expect(items[0].author).toBe(HOSTILE_NAME);
    // Text content: what the reader typed, as text (the bidi control dropped, as on every page).
    expect(items[0].description).toBe(HOSTILE_TEXT.replace('\u202E', ''));
    expect(items[0].link).toBe(`${s.url}/articles/${ARTICLE}#comment-${queued.id}`);

    receiptHtml = await (await fetch(`${s.url}${location.replace('?sent=1', '')}`)).text();
    expect(receiptHtml).toContain('approved and is published');
    expect(receiptHtml).toContain(`href="/articles/${ARTICLE}#comment-${queued.id}"`);
  });

  it("a rejected comment's receipt gives the desk's sentence for its code, never the moderator's note", async () => {
    const store = await backend.newStore();
    const s = await started(store);
    const r = await postJson(s.url, ARTICLE, { author: 'Spammer', text: 'cheap watches here' }, from());
    expect(r.status).toBe(202);
    const body = await j(r);
    expect(body).toMatchObject({ id: 1, status: 'pending' });
    expect(body.receipt).toMatch(new RegExp(`^${s.url}/receipts/[A-Za-z0-9_-]{24}$`));
    await rfa(['moderate', 'reject', '1', '--code', 'spam', '--reason', 'PRIVATE: seen this one at the other paper', '--store', store]);
    const html = await (await fetch(body.receipt)).text();
    expect(html).toContain('not published');
    expect(html).toContain('looks like advertising or spam');
    expect(html).not.toContain('PRIVATE');
    expect((await fetch(`${s.url}/receipts/AAAAAAAAAAAAAAAAAAAAAAAA`)).status).toBe(404);
    // The receipt's token never reaches the log.
    await expect.poll(() => s.log()).toContain('GET /receipts/… 404');
    expect(s.log()).toContain('GET /receipts/… 200');
    expect(s.log()).not.toContain(body.receipt.split('/').pop());
  });

  it('a refused form comes back with what the reader typed and the message beside the field, with its status', async () => {
    const store = await backend.newStore();
    await rfa(['policy', 'set', 'form-min-seconds', '0', '--store', store]);
    const s = await started(store);
    const empty = await postForm(s.url, ARTICLE, { author: 'Ann', text: '   ', token: await pageToken(s.url) }, from());
    expect(empty.status).toBe(400);
    const html = await empty.text();
    expect(html).toContain('value="Ann"');
    expect(html).toMatch(/aria-invalid="true" aria-describedby="text-error"/);
    expect(html).toContain('<span class="field-error" id="text-error">comment text is empty</span>');
    expect(html).toContain('name="token" value="');
    expect(await validHtml(html)).toEqual([]);

    const first = await postForm(s.url, ARTICLE, { author: 'Ann', text: 'Once', token: await pageToken(s.url) }, from());
    expect(first.status).toBe(303);
    const twice = await postForm(s.url, ARTICLE, { author: 'Ann', text: 'Once', token: await pageToken(s.url) }, from());
    expect(twice.status).toBe(409);
    expect(await twice.text()).toMatch(/<p class="notice error" role="alert">duplicate comment/);

    const badEmail = await postForm(s.url, ARTICLE, { author: 'Ann', email: 'not-an-address', text: 'Other text', token: await pageToken(s.url) }, from());
    expect(badEmail.status).toBe(400);
    const badEmailHtml = await badEmail.text();
    expect(badEmailHtml).toContain('id="email-error"');
    expect(badEmailHtml).toContain('Other text</textarea>');

    expect((await postForm(s.url, 'no-such-article', { author: 'Ann', text: 'x', token: await pageToken(s.url) }, from())).status).toBe(404);
    // The flood rule, by name: the reader sees why, not the desk's hint about raising the limit.
    await rfa(['policy', 'set', 'flood-max', '1', '--store', store]);
    await rfa(['policy', 'set', 'flood-window', '10', '--store', store]);
    const flood = await postForm(s.url, ARTICLE, { author: 'Ann', text: 'A second thought', token: await pageToken(s.url) }, from());
    expect(flood.status).toBe(429);
    const floodHtml = await flood.text();
    expect(floodHtml).toContain('flood limit: Ann has posted 1 comment in the last 10 minutes');
    expect(floodHtml).not.toContain('rfa policy');
    await rfa(['policy', 'set', 'flood-max', '0', '--store', store]);
    const json = await postJson(s.url, ARTICLE, { author: '', text: 'x' }, from());
    expect(json.status).toBe(400);
    expect(await j(json)).toEqual({ error: { code: 'INVALID_INPUT', message: 'author is empty' } });

    await rfa(['article', 'close', ARTICLE, '--store', store]);
    const closed = await postJson(s.url, ARTICLE, { author: 'Bo', text: 'too late' }, from());
    expect(closed.status).toBe(409);
    expect((await j(closed)).error.subcode).toBe('ARTICLE_CLOSED');
    expect(await (await fetch(`${s.url}/articles/${ARTICLE}`)).text()).toContain('Comments are closed.');
    expect((await backend.data(store)).comments).toHaveLength(1);
  });

  it('replies: the form carries the parent; a reply to a pending comment is refused', async () => {
    const store = await backend.newStore();
    await rfa(['policy', 'set', 'form-min-seconds', '0', '--store', store]);
    const s = await started(store);
    await postJson(s.url, ARTICLE, { author: 'Ann', text: 'first' }, from());
    const refused = await postJson(s.url, ARTICLE, { author: 'Bo', text: 'a reply', parent: 1 }, from());
    expect(refused.status).toBe(409);
    expect((await j(refused)).error.subcode).toBe('REPLY_TARGET');
    await rfa(['moderate', 'approve', '1', '--store', store]);
    const page = await (await fetch(`${s.url}/articles/${ARTICLE}?reply=1`)).text();
    expect(page).toContain('<input type="hidden" name="parent" value="1">');
    expect(page).toContain('Replying to <bdi>Ann</bdi>');
    const r = await postForm(s.url, ARTICLE, { author: 'Bo', text: 'a reply', parent: '1', token: tokenIn(page) }, from());
    expect(r.status).toBe(303);
    const [reply] = await rfaJson(store, ['moderate', 'queue']);
    expect(reply.parentId).toBe(1);
  });

  it('abuse: honeypot, too fast, expired or forged token, foreign origin, big body, wrong type, one sender flooding: each refused, nothing stored', async () => {
    const store = await backend.newStore();
    const s = await started(store);
    const before = await backend.snapshot(store);
    const fields = (extra: Record<string, string> = {}) => ({ author: 'Bot', text: 'buy now', ...extra });

    const trap = await postForm(s.url, ARTICLE, fields({ token: await pageToken(s.url), website: 'http://spam.example' }), from());
    expect(trap.status).toBe(400);
    expect(await trap.text()).toContain('a field people never see was filled in');

    // The default form-min-seconds is 3: straight back is a bot's speed.
    const fast = await postForm(s.url, ARTICLE, fields({ token: await pageToken(s.url) }), from());
    expect(fast.status).toBe(400);
    const fastHtml = await fast.text();
    expect(fastHtml).toContain('sooner than a person types');
    expect(fastHtml).toContain('buy now</textarea>');

    const secret = await secretOf(backend, store);
    const old = formToken(secret, ARTICLE, new Date(Date.now() - 25 * 3_600_000));
    const expired = await postForm(s.url, ARTICLE, fields({ token: old }), from());
    expect(expired.status).toBe(400);
    expect(await expired.text()).toContain('more than 24 hours ago');
    const forged = await postForm(s.url, ARTICLE, fields({ token: formToken('not-the-secret', ARTICLE, new Date(Date.now() - 60_000)) }), from());
    expect(forged.status).toBe(400);
    expect(await forged.text()).toContain('was not made by this site');
    expect((await postForm(s.url, ARTICLE, fields(), from())).status).toBe(400);

    const token = formToken(secret, ARTICLE, new Date(Date.now() - 60_000));
    const foreign = await postForm(s.url, ARTICLE, fields({ token }), { ...from(), origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    const foreignReferer = await postForm(s.url, ARTICLE, fields({ token }), { ...from(), referer: 'https://evil.example/page' });
    expect(foreignReferer.status).toBe(403);

    const big = await postForm(s.url, ARTICLE, fields({ token, text: 'x'.repeat(70 * 1024) }), from());
    expect(big.status).toBe(413);
    const bigJson = await postJson(s.url, ARTICLE, { author: 'Bot', text: 'y'.repeat(70 * 1024) }, from());
    expect(bigJson.status).toBe(413);
    expect((await j(bigJson)).error.subcode).toBe('BODY_TOO_LARGE');

    const wrongType = await fetch(`${s.url}/articles/${ARTICLE}/comments`, { method: 'POST', headers: { 'content-type': 'text/plain', ...from() }, body: 'author=Bot&text=hi' });
    expect(wrongType.status).toBe(415);
    const multipart = new FormData();
    multipart.set('author', 'Bot');
    expect((await fetch(`${s.url}/articles/${ARTICLE}/comments`, { method: 'POST', body: multipart, headers: from() })).status).toBe(415);

    expect(await backend.snapshot(store)).toBe(before);

    // One sender, 20 posts in a minute: the first 5 (rate-limit 5 a minute) are taken, the rest refused with 429.
    const one = from();
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) statuses.push((await postJson(s.url, ARTICLE, { author: `Name ${i}`, text: `distinct text ${i}` }, one)).status);
    expect(statuses).toEqual([...Array(5).fill(202), ...Array(15).fill(429)]);
    const limited = await postJson(s.url, ARTICLE, { author: 'Name x', text: 'once more' }, one);
    expect((await j(limited)).error.subcode).toBe('RATE_LIMIT');
    // The form shows it as a message above the form, with the same status.
    const formLimited = await postForm(s.url, ARTICLE, fields({ token, text: 'form post' }), one);
    expect(formLimited.status).toBe(429);
    const limitedHtml = await formLimited.text();
    expect(limitedHtml).toContain('too many comments from one sender');
    expect(limitedHtml).toContain('wait a minute and send it again');
    expect(limitedHtml).not.toContain('rfa policy');
    const comments = (await backend.data(store)).comments;
    expect(comments.map((c: any) => c.author)).toEqual(['Name 0', 'Name 1', 'Name 2', 'Name 3', 'Name 4']);
    // The moderator sees them as one sender's.
    expect(comments.map((c: any) => c.sameSenderAs ?? null)).toEqual([null, 1, 2, 3, 4]);
    const shown = await rfa(['moderate', 'show', '3', '--store', store]);
    expect(shown.stdout).toContain('same sender as #2');
    // Another sender is not held up.
    expect((await postJson(s.url, ARTICLE, { author: 'Someone else', text: 'hello' }, from())).status).toBe(202);
  });

  it('a store that stops answering: healthz 503, pages and posts refused with a plain message, nothing overwritten; mended, all is well', async () => {
    const store = await backend.newStore();
    const s = await started(store);
    expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
    const file = backend.name === 'JSON file';
    const saved = file ? fs.readFileSync(store, 'utf8') : '';
    if (file) fs.writeFileSync(store, '{"version": 1, "articles": [');
    else await sql(store, 'ALTER TABLE rfa_schema RENAME TO rfa_schema_away');
    const health = await fetch(`${s.url}/healthz`);
    expect(health.status).toBe(503);
    expect(await health.text()).toBe('the store does not answer\n');
    expect(s.log()).toMatch(/error: .*(not valid JSON|no rfa store)/);
    const page = await fetch(`${s.url}/articles/${ARTICLE}`);
    expect(page.status).toBe(500);
    const pageText = await page.text();
    expect(pageText).not.toMatch(/\bat .*:\d+:\d+/);
    expect(pageText).toContain('something went wrong on our side');
    expect(pageText).not.toContain(file ? store : 'postgres://');
    const post = await postJson(s.url, ARTICLE, { author: 'Ann', text: 'into a broken store' }, from());
    expect(post.status).toBe(500);
    expect((await j(post)).error.subcode).toBe(file ? 'STORE_CORRUPT' : 'STORE_MISSING');
    if (file) {
      expect(fs.readFileSync(store, 'utf8')).toBe('{"version": 1, "articles": [');
      fs.writeFileSync(store, saved);
    } else await sql(store, 'ALTER TABLE rfa_schema_away RENAME TO rfa_schema');
    expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
    expect((await postJson(s.url, ARTICLE, { author: 'Ann', text: 'into a mended store' }, from())).status).toBe(202);
  });

  it('behind a proxy at a path (--base-url): links carry the path, posts must come from its origin, receipts are its URLs', async () => {
    const store = await backend.newStore();
    await rfa(['policy', 'set', 'form-min-seconds', '0', '--store', store]);
    const s = await started(store, ['--base-url', 'https://news.example.org/talk']);
    for (const prefix of ['/talk', '']) {
      const page = await fetch(`${s.url}${prefix}/articles/${ARTICLE}`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain(`action="/talk/articles/${ARTICLE}/comments"`);
    }
    const own = { ...from(), origin: 'https://news.example.org' };
    const token = await pageToken(s.url);
    const r = await postForm(`${s.url}/talk`, ARTICLE, { author: 'Ann', text: 'through the proxy', token }, own);
    expect(r.status).toBe(303);
    expect(r.headers.get('location')).toMatch(/^\/talk\/receipts\//);
    // The server's own address is not the site's: a page served there cannot post.
    expect((await postForm(s.url, ARTICLE, { author: 'Bo', text: 'direct', token }, { ...from(), origin: s.url })).status).toBe(403);
    const api = await j(await postJson(s.url, ARTICLE, { author: 'Cy', text: 'by the API' }, from()));
    expect(api.receipt).toMatch(/^https:\/\/news\.example\.org\/talk\/receipts\/[A-Za-z0-9_-]{24}$/);
    const feed = await (await fetch(`${s.url}/talk/articles/${ARTICLE}/feed.atom`)).text();
    expect(feed).toContain(`<link rel="alternate" type="text/html" href="https://news.example.org/talk/articles/${ARTICLE}"/>`);
  });

  it('stops cleanly on SIGTERM and SIGINT: exit 0, every acknowledged comment kept', async () => {
    const store = await backend.newStore();
    const s = await started(store);
    const posts = Array.from({ length: 40 }, (_, i) => postJson(s.url, ARTICLE, { author: `Reader ${i}`, text: `at the end ${i}` }, from()).then((r) => r.status, () => 0));
    await new Promise((r) => setTimeout(r, 30));
    const end = await s.stop('SIGTERM');
    const statuses = await Promise.all(posts);
    expect(end.code, `${end.signal} ${s.log().slice(-600)}`).toBe(0);
    expect(end.signal).toBeNull();
    const acknowledged = statuses.filter((st) => st === 202).length;
    expect(acknowledged).toBeGreaterThan(0);
    const stored = (await backend.data(store)).comments.length;
    expect(stored).toBe(acknowledged);

    const again = await started(store);
    const interrupted = await again.stop('SIGINT');
    expect(interrupted.code, `${interrupted.signal}: ${again.log()}`).toBe(0);
  });
});
