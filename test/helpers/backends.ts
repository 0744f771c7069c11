// The two kinds of store, so that one end-to-end suite runs against both.
import fs from 'node:fs';
import path from 'node:path';
import { newPgStore } from './pg';
import { readStore, rfa, tempDir } from './rfa';

export interface Backend {
  name: string;
  /** A new store holding the shipped article (none with `empty`). */
  newStore(options?: { empty?: boolean }): Promise<string>;
  /** Everything in the store: articles, comments, settings, nextCommentId. */
  data(store: string): Promise<any>;
  /** A text that changes whenever anything in the store changes (for "left untouched"). */
  snapshot(store: string): Promise<string>;
}

async function exportOf(store: string): Promise<string> {
  const r = await rfa(['export', '--store', store]);
  if (r.code !== 0) throw new Error(`export failed: ${r.stderr}`);
  return r.stdout;
}

export const BACKENDS: Backend[] = [
  {
    name: 'JSON file',
    async newStore(options = {}) {
      const file = path.join(tempDir(), 'store.json');
      const r = await rfa(['init', ...(options.empty ? ['--empty'] : []), '--store', file]);
      if (r.code !== 0) throw new Error(`init failed: ${r.stderr}`);
      return file;
    },
    data: async (store) => readStore(store),
    snapshot: async (store) => fs.readFileSync(store, 'utf8'),
  },
  {
    name: 'PostgreSQL',
    newStore: (options = {}) => newPgStore({ init: true, empty: options.empty }),
    data: async (store) => JSON.parse(await exportOf(store)),
    snapshot: exportOf,
  },
];
