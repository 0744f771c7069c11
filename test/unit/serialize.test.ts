import { describe, expect, it } from 'vitest';
import { serializeChunks } from '../../src/store/serialize';
import { buildStoreData } from '../../bench/fixtures';
import { emptyStoreData } from '../../src/store/schema';

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
