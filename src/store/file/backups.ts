// Compressed, timestamped copies of a store file, and their rotation.
import fs from 'node:fs';
import path from 'node:path';
import { createFile, makeFolders } from './atomic-file.js';
import { invalidInput, RfaError, storeError } from '../../errors.js';
import { MAX_INPUT_TEXT, MIB, readFileLimited } from '../../io/read-limited.js';

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** "desk.json" at 2026-11-28T17:03:05.123Z → "desk.json.20261128T170305.123Z.gz" */
export const backupName = (storeFile: string, now: Date) =>
  `${path.basename(storeFile)}.${now.toISOString().replace(/[-:]/g, '')}.gz`;

export function listBackups(storeFile: string, dir: string): string[] {
  const pattern = new RegExp(`^${escapeRegExp(path.basename(storeFile))}\\.\\d{8}T\\d{6}\\.\\d{3}Z\\.gz$`);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  return names.filter((n) => pattern.test(n)).sort();
}

// node:zlib (and the stream modules it pulls in) load only when a backup is made or read.
const zlib = () => import('node:zlib');

/** About this much text goes into each gzip member of a backup written in pieces. */
const MEMBER = 8 * 2 ** 20;

/**
 * A store's text, given in pieces, as gzip members of a few megabytes each, one
 * after another: a valid gzip file (gunzip reads the members as one stream), and
 * the whole text never has to be one string.
 */
function* gzipMembers(gzipSync: (text: string) => Buffer, pieces: Iterable<string>): Generator<Buffer> {
  let pending: string[] = [];
  let size = 0;
  for (const piece of pieces) {
    pending.push(piece);
    size += piece.length;
    if (size >= MEMBER) {
      yield gzipSync(pending.join(''));
      pending = [];
      size = 0;
    }
  }
  if (pending.length) yield gzipSync(pending.join(''));
}

/** Writes a gzip of the store (its bytes, or its text in pieces) into `dir`, then keeps only the newest `keep`. Call under the store's lock. */
export async function writeBackup(storeFile: string, content: Buffer | Iterable<string>, dir: string, keep: number, now: Date): Promise<{ file: string; removed: string[] }> {
  makeFolders(dir, 'the backup folder');
  let when = now;
  while (fs.existsSync(path.join(dir, backupName(storeFile, when)))) when = new Date(when.getTime() + 1);
  const file = path.join(dir, backupName(storeFile, when));
  const { gzipSync } = await zlib();
  try {
    createFile(file, Buffer.isBuffer(content) ? gzipSync(content) : gzipMembers(gzipSync, content), 'a backup');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (!code || err instanceof RfaError) throw err;
    const why = code === 'ENOSPC' ? 'no space left on the device' : code === 'EACCES' ? 'permission denied' : (err as Error).message;
    throw storeError(`cannot write the backup ${file}: ${why}; no backup was made and the store is unchanged`);
  }
  const all = listBackups(storeFile, dir);
  const removed = all.slice(0, Math.max(0, all.length - keep)).map((n) => path.join(dir, n));
  for (const old of removed) fs.rmSync(old, { force: true });
  return { file, removed };
}

/** A backup's text: gunzipped when it is gzip, as it is otherwise. */
export async function readBackupText(file: string): Promise<string> {
  const what = 'a backup (what one store file can hold)';
  const bytes = readFileLimited(file, MAX_INPUT_TEXT, what);
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes.toString('utf8');
  try {
    // Unpacked with the same limit: a small gzip can unpack to gigabytes.
    return (await zlib()).gunzipSync(bytes, { maxOutputLength: MAX_INPUT_TEXT }).toString('utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw invalidInput(`${file} unpacks to more than ${MAX_INPUT_TEXT / MIB} MiB, the limit for ${what}; nothing was restored`);
    }
    throw invalidInput(`${file} is not a readable gzip file: ${(err as Error).message}`);
  }
}
