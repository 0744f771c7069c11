import type { Context, Output } from '../context.js';
import { jsonOut } from '../context.js';
import { readerDocument, readerView, threadOf } from '../domain/reader-view.js';
import path from 'node:path';
import { renderArticle } from '../render/article.js';
import { renderHtmlPage } from '../render/html-page.js';
import { renderMarkdown } from '../render/markdown.js';
import { PLAIN } from '../render/style.js';
import { writeFileAtomic } from '../store/file/atomic-file.js';
import { storeError, usageError } from '../errors.js';

export const SHOW_FORMATS = ['text', 'html', 'markdown'] as const;

export interface ShowOptions {
  article?: string;
  width?: number;
  comments: boolean;
  format?: (typeof SHOW_FORMATS)[number];
  output?: string;
}

export async function showArticle(ctx: Context, options: ShowOptions): Promise<Output> {
  if (ctx.json && options.format !== undefined && options.format !== 'text') {
    throw usageError(`--json and --format ${options.format} contradict each other`, 'drop one of them');
  }
  if (ctx.json && options.output !== undefined) {
    throw usageError('--json and --output contradict each other: --json writes the article and its comments to standard output', 'drop one of them');
  }
  const view = await (await ctx.openStore()).ask(readerView, { articleId: options.article, now: ctx.now });
  const { article, closed } = view;
  const comments = options.comments ? view.comments : [];
  if (ctx.json) return jsonOut(readerDocument({ article, closed, comments }));
  const format = options.format ?? 'text';
  const thread = threadOf(comments);
  const page =
    format === 'html'
      ? renderHtmlPage(article, thread, closed)
      : format === 'markdown'
        ? renderMarkdown(article, thread, closed)
        : renderArticle(article, thread, {
            width: ctx.width(options.width),
            style: options.output === undefined ? ctx.style : PLAIN,
            showComments: options.comments,
            closed,
            localTime: options.output === undefined && ctx.stdoutIsTTY,
          });
  if (options.output === undefined) return { stdout: page };
  try {
    await writeFileAtomic(path.resolve(options.output), page, 0o644); // a page to publish: readable by the web server
  } catch (err) {
    throw storeError(`cannot write ${options.output}: ${(err as Error).message}`);
  }
  return { stderr: `Wrote ${options.output}.\n` };
}
