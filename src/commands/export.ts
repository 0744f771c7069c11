import path from 'node:path';
import type { Context, Output } from '../context.js';
import type { CommentStatus } from '../domain/comment.js';
import { storeError } from '../errors.js';
import { exportSelection } from '../domain/export-doc.js';
import { queueChunks } from '../render/queue.js';
import { serializeChunks } from '../store/serialize.js';
import { writeFileAtomic } from '../store/file/atomic-file.js';
import { counted } from '../render/plural.js';

export const EXPORT_FORMATS = ['rfa', 'json', 'ndjson', 'csv'] as const;

export interface ExportOptions {
  article?: string;
  status: CommentStatus | 'all';
  format: (typeof EXPORT_FORMATS)[number];
  output?: string;
  csvRaw?: boolean;
}

export async function exportStore(ctx: Context, options: ExportOptions): Promise<Output> {
  const { doc, comments } = await (await ctx.openStore()).ask(exportSelection, { articleId: options.article, status: options.status });
  // In pieces: a big store's export would not fit in one string.
  const text =
    options.format === 'rfa'
      ? serializeChunks(doc)
      : queueChunks(comments, options.format, { csvRaw: options.csvRaw });
  if (options.output === undefined) return { stdout: text };
  try {
    writeFileAtomic(path.resolve(options.output), text);
  } catch (err) {
    throw storeError(`cannot write ${options.output}: ${(err as Error).message}`);
  }
  return { stderr: `Exported ${counted(comments.length, 'comment')} to ${options.output}.\n` };
}
