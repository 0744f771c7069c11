// `rfa store info`: which store a command would use (after --store, RFA_STORE
// and the default), what kind it is, how big, and what it holds.
import fs from 'node:fs';
import path from 'node:path';
import type { Context, Output } from '../context.js';
import { jsonOut } from '../context.js';
import { totalsByStatus } from '../domain/catalog.js';
import { safeLine } from '../render/safe-text.js';
import { isPostgresUrl } from '../store/pg/connection.js';

export async function storeInfo(ctx: Context): Promise<Output> {
  const store = await ctx.openStore();
  const { data, counts } = await store.readCatalog();
  const kind = isPostgresUrl(store.location) ? 'postgres' : 'file';
  const location = kind === 'file' ? path.resolve(store.location) : store.location;
  const bytes = kind === 'file' ? fs.statSync(location).size : null;
  const comments = totalsByStatus(counts);
  const info = { location, kind, bytes, articles: data.articles.length, comments };
  if (ctx.json) return jsonOut(info);
  const total = comments.pending + comments.approved + comments.rejected;
  const lines = [
    `${safeLine(location)}`,
    `  kind      ${kind === 'file' ? 'JSON file' : 'PostgreSQL'}${bytes === null ? '' : `, ${bytes.toLocaleString('en-US')} bytes`}`,
    `  articles  ${data.articles.length}`,
    `  comments  ${total}: ${comments.pending} pending, ${comments.approved} approved, ${comments.rejected} rejected`,
  ];
  return { stdout: `${lines.join('\n')}\n` };
}
