import type { Context, Output } from '../context.js';
import { usageError } from '../errors.js';
import type { CommentStatus } from '../domain/comment.js';
import type { QueueFilter } from '../domain/queue-filter.js';
import { queue } from '../domain/queue.js';
import { renderQueue, type QueueFormat } from '../render/queue.js';
import { sinceOption } from '../domain/record.js';
import { mustKnowArticle } from '../domain/catalog.js';

export interface QueueOptions {
  status: CommentStatus | 'all';
  article?: string;
  author?: string;
  search?: string;
  since?: string;
  flagged?: boolean;
  sort?: 'oldest' | 'newest';
  limit?: number;
  offset?: number;
  format?: QueueFormat;
  csvRaw?: boolean;
}

export async function showQueue(ctx: Context, options: QueueOptions): Promise<Output> {
  const filter: QueueFilter = {
    status: options.status,
    articleId: options.article,
    author: options.author,
    search: options.search,
    since: sinceOption(options.since, ctx.now),
    flagged: options.flagged,
    sort: options.sort,
    limit: options.limit,
    offset: options.offset,
  };
  // --json promises one JSON document: a format that is not one is a contradiction, not a choice.
  if (ctx.json && options.format !== undefined && options.format !== 'json') {
    throw usageError(`--json and --format ${options.format} contradict each other`, '--json is --format json; drop one of them');
  }
  const store = await ctx.openStore();
  const format = options.format ?? (ctx.json ? 'json' : 'table');
  // A count needs no comment loaded: a database counts them where they are.
  if (format === 'count') {
    const n = await store.countComments(filter);
    if (n === 0 && options.article !== undefined) mustKnowArticle((await store.readCatalog()).data, options.article);
    return { stdout: `${n}\n` };
  }
  const { comments } = await store.ask(queue, filter);
  const stdout = renderQueue(comments, format, {
    // Fitted at a terminal (or to a COLUMNS given); piped, rows are whole, so grep finds every word.
    width: ctx.stdoutIsTTY || ctx.env.COLUMNS ? ctx.width() : undefined,
    style: ctx.style,
    now: ctx.now,
    header: ctx.stdoutIsTTY,
    showStatus: options.status !== 'pending',
    csvRaw: options.csvRaw,
  });
  if (format === 'table' && comments.length === 0) {
    const which = options.status === 'all' ? '' : `${options.status} `;
    return { stderr: `No ${which}comments${options.article ? ` on ${options.article}` : ''}.\n` };
  }
  // A table cut by --limit or --offset says which part of how much it is (on stderr: stdout stays the result).
  const offset = options.offset ?? 0;
  if (format === 'table' && (offset > 0 || (options.limit !== undefined && comments.length === options.limit))) {
    const total = await store.countComments({ ...filter, limit: undefined, offset: undefined });
    if (total > comments.length) {
      const part = offset > 0 ? `${offset + 1}–${offset + comments.length}` : String(comments.length);
      const next = offset + comments.length < total && options.limit !== undefined ? `; next: --offset ${offset + comments.length}` : '';
      return { stdout, stderr: `Showing ${part} of ${total}${next}.\n` };
    }
  }
  return { stdout };
}
