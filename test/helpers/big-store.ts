// Large stores written straight to disk: quick to make, big enough that a write
// takes long enough for a kill to land in the middle of it.
import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from './rfa';

export function writeBigStore(n: number, options: { status?: (i: number) => string; pretty?: boolean } = {}): string {
  const file = path.join(tempDir(), 'big.json');
  const at = '2026-01-01T00:00:00.000Z';
  const status = options.status ?? (() => 'pending');
  const comments = Array.from({ length: n }, (_, i) => ({
    id: i + 1,
    articleId: 'a',
    parentId: null,
    author: `Reader ${i}`,
    email: null,
    body: `Comment number ${i}. `.repeat(12),
    status: status(i),
    createdAt: at,
    updatedAt: at,
    history: [{ action: 'submitted', at, by: `Reader ${i}` }],
  }));
  const article = { id: 'a', title: 'T', subtitle: null, byline: null, dateline: null, image: null, body: ['B'], editorNote: null, commentPolicy: null, createdAt: at };
  const data = { version: 1, nextCommentId: n + 1, articles: [article], comments };
  fs.writeFileSync(file, options.pretty ? JSON.stringify(data, null, 2) : JSON.stringify(data));
  return file;
}
