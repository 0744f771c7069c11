// Vitest global setup: every temporary folder of the run (the tests', the rfa
// processes they start, the PostgreSQL server's) goes in one folder of its
// own, removed at the end, so that a run leaves nothing behind in /tmp.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export default function setup() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'rfa-run-'));
  // Traversable by the postgres user that the server runs as when the tests run as root.
  fs.chmodSync(root, 0o711);
  const before = process.env.TMPDIR;
  process.env.TMPDIR = root; // workers and the processes they start inherit it
  return () => {
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
    fs.rmSync(root, { recursive: true, force: true });
  };
}
