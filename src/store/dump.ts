// A whole store in pieces, on one snapshot: what a backup, an export or a copy
// reads, and what a restore or a copy writes, without the store ever being one
// value in memory (a database of a million comments is gigabytes of objects).
import type { Comment } from '../domain/comment.js';
import type { StoreData } from '../domain/store-data.js';

/** First everything but the comments (`head`, whose comments are empty), then the comments a batch at a time, in id order. */
export type DumpPart = { head: StoreData } | { comments: Comment[] };

/** Comments per batch: a few megabytes of objects. */
export const DUMP_BATCH = 2000;

/** A store held in memory, as parts. */
export async function* partsOf(data: StoreData): AsyncGenerator<DumpPart> {
  yield { head: { ...data, comments: [] } };
  for (let i = 0; i < data.comments.length; i += DUMP_BATCH) yield { comments: data.comments.slice(i, i + DUMP_BATCH) };
}

/** The parts as one store in memory (for a file store, which holds it whole anyway). */
export async function collectDump(parts: AsyncIterable<DumpPart>): Promise<StoreData> {
  let head: StoreData | undefined;
  const comments: Comment[] = [];
  for await (const part of parts) {
    if ('head' in part) head = part.head;
    else for (const c of part.comments) comments.push(c);
  }
  if (!head) throw new Error('a store dump without its head');
  return { ...head, comments };
}

/**
 * A dump opened: its head, read first, and its comments still to come. Reading
 * the comments to the end (or stopping early) ends the store's read; a caller
 * that will not read them calls `close`.
 */
export async function openDump(parts: AsyncIterable<DumpPart>): Promise<{ head: StoreData; comments: AsyncGenerator<Comment[]>; close(): Promise<void> }> {
  const it = parts[Symbol.asyncIterator]();
  const first = await it.next();
  if (first.done || !('head' in first.value)) throw new Error('a store dump without its head');
  const close = async () => void (await it.return?.(undefined));
  async function* comments(): AsyncGenerator<Comment[]> {
    try {
      for (let part = await it.next(); !part.done; part = await it.next()) if ('comments' in part.value) yield part.value.comments;
    } finally {
      await close();
    }
  }
  return { head: first.value.head, comments: comments(), close };
}
