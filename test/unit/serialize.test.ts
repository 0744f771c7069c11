import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { serializeChunks, serializeDump, SliceCache } from '../../src/store/serialize';
import { partsOf } from '../../src/store/dump';
import { readStoreDocument } from '../../src/store/file/document-reader';
import { queueChunks } from '../../src/render/queue';
import { buildStoreData } from '../../bench/fixtures';
import { emptyStoreData } from '../../src/domain/store-data';

const reference = (data: unknown) => `${JSON.stringify(data, null, 2)}\n`;

describe('serializeChunks', () => {
  it('writes exactly what JSON.stringify(data, null, 2) would', () => {
    const data = buildStoreData({ comments: 3000, articles: 10 });
    data.comments[5].body = 'Line one\nline "two"\t\u202E 日本語 😀 \\ end';
    (data.comments[6] as any).extra = { nested: [[], {}, [1, { a: null }]], empty: '' };
    const chunks = [...serializeChunks(data)];
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.join('')).toBe(reference(data));
  });

  it('handles empty lists and an empty object', () => {
    expect([...serializeChunks(emptyStoreData())].join('')).toBe(reference(emptyStoreData()));
    expect([...serializeChunks({})].join('')).toBe(reference({}));
    expect([...serializeChunks({ a: undefined, b: [null, 'x'] })].join('')).toBe(reference({ a: undefined, b: [null, 'x'] }));
  });
});

describe('serializeChunks with a SliceCache (a server rewriting its store)', () => {
  it('gives the same bytes as without, as comments are added, frozen or not, and after a comment is replaced', () => {
    const deepFreeze = (x: any): any => (x && typeof x === 'object' && !Object.isFrozen(x) ? (Object.values(Object.freeze(x)).forEach(deepFreeze), x) : x);
    const data = buildStoreData({ comments: 1050, articles: 3 });
    const cache = new SliceCache();
    const write = () => [...serializeChunks(data, cache)].join('');
    expect(write()).toBe(reference(data)); // nothing frozen yet: nothing kept
    data.comments.forEach(deepFreeze);
    expect(write()).toBe(reference(data));
    for (let i = 0; i < 120; i++) {
      data.comments.push({ ...data.comments[i], id: data.nextCommentId++, body: `added ${i}` });
      if (i % 7) deepFreeze(data.comments.at(-1));
      expect(write()).toBe(reference(data));
    }
    // A comment replaced by a new object (what a store reloaded from its file has): its slice is written anew.
    data.comments[3] = deepFreeze({ ...data.comments[3], status: 'rejected', body: 'replaced' });
    expect(write()).toBe(reference(data));
    expect(write()).toContain('"body": "replaced"');
  });

  it('a frozen comment cannot be changed in place, so a kept text cannot go stale', () => {
    const data = buildStoreData({ comments: 10, articles: 1 });
    Object.freeze(data.comments[0]);
    expect(() => {
      (data.comments[0] as any).status = 'rejected';
    }).toThrow(TypeError);
  });
});

describe('queueChunks', () => {
  const comments = buildStoreData({ comments: 2500, articles: 3 }).comments;
  comments[7].body = 'A "quoted", comma\r\nand line';

  it('json in pieces is exactly JSON.stringify(comments, null, 2), for none, one and many', () => {
    for (const list of [[], comments.slice(0, 1), comments]) {
      const chunks = [...queueChunks(list, 'json')];
      expect(chunks.join('')).toBe(`${JSON.stringify(list, null, 2)}\n`);
      if (list.length > 1000) expect(chunks.length).toBeGreaterThan(3);
    }
  });

  it('ndjson and csv in pieces give one line per comment', () => {
    expect([...queueChunks(comments, 'ndjson')].join('')).toBe(comments.map((c) => `${JSON.stringify(c)}\n`).join(''));
    const csv = [...queueChunks(comments, 'csv')].join('');
    expect(csv.startsWith('id,articleId,author,email,status,createdAt,body\r\n')).toBe(true);
    expect(csv).toContain('"A ""quoted"", comma\r\nand line"\r\n');
    expect(csv.split('\r\n')).toHaveLength(1 + 2500 + 1 + 1); // header, rows, the quoted line break, the final empty
  });
});

describe('a store in parts (dump.ts): written and read as a stream', () => {
  const data = buildStoreData({ comments: 12_000, articles: 4 });
  data.comments[5].body = 'Quotes " and \\ backslashes \\" and brackets ] } [ {, commas, 日本語 😀';
  (data.comments[6] as any).extra = { nested: [[], {}, [1, { a: null }]], empty: '', n: -1.5e3 };
  data.settings = { policy: { 'max-links': 2 } } as any;
  const parts = () => partsOf(data);
  const collect = async (pieces: AsyncIterable<string>) => {
    let text = '';
    for await (const p of pieces) text += p;
    return text;
  };

  it('serializeDump writes the same bytes as serializeChunks of the whole store, for none, one and many comments', async () => {
    for (const n of [0, 1, 12_000]) {
      const some = { ...data, comments: data.comments.slice(0, n) };
      expect(await collect(serializeDump(partsOf(some)))).toBe(reference(some));
    }
    expect(await collect(serializeDump(parts()))).toBe([...serializeChunks(data)].join(''));
  });

  it('readStoreDocument gives back every field and comment, whatever the layout, the packing and where chunks end', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rfa-doc-'));
    // Chunks of 7 characters on a store of 300 comments (a chunk is a stream event: millions would take minutes).
    const small = { ...data, comments: data.comments.slice(0, 300) };
    const layouts = (d: object) => ({ pretty: reference(d), compact: JSON.stringify(d), odd: JSON.stringify(d, null, '\t').replace(/\n/g, ' \r\n ') });
    for (const [name, text, expected, tiny] of [
      ...Object.entries(layouts(data)).map(([n, t]) => [n, t, data, 1 << 20] as const),
      ...Object.entries(layouts(small)).map(([n, t]) => [`small ${n}`, t, small, 7] as const),
    ]) {
      const plain = path.join(dir, `${name.replace(" ", "-")}.json`);
      fs.writeFileSync(plain, text);
      const packed = path.join(dir, `${name.replace(" ", "-")}.json.gz`);
      fs.writeFileSync(packed, Buffer.concat([zlib.gzipSync(text.slice(0, 1000)), zlib.gzipSync(text.slice(1000))])); // two members
      for (const [file, chunk] of [[plain, tiny], [packed, tiny === 7 ? 64 : 4096]] as const) {
        const fields: Record<string, unknown> = {};
        const comments: unknown[] = [];
        for await (const part of readStoreDocument(file, chunk)) {
          if ('field' in part) fields[part.field] = part.value;
          else comments.push(...part.comments);
        }
        expect(Object.keys(fields), `${name} ${chunk}`).toEqual(Object.keys(expected));
        expect({ ...fields, comments }, `${name} ${chunk}`).toEqual(expected);
      }
    }
  });

  it('readStoreDocument refuses what is not one JSON object, saying where', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rfa-doc-'));
    const read = async (text: string) => {
      const file = path.join(dir, 'x.json');
      fs.writeFileSync(file, text);
      try {
        for await (const _ of readStoreDocument(file, 3)) void _;
        return 'read';
      } catch (err) {
        return (err as Error).message;
      }
    };
    expect(await read('')).toBe('an empty file at character 0');
    expect(await read('[1]')).toBe('expected a JSON object ({) at character 0');
    expect(await read('{"a": 1')).toMatch(/ends early/);
    expect(await read('{"a": 1} x')).toBe('text after the end of the object at character 9');
    expect(await read('{"comments": [{"id": 1} {"id": 2}]}')).toMatch(/expected "," or "]" in "comments"/);
    expect(await read('{"a": tru}')).toMatch(/"a" ending near character 9 is not JSON/);
    expect(await read('{"a": {"b": [1, 2]}, "comments": []}')).toBe('read');
  });
});
