import { describe, expect, it } from 'vitest';
import { serializeChunks } from '../../src/store/serialize';
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
