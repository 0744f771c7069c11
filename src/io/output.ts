// Writing results straight to file descriptors. Touching process.stdout builds
// a stream (and loads the stream modules), a few milliseconds of every start;
// a plain write does not, and it finishes before the process exits, so large
// output is never cut short.
import fs from 'node:fs';

const pause = new Int32Array(new SharedArrayBuffer(4));

/** Blocks this thread for `ms`: a full non-blocking descriptor (EAGAIN) is waited on this way, a millisecond at a time. */
export const waitSync = (ms: number) => void Atomics.wait(pause, 0, 0, ms);

/**
 * Writes all of `text` to fd, in order, before returning: a non-blocking pipe
 * that is full (EAGAIN) is waited on (1 ms at a time) and written again, so
 * output is never interleaved or cut, whatever kind of descriptor fd is. A
 * reader that went away (EPIPE) ends it quietly; returns false then.
 */
export function writeAll(fd: 1 | 2, text: string): boolean {
  if (!text) return true;
  let buf = Buffer.from(text);
  while (buf.length > 0) {
    try {
      const n = fs.writeSync(fd, buf);
      buf = buf.subarray(n);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EPIPE') return false;
      if (code !== 'EAGAIN') throw err;
      waitSync(1);
    }
  }
  return true;
}
