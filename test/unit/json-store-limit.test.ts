// A JSON file store is read back as one string, so a write that would take it
// past V8's longest string would leave a file rfa could never open again. The
// store refuses such a write, and the file stays as it was. (The real limit is
// about 512 MiB; these stores are given a small one.)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildStoreData } from '../../bench/fixtures';
import { RfaError } from '../../src/errors';
import { setClosed } from '../../src/domain/catalog';
import { submit } from '../../src/domain/submission';
import { JsonStore } from '../../src/store/file/json-store';

const tempFile = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rfa-limit-')), 'store.json');

describe('a JSON store near the longest file it can read back', () => {
  it('refuses a write past the limit and keeps the file as it was', async () => {
    const file = tempFile();
    const data = buildStoreData({ comments: 20, articles: 1 });
    await new JsonStore(file).create(data);
    const before = fs.readFileSync(file);
    const size = before.toString('utf8').length;
    const store = new JsonStore(file, { maxChars: size + 100 });
    const grow = store.run(
      submit,
      { author: 'Grower', body: 'x'.repeat(500), articleId: data.articles[0].id },
      new Date(),
    );
    await expect(grow).rejects.toThrow(/would grow past what one JSON file can hold.*nothing was written/);
    await expect(grow).rejects.toBeInstanceOf(RfaError);
    expect(fs.readFileSync(file)).toEqual(before);
    expect(fs.readdirSync(path.dirname(file)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    // A write that fits still goes through.
    await store.run(setClosed, { id: data.articles[0].id, closed: true }, new Date());
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).articles[0].closed).toBe(true);
  });

  it('creates nothing when the whole store would not fit (as when copying a big database to a file)', async () => {
    const file = tempFile();
    const store = new JsonStore(file, { maxChars: 10_000 });
    await expect(store.create(buildStoreData({ comments: 50, articles: 1 }))).rejects.toThrow(/nothing was written/);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['store.json.lock']);
  });
});
