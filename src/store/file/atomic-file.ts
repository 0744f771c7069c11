// Durable file replacement: a temporary file of our own in the same folder,
// fsync, rename over the target, fsync the folder. A crash at any point leaves
// either the old file or the new one, never a mix.
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { conflict, storeError } from '../../errors.js';

// Unique enough with the pid in it; node:crypto would cost start-up time for nothing.
const randomHex = () => Math.floor(Math.random() * 0x1_0000_0000).toString(16).padStart(8, '0');

const tempNameFor = (target: string) => path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}-${randomHex()}.tmp`);

export const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// fsync and close go to Node's thread pool: a server answers other requests while the disk works.
const fsync = promisify(fs.fsync);
const close = promisify(fs.close);

async function fsyncDir(dir: string): Promise<void> {
  const fd = fs.openSync(dir, 'r');
  try {
    await fsync(fd);
  } finally {
    await close(fd);
  }
}

/** The file's content: whole, in pieces (a big store is written a megabyte at a time), or in pieces that come as they are made (a database read a batch at a time). */
export type Content = string | Uint8Array | Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>;

const writePiece = (fd: number, piece: string | Uint8Array) => (typeof piece === 'string' ? fs.writeSync(fd, piece) : fs.writeSync(fd, piece));

/** Writes `content` to a new temporary file of our own beside `target` and makes it durable; on a failure, removes it. */
async function writeTemp(target: string, content: Content, mode: number): Promise<string> {
  const temp = tempNameFor(target);
  const fd = fs.openSync(temp, 'wx', mode);
  try {
    if (typeof content === 'string' || content instanceof Uint8Array) writePiece(fd, content);
    else for await (const piece of content) writePiece(fd, piece);
    fs.fchmodSync(fd, mode);
    await fsync(fd);
  } catch (err) {
    await close(fd);
    fs.rmSync(temp, { force: true });
    throw err;
  }
  await close(fd);
  return temp;
}

/**
 * Creates `dir` and its missing parents one at a time. Node's recursive mkdir
 * spun at full CPU for ever under /proc (`backup --dir /proc/nope/x`); one
 * level at a time, the first refusal is an error that names the folder.
 */
export function makeFolders(dir: string, what: string): void {
  const missing: string[] = [];
  let at = path.resolve(dir);
  while (!fs.existsSync(at)) {
    missing.unshift(at);
    const up = path.dirname(at);
    if (up === at) break;
    at = up;
  }
  if (!fs.statSync(at).isDirectory()) throw storeError(`cannot make ${what} ${dir}: ${at} is not a folder; nothing was written`);
  for (const d of missing) {
    try {
      fs.mkdirSync(d);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw storeError(`cannot make ${what} ${d}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}; nothing was written`);
    }
  }
}

/** Private unless the user says otherwise: new stores, backups and exports hold e-mail addresses. */
export const PRIVATE_MODE = 0o600;

/**
 * The file at a path, held open: while it is, its inode cannot be handed to
 * another file (file systems reuse a freed inode number at once, seen here),
 * so "still the same file" is an exact test of device and inode.
 */
export class HeldFile {
  readonly #fd: number;
  readonly #dev: number;
  readonly #ino: number;

  constructor(file: string) {
    this.#fd = fs.openSync(file, 'r');
    const { dev, ino } = fs.fstatSync(this.#fd);
    this.#dev = dev;
    this.#ino = ino;
  }

  isAt(file: string): boolean {
    const { dev, ino } = fs.statSync(file);
    return dev === this.#dev && ino === this.#ino;
  }

  /** Which file this is, as it is now: device, inode, size and times (a hand edit changes the last three). */
  key(): string {
    return fileKeyOf(fs.fstatSync(this.#fd, { bigint: true }));
  }

  close(): void {
    fs.closeSync(this.#fd);
  }
}

/** A file's identity and state, as one string: the same string means the same bytes (short of a write that keeps size and times). */
export const fileKeyOf = (st: fs.BigIntStats) => `${st.dev}:${st.ino}:${st.size}:${st.mtimeNs}:${st.ctimeNs}`;

/** The target is no longer the file that was read: another writer replaced it meanwhile. */
export class ReplacedMeanwhile extends Error {}

/** Renames a written temporary file over `target` (unless `unchanged` says no), then makes the rename durable; the temporary file never stays behind. */
async function install(temp: string, target: string, unchanged?: () => boolean): Promise<void> {
  try {
    if (unchanged && !unchanged()) throw new ReplacedMeanwhile(target);
    fs.renameSync(temp, target);
  } catch (err) {
    fs.rmSync(temp, { force: true });
    throw err;
  }
  await fsyncDir(path.dirname(target));
}

/**
 * Replaces `target` with `content`, keeping the target's permission bits. With
 * `unchanged`, asked last thing before the rename, refuses (ReplacedMeanwhile,
 * nothing written) when it says no: a read-modify-write must not overwrite a
 * write it never saw, even if its lock was broken (the file deleted) meanwhile.
 */
export async function replaceFile(target: string, content: Content, unchanged?: () => boolean): Promise<void> {
  const mode = fs.statSync(target).mode & 0o7777;
  await install(await writeTemp(target, content, mode), target, unchanged);
}

/**
 * Creates `target` with `content` (mode 0600 unless told); never replaces an
 * existing file, even a half-written one. With `others`, names in the same
 * folder to try in turn when the one before exists (another process may take a
 * name between a look and the write); returns the name it created.
 */
export async function createFile(target: string, content: Content, what = 'a file', mode = PRIVATE_MODE, others: Iterable<string> = []): Promise<string> {
  const temp = await writeTemp(target, content, mode & ~process.umask());
  let created: string | undefined;
  try {
    for (const name of [target, ...others]) {
      try {
        fs.linkSync(temp, name);
        created = name;
        break;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
    }
  } finally {
    fs.rmSync(temp, { force: true });
  }
  if (created === undefined) throw conflict(`${what} exists at ${target} already; it was left untouched`, undefined, 'ALREADY_EXISTS');
  // The link and the temporary name's removal, made durable together.
  await fsyncDir(path.dirname(created));
  return created;
}

/** Whether a process with this pid is running (then its temporary file may be in use). */
function alive(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes temporary files that writers killed mid-write left beside `target`.
 * Call only under the lock. Only what is ours is touched: regular files of
 * this user, named as our temporary files are, whose writer is no longer
 * running. Anything else (a folder of that name, another user's file) is
 * left alone and never stops a write.
 */
export function removeStaleTemps(target: string): number {
  const pattern = new RegExp(`^\\.${escapeRegExp(path.basename(target))}\\.(\\d+)-[0-9a-f]{8}\\.tmp$`);
  const dir = path.dirname(target);
  const uid = process.getuid?.();
  let removed = 0;
  for (const name of fs.readdirSync(dir)) {
    const m = pattern.exec(name);
    if (!m || alive(Number(m[1]))) continue;
    const file = path.join(dir, name);
    try {
      const stat = fs.lstatSync(file);
      if (!stat.isFile() || (uid !== undefined && stat.uid !== uid)) continue;
      fs.unlinkSync(file);
      removed++;
    } catch {
      // Gone already, or not ours to remove.
    }
  }
  return removed;
}

/**
 * Writes `target` whole or not at all. An existing regular file keeps its mode
 * (never wider than `mode`); anything else at the path, a symlink included, is
 * replaced, never followed. New files get `mode` less the umask.
 */
export async function writeFileAtomic(target: string, content: Content, mode = PRIVATE_MODE): Promise<void> {
  await install(await writeTemp(target, content, modeFor(target, mode)), target);
}

function modeFor(target: string, mode: number): number {
  let existing: fs.Stats | undefined;
  try {
    existing = fs.lstatSync(target);
  } catch {
    existing = undefined;
  }
  return existing?.isFile() ? existing.mode & 0o777 & mode : mode & ~process.umask();
}
