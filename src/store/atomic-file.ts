// Durable file replacement: a temporary file of our own in the same folder,
// fsync, rename over the target, fsync the folder. A crash at any point leaves
// either the old file or the new one, never a mix.
import fs from 'node:fs';
import path from 'node:path';
import { conflict } from '../errors.js';

// Unique enough with the pid in it; node:crypto would cost start-up time for nothing.
const randomHex = () => Math.floor(Math.random() * 0x1_0000_0000).toString(16).padStart(8, '0');

const tempNameFor = (target: string) => path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}-${randomHex()}.tmp`);

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function fsyncDir(dir: string): void {
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** The file's content, whole or in pieces (a big store is written a megabyte at a time). */
export type Content = string | Uint8Array | Iterable<string | Uint8Array>;

function writeTemp(target: string, content: Content, mode: number): string {
  const temp = tempNameFor(target);
  const fd = fs.openSync(temp, 'wx', mode);
  try {
    const pieces: Iterable<string | Uint8Array> = typeof content === 'string' || content instanceof Uint8Array ? [content] : content;
    for (const piece of pieces) {
      if (typeof piece === 'string') fs.writeSync(fd, piece);
      else fs.writeSync(fd, piece);
    }
    fs.fchmodSync(fd, mode);
    fs.fsyncSync(fd);
  } catch (err) {
    fs.closeSync(fd);
    fs.rmSync(temp, { force: true });
    throw err;
  }
  fs.closeSync(fd);
  return temp;
}

/** Replaces `target` with `content`, keeping the target's permission bits. */
export function replaceFile(target: string, content: Content): void {
  const mode = fs.statSync(target).mode & 0o7777;
  const temp = writeTemp(target, content, mode);
  try {
    fs.renameSync(temp, target);
  } catch (err) {
    fs.rmSync(temp, { force: true });
    throw err;
  }
  fsyncDir(path.dirname(target));
}

/** Creates `target` with `content`; never replaces an existing file, even a half-written one. */
export function createFile(target: string, content: Content, what = 'a file'): void {
  const temp = writeTemp(target, content, 0o644 & ~process.umask());
  try {
    fs.linkSync(temp, target);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw conflict(`${what} exists at ${target} already; it was left untouched`);
    throw err;
  } finally {
    fs.rmSync(temp, { force: true });
  }
  fsyncDir(path.dirname(target));
}

/** Removes temporary files that writers killed mid-write left beside `target`. Call only under the lock. */
export function removeStaleTemps(target: string): number {
  const pattern = new RegExp(`^\\.${escapeRegExp(path.basename(target))}\\.\\d+-[0-9a-f]{8}\\.tmp$`);
  const dir = path.dirname(target);
  let removed = 0;
  for (const name of fs.readdirSync(dir)) {
    if (pattern.test(name)) {
      fs.rmSync(path.join(dir, name), { force: true });
      removed++;
    }
  }
  return removed;
}

/** Writes `target` whole or not at all, replacing it if it exists (keeping its mode) or creating it. */
export function writeFileAtomic(target: string, content: Content): void {
  if (fs.existsSync(target)) replaceFile(target, content);
  else {
    const temp = writeTemp(target, content, 0o644 & ~process.umask());
    fs.renameSync(temp, target);
    fsyncDir(path.dirname(target));
  }
}
