// Every address the server answers, as thin wiring: each route asks the store
// a domain query or hands it the domain's submission, and renders the answer.
// No rule is here; what a request may carry is checked in request.ts, what a
// comment may be in the domain. Nothing here approves, edits, rejects or shows
// a pending comment to anyone but its own sender (through the receipt).
import type { IncomingMessage } from 'node:http';
import { RfaError, httpStatus } from '../errors.js';
import type { Comment } from '../domain/comment.js';
import { currentSettings } from '../domain/policy.js';
import { readerDocument, readerIndex, readerView, threadOf } from '../domain/reader-view.js';
import { receiptView } from '../domain/receipt.js';
import type { Submission } from '../domain/submission.js';
import { renderAtom } from '../render/atom.js';
import { renderHtmlPage, TRAP_FIELD, type FormView } from '../render/html-page.js';
import { renderFragment, renderIndex, renderProblem, renderReceipt } from '../render/site.js';
import type { Store } from '../store/store.js';
import type { GroupCommit } from './group-commit.js';
import { bodyKind, checkOrigin, clientAddress, parseFields, readBody, type BodyKind } from './request.js';
import { frozen, TOKEN_SLOT, type PageCache } from './page-cache.js';
import type { Reply } from './reply.js';
import { formShownAt, newReceipt, receiptHash, senderKey } from './signing.js';

/** What every route shares: the store, the secret, the intake, and how to write links. */
export interface Site {
  store: Store;
  secret: string;
  intake: GroupCommit<Submission, Comment>;
  clock(): Date;
  trustProxy: number;
  /** The public URL (--base-url), if given: links and the origin check use it. */
  baseUrl?: string;
  /** A path under this site: with the public URL's path in front. */
  path(p: string): string;
  /** An absolute URL for a path, for the feed and API answers. */
  absolute(req: IncomingMessage, p: string): string;
  /** What was rendered, until the store changes. */
  pages: PageCache;
  /** Tells the operator (stderr) of a failure that is not one of ours: the reader only sees that something went wrong. */
  report(err: unknown): void;
}

const html = (body: string, status = 200, cache: Reply['cache'] = 'public'): Reply => ({ status, type: 'html', body, cache });
const json = (value: unknown, status = 200, cache: Reply['cache'] = 'public'): Reply => ({ status, type: 'json', body: `${JSON.stringify(value)}\n`, cache });

const READER_HINTS = new Set(['RATE_LIMIT', 'FORM_TOO_FAST', 'FORM_EXPIRED', 'FORM_INVALID', 'HONEYPOT']);

/** The article page, the form signed afresh; after a refusal, with what the reader typed and what was wrong. */
async function articlePage(site: Site, articleId: string, url: URL, refused?: { values: FormView['values']; err: RfaError; replyTo?: number }): Promise<Reply> {
  const view = await site.store.ask(readerView, { articleId, now: site.clock() });
  const replyId = refused ? refused.replyTo : Number(url.searchParams.get('reply') ?? NaN);
  const parent = view.comments.find((c) => c.id === replyId);
  const form: FormView = { action: site.path(`/articles/${articleId}/comments`), token: TOKEN_SLOT, values: refused?.values };
  if (parent) form.replyTo = { id: parent.id, author: parent.author };
  if (refused) {
    const { err } = refused;
    // Hints are written for the desk ("rfa policy set …"), except the web form's own, written for readers.
    const hint = err.hint && err.subcode && READER_HINTS.has(err.subcode) ? ` (${err.hint})` : '';
    if (err.field === 'author' || err.field === 'email' || err.field === 'text') form.errors = { [err.field]: err.message };
    else form.message = err.message + hint;
  }
  const replyHref = (id: number) => `${site.path(`/articles/${articleId}`)}?reply=${id}#respond`;
  const page = renderHtmlPage(view.article, threadOf(view.comments), view.closed, form, { replyHref });
  return { ...html(page, refused ? httpStatus(refused.err) : 200, refused ? 'none' : 'public'), tokenFor: view.article.id };
}

/** A comment sent in: checked as a request here, then as a comment by the domain, through the group commit. */
async function takeComment(site: Site, req: IncomingMessage, articleId: string, url: URL): Promise<Reply> {
  const kind = bodyKind(req);
  checkOrigin(req, site.baseUrl);
  const arrived = site.intake.coming();
  try {
    return await checkAndSubmit(site, req, articleId, url, kind, parseFields(kind, await readBody(req)), arrived);
  } finally {
    arrived();
  }
}

async function checkAndSubmit(site: Site, req: IncomingMessage, articleId: string, url: URL, kind: BodyKind, fields: Record<string, string>, arrived: () => void): Promise<Reply> {
  const parent = fields.parent ? Number(fields.parent) : undefined;
  const values = { author: fields.author, email: fields.email, text: fields.text };
  try {
    if (parent !== undefined && !(Number.isSafeInteger(parent) && parent > 0)) {
      throw new RfaError('INVALID_INPUT', `'${fields.parent}' is not a comment id to reply to`);
    }
    const submission: Submission = {
      author: fields.author ?? '',
      email: fields.email ? fields.email : undefined,
      body: fields.text ?? '',
      articleId,
      replyTo: parent,
      sender: senderKey(site.secret, clientAddress(req, site.trustProxy)),
    };
    if (kind === 'form') {
      if (fields[TRAP_FIELD]) throw new RfaError('INVALID_INPUT', 'a field people never see was filled in, as bots do; nothing was stored', 'if you are a person, leave the field labelled "Leave this empty" empty', 'HONEYPOT');
      const shownAt = formShownAt(site.secret, articleId, fields.token ?? '');
      if (!shownAt) throw new RfaError('INVALID_INPUT', "the form's token is missing or was not made by this site; nothing was stored", 'send the comment again from this form', 'FORM_INVALID');
      submission.formShownAt = shownAt;
    }
    const receipt = newReceipt();
    submission.receipt = receipt.hash;
    const comment = await site.intake.submit(submission, arrived);
    const receiptPath = site.path(`/receipts/${receipt.token}`);
    if (kind === 'json') return json({ id: comment.id, status: comment.status, receipt: site.absolute(req, receiptPath) }, 202, 'none');
    return { status: 303, type: 'text', body: 'Received: see your receipt.\n', cache: 'none', location: `${receiptPath}?sent=1` };
  } catch (err) {
    if (kind === 'json' || !(err instanceof RfaError) || err.code === 'STORE') throw err;
    return articlePage(site, articleId, url, { values, err, replyTo: parent });
  }
}

type Handler = (site: Site, req: IncomingMessage, url: URL, ...params: string[]) => Promise<Reply>;

const SLUG = '([a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?)';

/** Each address, its methods (GET also answers HEAD), whether errors there are JSON, and whether its GET is the same for every reader (kept in the page cache). */
const ROUTES: { pattern: RegExp; json?: boolean; shared?: boolean; GET?: Handler; POST?: Handler }[] = [
  {
    pattern: /^\/$/,
    shared: true,
    async GET(site) {
      const { data, counts } = await site.store.readCatalog();
      return html(renderIndex(readerIndex(data, counts, site.clock()), (id) => site.path(`/articles/${id}`)));
    },
  },
  {
    pattern: new RegExp(`^/articles/${SLUG}$`),
    shared: true,
    GET: (site, _req, url, id) => articlePage(site, id, url),
  },
  {
    pattern: new RegExp(`^/articles/${SLUG}/comments$`),
    shared: true,
    async GET(site, req, _url, id) {
      const view = await site.store.ask(readerView, { articleId: id, now: site.clock() });
      // Absolute links: the fragment is shown on another site's page.
      const article = site.absolute(req, site.path(`/articles/${id}`));
      return html(renderFragment(threadOf(view.comments), `${article}#respond`, { replyHref: (n) => `${article}?reply=${n}#respond` }));
    },
    POST: (site, req, url, id) => takeComment(site, req, id, url),
  },
  {
    pattern: new RegExp(`^/articles/${SLUG}/comments\\.json$`),
    json: true,
    shared: true,
    GET: async (site, _req, _url, id) => json(readerDocument(await site.store.ask(readerView, { articleId: id, now: site.clock() }))),
  },
  {
    pattern: new RegExp(`^/articles/${SLUG}/feed\\.atom$`),
    shared: true,
    async GET(site, req, _url, id) {
      const view = await site.store.ask(readerView, { articleId: id, now: site.clock() });
      const body = renderAtom(view.article, view.comments, site.absolute(req, site.path(`/articles/${id}`)), site.absolute(req, site.path(`/articles/${id}/feed.atom`)));
      return { status: 200, type: 'atom', body, cache: 'public' };
    },
  },
  {
    pattern: /^\/receipts\/([A-Za-z0-9_-]{24})$/,
    async GET(site, req, url, token) {
      const view = await site.store.ask(receiptView, receiptHash(token));
      const article = site.path(`/articles/${view.articleId}`);
      const links = { article, comment: `${article}#comment-${view.id}`, self: site.absolute(req, site.path(`/receipts/${token}`)) };
      return html(renderReceipt(view, links, url.searchParams.has('sent')), 200, 'private');
    },
  },
  {
    pattern: /^\/healthz$/,
    async GET(site) {
      try {
        await site.store.ask(currentSettings, undefined);
        return { status: 200, type: 'text', body: 'ok\n', cache: 'none' };
      } catch (err) {
        // Why, for the operator's log only: a store's path or host is nobody else's business.
        site.report(err);
        return { status: 503, type: 'text', body: 'the store does not answer\n', cache: 'none' };
      }
    },
  },
];

/** How an error reads to a reader or a client: its message, never a stack. */
export function problemReply(err: unknown, asJson: boolean): Reply {
  const known = err instanceof RfaError ? err : undefined;
  const status = known ? httpStatus(known) : 500;
  // A store's failure names its file or host: the operator's log has it (report), a reader gets the gist.
  const message =
    known && known.code !== 'STORE'
      ? known.message
      : known?.subcode === 'STORE_BUSY' || known?.subcode === 'STORE_UNREACHABLE'
        ? 'the comment service is busy; nothing was stored: try again in a moment'
        : 'something went wrong on our side; nothing was stored';
  if (asJson) return json({ error: { code: known?.code ?? 'STORE', ...(known?.subcode ? { subcode: known.subcode } : {}), message } }, status, 'none');
  return html(renderProblem(status, message), status, 'none');
}

/** The route's answer, or the problem it ran into. */
export async function answer(site: Site, req: IncomingMessage, url: URL, path: string): Promise<Reply> {
  const route = ROUTES.find((r) => r.pattern.test(path));
  const asJson = !!route?.json || (req.method === 'POST' && (req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json'));
  try {
    if (!route) throw new RfaError('NOT_FOUND', 'there is no page at this address');
    const method = req.method === 'HEAD' ? 'GET' : req.method;
    const handler = method === 'GET' || method === 'POST' ? route[method] : undefined;
    if (!handler) throw new RfaError('USAGE', `this address takes ${route.POST ? 'GET, HEAD and POST' : 'GET and HEAD'}, not ${req.method}`, undefined, 'METHOD');
    const params = route.pattern.exec(path)!.slice(1);
    if (!(route.shared && handler === route.GET)) return await handler(site, req, url, ...params);
    // The same for every reader: rendered once per change of the store.
    const version = await site.store.version();
    // Links in the feed and the fragment name the host asked for, unless the public URL is set.
    const key = `${site.baseUrl ? '' : req.headers.host}${path}${url.search}`;
    const now = Date.now();
    const kept = version === undefined ? undefined : site.pages.get(key, version, now);
    if (kept) return kept;
    const reply = frozen(await handler(site, req, url, ...params));
    if (version !== undefined && reply.status === 200) site.pages.set(key, version, now, reply);
    return reply;
  } catch (err) {
    if (!(err instanceof RfaError) || err.code === 'STORE') site.report(err);
    return problemReply(err, asJson);
  }
}

/** The methods an address takes, for a 405's Allow header. */
export const allowed = (path: string) => (ROUTES.find((r) => r.pattern.test(path))?.POST ? 'GET, HEAD, POST' : 'GET, HEAD');
