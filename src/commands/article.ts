import type { Context, Output } from '../context.js';
import { jsonOut } from '../context.js';
import { parseArticleText } from '../domain/article.js';
import { addArticleOp, publish, setClosed, summarizeArticles } from '../domain/catalog.js';
import { MIB, readFileLimited } from '../io/read-limited.js';
import { readSettings } from '../domain/settings.js';
import { safeLine } from '../render/safe-text.js';
import { displayWidth, padEnd, truncate, widest } from '../render/wrap.js';

/** An article is a few pages of text. */
const MAX_ARTICLE_FILE = MIB;

export async function importArticle(ctx: Context, file: string, options: { id?: string }): Promise<Output> {
  const text = readFileLimited(file, MAX_ARTICLE_FILE, 'an article file').toString('utf8');
  const parsed = parseArticleText(text);
  const store = await ctx.openStore();
  const article = await store.run(addArticleOp, { parsed, id: options.id }, ctx.now);
  if (ctx.json) return jsonOut(article);
  return { stdout: `${article.id}\n`, stderr: `Imported '${safeLine(article.title)}' as ${article.id}.\n` };
}

export async function listArticles(ctx: Context): Promise<Output> {
  const { data, counts } = await (await ctx.openStore()).readCatalog();
  const summaries = summarizeArticles(data.articles, counts, readSettings(data).policy, ctx.now);
  if (ctx.json) return jsonOut(summaries);
  if (summaries.length === 0) return { stderr: "No articles. Add one with 'rfa article import <file>'.\n" };
  const { style } = ctx;
  const idW = widest(summaries.map((s) => displayWidth(safeLine(s.id))), 2);
  // Short count columns leave the title room at 80 columns beside a long id; they widen for big counts.
  const countW = widest(summaries.flatMap((s) => Object.values(s.counts).map((n) => String(n).length)), 4);
  const countColumns = (s: (typeof summaries)[number]) => [s.counts.pending, s.counts.approved, s.counts.rejected].map((n) => String(n).padStart(countW)).join('  ');
  const width = ctx.width();
  const countsW = 3 * countW + 4;
  const title = (s: (typeof summaries)[number]) => (s.closed ? '[closed] ' : '') + safeLine(s.title);
  // Too narrow for a title beside a long id (60 columns): the title goes on a line of its own under its row.
  const beside = width - idW - 2 - countsW - 2 >= 10;
  const shownIdW = beside ? idW : Math.max(8, Math.min(idW, width - countsW - 2));
  const lines = summaries.map((s) => {
    const row = `${style.cyan(padEnd(truncate(safeLine(s.id), shownIdW), shownIdW))}  ${countColumns(s)}`;
    return beside ? `${row}  ${truncate(title(s), width - shownIdW - 2 - countsW - 2)}` : `${row}\n  ${truncate(title(s), Math.max(10, width - 2))}`;
  });
  const heading = ['PEND', 'APPR', 'REJ'].map((h) => h.padStart(countW)).join('  ');
  if (ctx.stdoutIsTTY) lines.unshift(style.bold(`${padEnd('ID', shownIdW)}  ${heading}${beside ? '  TITLE' : ''}`));
  return { stdout: `${lines.join('\n')}\n` };
}

export async function publishArticleCommand(ctx: Context, id: string): Promise<Output> {
  const store = await ctx.openStore();
  const { article, changed } = await store.run(publish, id, ctx.now);
  if (ctx.json) return jsonOut(article);
  return { stdout: changed ? `Approved comments on ${article.id} are now shown to readers.\n` : `${article.id} was published already (unchanged).\n` };
}

export async function closeArticle(ctx: Context, id: string, closed: boolean): Promise<Output> {
  const store = await ctx.openStore();
  const { article, changed } = await store.run(setClosed, { id, closed }, ctx.now);
  if (ctx.json) return jsonOut(article);
  const state = closed ? 'closed' : 'open';
  return { stdout: changed ? `Comments on ${article.id} are now ${state}.\n` : `Comments on ${article.id} were already ${state} (unchanged).\n` };
}
