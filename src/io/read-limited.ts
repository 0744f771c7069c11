// Reading a whole input file (or /dev/stdin) with a stated limit: past it we
// stop reading and refuse, naming the limit, instead of filling memory.
import fs from 'node:fs';
import { invalidInput } from '../errors.js';
import { waitSync } from './output.js';

const CHUNK = 1 << 20;

export const MIB = 1 << 20;

/** A whole store's text, as an export or a backup holds it: what one JSON file store can hold (512 MiB). */
export const MAX_INPUT_TEXT = 512 * MIB;

/** `limit` in bytes; `what` says what the limit is for ("an article file"). */
export function readFileLimited(file: string, limit: number, what: string): Buffer {
  // Standard input is read where it is: opening /dev/stdin fails when it is a socket (ENXIO).
  const stdin = file === '-' || file === '/dev/stdin';
  let fd: number;
  try {
    fd = stdin ? 0 : fs.openSync(file, 'r');
  } catch (err) {
    throw invalidInput(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for (;;) {
      const buf = Buffer.allocUnsafe(CHUNK);
      let n: number;
      try {
        n = fs.readSync(fd, buf, 0, CHUNK, null);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'EAGAIN') {
          waitSync(1);
          continue;
        }
        throw invalidInput(`cannot read ${file}: ${code ?? (err as Error).message}`);
      }
      if (n === 0) break;
      size += n;
      if (size > limit) throw invalidInput(`${file} is larger than ${limit / MIB} MiB, the limit for ${what}; nothing was read in`);
      chunks.push(buf.subarray(0, n));
    }
  } finally {
    if (!stdin) fs.closeSync(fd);
  }
  return Buffer.concat(chunks, size);
}
