import path from 'node:path';
import type { Context, Output } from '../context.js';
import type { Comment, CommentStatus } from '../domain/comment.js';
import { storeError } from '../errors.js';
import { exportPlan } from '../domain/export-doc.js';
import { queueChunksFrom } from '../render/queue.js';
import { serializeDump } from '../store/serialize.js';
import { writeFileAtomic } from '../store/file/atomic-file.js';
import { counted } from '../render/plural.js';
import { openDump, type DumpPart } from '../store/dump.js';

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
  const dump = await openDump((await ctx.openStore()).dump());
  // An unknown --article is refused here, before a byte is written.
  let plan: ReturnType<typeof exportPlan>;
  try {
    plan = exportPlan(dump.head, { articleId: options.article, status: options.status });
  } catch (err) {
    await dump.close(); // the store's read ends with the command
    throw err;
  }
  const { doc, keep } = plan;
  let exported = 0;
  async function* kept(): AsyncGenerator<Comment[]> {
    for await (const batch of dump.comments) {
      const chosen = batch.filter(keep);
      exported += chosen.length;
      yield chosen;
    }
  }
  async function* documentParts(): AsyncGenerator<DumpPart | { head: object }> {
    yield { head: doc };
    for await (const comments of kept()) yield { comments };
  }
  const text = options.format === 'rfa' ? serializeDump(documentParts()) : queueChunksFrom(kept(), options.format, { csvRaw: options.csvRaw });
  if (options.output === undefined) return { stdout: text };
  try {
    await writeFileAtomic(path.resolve(options.output), text);
  } catch (err) {
    throw storeError(`cannot write ${options.output}: ${(err as Error).message}`);
  }
  return { stderr: `Exported ${counted(exported, 'comment')} to ${options.output}.\n` };
}
