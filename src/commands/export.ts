import path from 'node:path';
import type { Context, Output } from '../context.js';
import type { Comment, CommentStatus } from '../domain/comment.js';
import { storeError } from '../errors.js';
import { exportPlan } from '../domain/export-doc.js';
import { queueChunksFrom } from '../render/queue.js';
import { serializeDump } from '../store/serialize.js';
import { writeFileAtomicFrom } from '../store/file/atomic-file.js';
import { counted } from '../render/plural.js';
import type { DumpPart } from '../store/dump.js';

export const EXPORT_FORMATS = ['rfa', 'json', 'ndjson', 'csv'] as const;

export interface ExportOptions {
  article?: string;
  status: CommentStatus | 'all';
  format: (typeof EXPORT_FORMATS)[number];
  output?: string;
  csvRaw?: boolean;
}

/**
 * Writes out the store as it is read, a batch of comments at a time: an export
 * of a database of any size takes a batch's memory, and its text is never one
 * string.
 */
export async function exportStore(ctx: Context, options: ExportOptions): Promise<Output> {
  const parts = (await ctx.openStore()).dump()[Symbol.asyncIterator]();
  const first = await parts.next();
  if (first.done || !('head' in first.value)) throw new Error('a store dump without its head');
  // An unknown --article is refused here, before a byte is written.
  let plan: ReturnType<typeof exportPlan>;
  try {
    plan = exportPlan(first.value.head, { articleId: options.article, status: options.status });
  } catch (err) {
    await parts.return?.(undefined); // the store's read ends with the command
    throw err;
  }
  const { doc, keep } = plan;
  let exported = 0;
  async function* kept(): AsyncGenerator<Comment[]> {
    try {
      for (let part = await parts.next(); !part.done; part = await parts.next()) {
        if (!('comments' in part.value)) continue;
        const batch = part.value.comments.filter(keep);
        exported += batch.length;
        yield batch;
      }
    } finally {
      // A reader that went away (| head) ends the store's read too.
      await parts.return?.(undefined);
    }
  }
  async function* documentParts(): AsyncGenerator<DumpPart | { head: object }> {
    yield { head: doc };
    for await (const comments of kept()) yield { comments };
  }
  const text = options.format === 'rfa' ? serializeDump(documentParts()) : queueChunksFrom(kept(), options.format, { csvRaw: options.csvRaw });
  if (options.output === undefined) return { stdout: text };
  try {
    await writeFileAtomicFrom(path.resolve(options.output), text);
  } catch (err) {
    throw storeError(`cannot write ${options.output}: ${(err as Error).message}`);
  }
  return { stderr: `Exported ${counted(exported, 'comment')} to ${options.output}.\n` };
}
