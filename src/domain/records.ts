// Whether articles and comments from outside (an rfa export being imported, a
// backup being restored) are records rfa can live with: every field of the
// right type, ids in range and unique, references that hold, and text that
// obeys the same rules as text typed in (no control characters but newline and
// tab, no lone surrogates). The first problem is named with its record and
// field, before anything is written.
import { isSlug } from './article.js';
import { HISTORY_ACTIONS, STATUSES, textFault } from './comment.js';

/** Largest id: comments are numbered in JavaScript numbers and PostgreSQL bigint alike. */
export const MAX_ID = Number.MAX_SAFE_INTEGER;

const ACTIONS = new Set<string>(HISTORY_ACTIONS);
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);

class Problem extends Error {}

/** Checks one field; `where` names the record. */
function field(where: string) {
  const fail = (name: string, what: string): never => {
    throw new Problem(`${where}: "${name}" ${what}`);
  };
  const text = (rec: Rec, name: string, kind: 'line' | 'text', optional: 'required' | 'nullable' | 'optional') => {
    const v = rec[name];
    if (v === undefined && optional === 'optional') return;
    if (v === null && optional === 'nullable') return;
    if (typeof v !== 'string') return fail(name, `must be a string${optional === 'nullable' ? ' or null' : ''}, not ${JSON.stringify(v) ?? 'missing'}`);
    const fault = textFault(v, kind === 'line');
    if (fault) return fail(name, `holds ${fault}${fault === 'a lone surrogate' ? ' (not valid Unicode text)' : ''}`);
  };
  const time = (rec: Rec, name: string, optional = false) => {
    const v = rec[name];
    if (v === undefined && optional) return;
    if (typeof v !== 'string' || !ISO_TIME.test(v) || Number.isNaN(Date.parse(v))) fail(name, `must be an ISO 8601 time, not ${JSON.stringify(v) ?? 'missing'}`);
  };
  const id = (rec: Rec, name: string, nullable = false) => {
    const v = rec[name];
    if (v === null && nullable) return;
    if (!Number.isSafeInteger(v) || (v as number) < 1) fail(name, `must be a whole number from 1 to ${MAX_ID}${nullable ? ' or null' : ''}, not ${JSON.stringify(v) ?? 'missing'}`);
  };
  const flag = (rec: Rec, name: string) => {
    if (rec[name] !== undefined && typeof rec[name] !== 'boolean') fail(name, `must be true or false, not ${JSON.stringify(rec[name])}`);
  };
  return { fail, text, time, id, flag };
}

function checkArticle(a: unknown, index: number, seen: Set<string>): void {
  const where = `article ${index + 1} in "articles"`;
  if (!isRecord(a)) throw new Problem(`${where} is not an object: ${JSON.stringify(a)}`);
  const f = field(typeof a.id === 'string' ? `article '${a.id}'` : where);
  if (typeof a.id !== 'string' || !isSlug(a.id)) f.fail('id', `must be a slug (a-z, 0-9 and hyphens, up to 64), not ${JSON.stringify(a.id)}`);
  if (seen.has(a.id as string)) f.fail('id', 'is given to two articles');
  seen.add(a.id as string);
  f.text(a, 'title', 'line', 'required');
  for (const name of ['subtitle', 'byline', 'dateline', 'editorNote', 'commentPolicy']) f.text(a, name, 'text', 'nullable');
  f.text(a, 'link', 'line', 'optional');
  f.time(a, 'createdAt');
  f.flag(a, 'closed');
  f.flag(a, 'unpublished');
  if (!Array.isArray(a.body)) f.fail('body', 'must be a list of paragraphs');
  (a.body as unknown[]).forEach((p, i) => f.text({ [`body[${i}]`]: p }, `body[${i}]`, 'text', 'required'));
  if (a.image !== null && a.image !== undefined) {
    if (!isRecord(a.image)) f.fail('image', 'must be an object or null');
    const image = field(`${where}, its image`);
    image.text(a.image as Rec, 'caption', 'text', 'nullable');
    image.text(a.image as Rec, 'credit', 'text', 'nullable');
  }
  if (a.source !== undefined) checkSource(a.source, f);
}

function checkSource(source: unknown, f: ReturnType<typeof field>): void {
  if (!isRecord(source) || typeof source.from !== 'string' || typeof source.id !== 'string' || (source.site !== undefined && typeof source.site !== 'string')) {
    f.fail('source', 'must be {from, id} with two strings (and a string site, if any)');
  }
}

function checkComment(c: unknown, index: number, articles: Set<string>, seen: Set<number>): number {
  const where = `comment ${index + 1} in "comments"`;
  if (!isRecord(c)) throw new Problem(`${where} is not an object: ${JSON.stringify(c)}`);
  const f = field(Number.isSafeInteger(c.id) ? `comment ${c.id}` : where);
  f.id(c, 'id');
  if (seen.has(c.id as number)) f.fail('id', 'is given to two comments');
  seen.add(c.id as number);
  if (typeof c.articleId !== 'string' || !articles.has(c.articleId)) f.fail('articleId', `names no article in the file: ${JSON.stringify(c.articleId)}`);
  f.id(c, 'parentId', true);
  if (c.parentId === c.id) f.fail('parentId', 'is the comment itself');
  f.text(c, 'author', 'line', 'required');
  f.text(c, 'email', 'line', 'nullable');
  f.text(c, 'body', 'text', 'required');
  if (!STATUSES.includes(c.status as never)) f.fail('status', `must be one of ${STATUSES.join(', ')}, not ${JSON.stringify(c.status)}`);
  f.time(c, 'createdAt');
  f.time(c, 'updatedAt');
  f.flag(c, 'purged');
  if (!Array.isArray(c.history)) f.fail('history', 'must be a list');
  (c.history as unknown[]).forEach((h, i) => {
    const e = field(`comment ${c.id}, history entry ${i + 1}`);
    if (!isRecord(h)) return e.fail('entry', 'must be an object');
    if (!ACTIONS.has(h.action as string)) e.fail('action', `must be one of ${[...ACTIONS].join(', ')}, not ${JSON.stringify(h.action)}`);
    e.time(h, 'at');
    e.text(h, 'by', 'line', 'required');
    for (const name of ['code', 'rule']) e.text(h, name, 'line', 'optional');
    for (const name of ['reason', 'previousBody']) e.text(h, name, 'text', 'optional');
  });
  if (c.flags !== undefined) {
    if (!Array.isArray(c.flags)) f.fail('flags', 'must be a list');
    for (const flag of c.flags as unknown[]) {
      if (!isRecord(flag) || typeof flag.rule !== 'string' || !Array.isArray(flag.matches) || !flag.matches.every((m) => typeof m === 'string')) {
        f.fail('flags', 'must hold {rule, matches} entries');
      }
    }
  }
  if (c.source !== undefined) checkSource(c.source, f);
  for (const name of ['sender', 'receipt']) f.text(c, name, 'line', 'optional');
  if (c.sameSenderAs !== undefined) f.id(c, 'sameSenderAs');
  return c.id as number;
}

/**
 * The same checks for records that come a batch at a time (a restore of a big
 * backup): the articles first, then each batch of comments, then the next id.
 * The first problem is kept; later calls change nothing.
 */
export class RecordsCheck {
  readonly #articleIds = new Set<string>();
  readonly #commentIds = new Set<number>();
  #highest = 0;
  #count = 0;
  problem: string | null = null;

  constructor(articles: unknown[]) {
    this.#guard(() => articles.forEach((a, i) => checkArticle(a, i, this.#articleIds)));
  }

  comments(batch: unknown[]): void {
    this.#guard(() => {
      for (const c of batch) this.#highest = Math.max(this.#highest, checkComment(c, this.#count++, this.#articleIds, this.#commentIds));
    });
  }

  finish(next: unknown): string | null {
    if (!this.problem && (!Number.isSafeInteger(next) || (next as number) <= this.#highest)) {
      this.problem = `"nextCommentId" must be a whole number above every comment id (${this.#highest}), not ${JSON.stringify(next)}`;
    }
    return this.problem;
  }

  #guard(check: () => void): void {
    if (this.problem) return;
    try {
      check();
    } catch (err) {
      if (!(err instanceof Problem)) throw err;
      this.problem = err.message;
    }
  }
}

/** The first thing wrong with these records, naming the record and field; null when all is well. */
export function recordsProblem(input: { articles: unknown[]; comments: unknown[]; nextCommentId: unknown }): string | null {
  const check = new RecordsCheck(input.articles);
  check.comments(input.comments);
  return check.finish(input.nextCommentId);
}
