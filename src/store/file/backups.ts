// Compressed, timestamped copies of a store file, and their rotation.
import fs from 'node:fs';
import path from 'node:path';
import { createFile, escapeRegExp, makeFolders } from './atomic-file.js';
import type { Rotation } from '../store.js';
import { RfaError, storeError } from '../../errors.js';

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

/**
 * About this much text goes into each gzip member of a backup written in
 * pieces: a megabyte compresses as well as more (gzip looks back 32 KiB), and
 * each member's text, joined, then as bytes, then compressed, is held only briefly.
 */
const MEMBER = 2 ** 20;

/**
 * A store's text, given in pieces, as gzip members of a few megabytes each, one
 * after another: a valid gzip file (gunzip reads the members as one stream), and
 * the whole text never has to be one string.
 */
async function* gzipMembers(gzipSync: (text: string) => Buffer, pieces: AsyncIterable<string>): AsyncGenerator<Buffer> {
  let pending: string[] = [];
  let size = 0;
  for await (const piece of pieces) {
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

/**
 * A kept backup says so in its gzip header's comment field (RFC 1952's FCOMMENT,
 * which gunzip skips), so that its name, and what reads it, stay as for any other.
 */
const KEPT = 'rfa: kept, taken before a ';
const FEXTRA = 0x04;
const FNAME = 0x08;
const FCOMMENT = 0x10;

function markKept(gzip: Buffer, why: string): Buffer {
  if (gzip[3] & (FEXTRA | FNAME | FCOMMENT)) throw new Error('unexpected gzip header');
  const header = Buffer.from(gzip.subarray(0, 10));
  header[3] |= FCOMMENT;
  return Buffer.concat([header, Buffer.from(`${KEPT}${why}\0`, 'latin1'), gzip.subarray(10)]);
}

/** Whether a backup file was marked kept: read from its first bytes. */
function isKept(file: string): boolean {
  const head = Buffer.alloc(512);
  let n: number;
  try {
    const fd = fs.openSync(file, 'r');
    try {
      n = fs.readSync(fd, head, 0, head.length, 0);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return false;
  }
  if (n < 10 || head[0] !== 0x1f || head[1] !== 0x8b || !(head[3] & FCOMMENT) || head[3] & (FEXTRA | FNAME)) return false;
  return head.subarray(10, n).toString('latin1').startsWith(KEPT);
}

async function* markFirst(members: AsyncIterable<Buffer>, why: string): AsyncGenerator<Buffer> {
  let first = true;
  for await (const m of members) {
    yield first ? markKept(m, why) : m;
    first = false;
  }
}

/** How many names, a millisecond apart, a backup tries when the ones before it exist. */
const NAME_TRIES = 1000;

/**
 * Writes a gzip of the store (its bytes, or its text in pieces) into `dir`,
 * then rotates the unkept ones to the newest `keep`. Named by `now`, or the
 * first free millisecond after it: two backups at once (on a database, which
 * a backup reads on a snapshot, without the store's lock) both get made.
 */
export async function writeBackup(storeFile: string, content: Buffer | AsyncIterable<string>, dir: string, rotation: Rotation, now: Date): Promise<{ file: string; removed: string[] }> {
  makeFolders(dir, 'the backup folder');
  const [first, ...later] = Array.from({ length: NAME_TRIES }, (_, i) => path.join(dir, backupName(storeFile, new Date(now.getTime() + i))));
  let file = first;
  const { gzipSync } = await zlib();
  try {
    const members = Buffer.isBuffer(content) ? (async function* () { yield gzipSync(content); })() : gzipMembers(gzipSync, content);
    file = await createFile(first, 'before' in rotation ? markFirst(members, rotation.before) : members, 'a backup', undefined, later);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (!code || err instanceof RfaError) throw err;
    const why = code === 'ENOSPC' ? 'no space left on the device' : code === 'EACCES' ? 'permission denied' : (err as Error).message;
    throw storeError(`cannot write the backup ${file}: ${why}; no backup was made and the store is unchanged`);
  }
  if (!('keep' in rotation)) return { file, removed: [] };
  const rotated = listBackups(storeFile, dir).filter((n) => !isKept(path.join(dir, n)));
  const removed = rotated.slice(0, Math.max(0, rotated.length - rotation.keep)).map((n) => path.join(dir, n));
  for (const old of removed) fs.rmSync(old, { force: true });
  return { file, removed };
}
