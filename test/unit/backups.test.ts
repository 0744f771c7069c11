// Backups are named by the time they are taken. On a database a backup reads
// a snapshot without the store's lock, so two commands (two imports of one
// file at once) can take theirs in the same millisecond: both must be made.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { writeBackup } from '../../src/store/file/backups';

/** A store's text in pieces, with a turn of the event loop between them, as a database's dump comes. */
async function* pieces(text: string): AsyncGenerator<string> {
  for (const piece of text.match(/.{1,4}/gs) ?? []) {
    await new Promise((resolve) => setImmediate(resolve));
    yield piece;
  }
}

describe('backups', () => {
  it('two taken at once in the same millisecond are both made, each under a name of its own', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rfa-backups-'));
    try {
      const now = new Date('2026-12-02T12:00:00.000Z');
      const [first, second] = await Promise.all([
        writeBackup('desk.json', pieces('{"first":1}'), dir, { before: 'import' }, now),
        writeBackup('desk.json', pieces('{"second":2}'), dir, { before: 'import' }, now),
      ]);
      expect(fs.readdirSync(dir).sort()).toEqual(['desk.json.20261202T120000.000Z.gz', 'desk.json.20261202T120000.001Z.gz']);
      expect(first.file).not.toBe(second.file);
      expect(zlib.gunzipSync(fs.readFileSync(first.file)).toString()).toBe('{"first":1}');
      expect(zlib.gunzipSync(fs.readFileSync(second.file)).toString()).toBe('{"second":2}');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
