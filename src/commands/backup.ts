import path from 'node:path';
import type { Context, Output } from '../context.js';
import { jsonOut } from '../context.js';
import type { Comment } from '../domain/comment.js';
import { RecordsCheck } from '../domain/records.js';
import { invalidInput, RfaError, usageError } from '../errors.js';
import { confirm } from '../io/confirm.js';
import { readStoreDocument, type DocumentPart } from '../store/file/document-reader.js';
import type { DumpPart } from '../store/dump.js';
import { storeShapeProblem, type StoreData } from '../domain/store-data.js';
import { counted } from '../render/plural.js';

export interface BackupOptions {
  dir?: string;
  keep: number;
}

export async function backupStore(ctx: Context, options: BackupOptions): Promise<Output> {
  const store = await ctx.openStore();
  const { file, removed } = await store.backup(options.dir ? path.resolve(options.dir) : store.backupDir, { keep: options.keep }, ctx.now);
  if (ctx.json) return jsonOut({ backup: file, removed });
  return { stdout: `${file}\n`, stderr: removed.length ? `Removed ${removed.length} older backup${removed.length === 1 ? '' : 's'} (keeping ${options.keep}).\n` : undefined };
}

/** What a backup holds, read through once: its fields but the comments, how many comments, and the first problem. */
async function inspectBackup(file: string): Promise<{ head: StoreData; comments: number }> {
  const fields = new Map<string, unknown>();
  let check: RecordsCheck | undefined;
  let comments = 0;
  for await (const part of readBackup(file)) {
    if ('field' in part) {
      fields.set(part.field, part.value);
      // The articles come before the comments in every store rfa writes.
      if (part.field === 'articles' && Array.isArray(part.value)) check = new RecordsCheck(part.value);
    } else {
      if (!check) throw invalidInput(`${file} is not a usable store backup: its comments come before its articles; the store is unchanged`);
      check.comments(part.comments);
      comments += part.comments.length;
    }
  }
  const head = Object.fromEntries(fields) as unknown as StoreData;
  const problem = storeShapeProblem(head) ?? (check ?? new RecordsCheck(head.articles)).finish(head.nextCommentId);
  if (problem) throw invalidInput(`${file} is not a usable store backup: ${problem}; the store is unchanged`);
  return { head, comments };
}

/** The backup's parts, not its comments' own: a read error as the input's fault. */
async function* readBackup(file: string): AsyncGenerator<DocumentPart> {
  try {
    yield* readStoreDocument(file);
  } catch (err) {
    if (err instanceof RfaError) throw err;
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'ENOENT' || e.code === 'EACCES' || e.code === 'EISDIR') throw invalidInput(`cannot read ${file}: ${e.code === 'ENOENT' ? 'no such file' : e.code === 'EACCES' ? 'permission denied' : 'it is a folder'}`);
    const gzip = e.code?.startsWith('Z_') ? ' (a damaged gzip file)' : '';
    throw invalidInput(`${file} is not a store backup${gzip}: ${e.message}; the store is unchanged`);
  }
}

/** The backup as a store's parts: the head read before, then the comments as they are read again (checked again, in case the file changed). */
async function* backupParts(file: string, head: StoreData): AsyncGenerator<DumpPart> {
  yield { head };
  const check = new RecordsCheck(head.articles);
  for await (const part of readBackup(file)) {
    if (!('comments' in part)) continue;
    check.comments(part.comments);
    if (check.problem) throw invalidInput(`${file} changed while it was restored: ${check.problem}; the store is unchanged`);
    yield { comments: part.comments as Comment[] };
  }
}

export async function restoreStore(ctx: Context, file: string, options: { yes?: boolean }): Promise<Output> {
  // Read through once, a batch at a time, to check every record before anything is replaced.
  const { head, comments } = await inspectBackup(file);
  const articles = head.articles.length;
  const store = await ctx.openStore();
  if (!options.yes) {
    if (!ctx.stdinIsTTY) throw usageError(`restore replaces the whole store ${store.location}; confirm with --yes when not at a terminal`);
    const question = `Replace ${store.location} with ${file} (${counted(articles, 'article')}, ${counted(comments, 'comment')})? The current store is backed up first. [y/N] `;
    if (!(await confirm(ctx, question))) return { stderr: 'Nothing was restored.\n' };
  }
  const safety = await store.backup(store.backupDir, { before: 'restore' }, ctx.now);
  await store.replaceAll(backupParts(file, head));
  if (ctx.json) return jsonOut({ restored: file, backup: safety.file, articles, comments });
  return { stdout: `Restored ${file}: ${counted(articles, 'article')}, ${counted(comments, 'comment')}.\nThe store as it was is in ${safety.file}.\n` };
}
