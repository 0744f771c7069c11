// Writing results straight to file descriptors. Touching process.stdout builds
// a stream (and loads the stream modules), a few milliseconds of every start;
// a plain write does not, and it finishes before the process exits, so large
// output is never cut short.
import fs from 'node:fs';

/** Writes all of `text` to fd; a reader that went away (EPIPE) ends it quietly. Returns false then. */
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
      // A non-blocking pipe is full: hand the rest to the stream, which waits for the reader.
      const stream = fd === 1 ? process.stdout : process.stderr;
      stream.on('error', () => {});
      stream.write(buf);
      return true;
    }
  }
  return true;
}
