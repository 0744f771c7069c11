import path from 'node:path';
import type { Context, Output } from '../context.js';
import { jsonOut } from '../context.js';
import { recordsProblem } from '../domain/records.js';
import { invalidInput, RfaError, usageError } from '../errors.js';
import { confirm } from '../io/confirm.js';
import { readBackupText } from '../store/file/backups.js';
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

export async function restoreStore(ctx: Context, file: string, options: { yes?: boolean }): Promise<Output> {
  let data: StoreData;
  try {
    data = JSON.parse(await readBackupText(file));
  } catch (err) {
    if (err instanceof RfaError) throw err;
    throw invalidInput(`${file} is not a store backup: ${(err as Error).message}`);
  }
  const problem = storeShapeProblem(data) ?? recordsProblem(data);
  if (problem) throw invalidInput(`${file} is not a usable store backup: ${problem}; the store is unchanged`);
  const store = await ctx.openStore();
  if (!options.yes) {
    if (!ctx.stdinIsTTY) throw usageError(`restore replaces the whole store ${store.location}; confirm with --yes when not at a terminal`);
    const question = `Replace ${store.location} with ${file} (${counted(data.articles.length, 'article')}, ${counted(data.comments.length, 'comment')})? The current store is backed up first. [y/N] `;
    if (!(await confirm(ctx, question))) return { stderr: 'Nothing was restored.\n' };
  }
  const safety = await store.backup(store.backupDir, { before: 'restore' }, ctx.now);
  await store.replaceAll(data);
  if (ctx.json) return jsonOut({ restored: file, backup: safety.file, articles: data.articles.length, comments: data.comments.length });
  return { stdout: `Restored ${file}: ${counted(data.articles.length, 'article')}, ${counted(data.comments.length, 'comment')}.\nThe store as it was is in ${safety.file}.\n` };
}
