// PostgreSQL stores for tests, one fresh database each, on the run's cluster.
import pg from 'pg';
import { inject } from 'vitest';
import { rfa } from './rfa';

let counter = 0;

export async function sql<T = any>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** A new database; with `init`, an rfa store in it (holding the shipped article unless `empty`). */
export async function newPgStore(options: { init?: boolean; empty?: boolean } = { init: true }): Promise<string> {
  const base = inject('pgBase');
  const name = `rfa_test_${process.pid}_${Date.now()}_${counter++}`;
  await sql(`${base}/postgres`, `CREATE DATABASE ${name}`);
  const url = `${base}/${name}`;
  if (options.init !== false) {
    const r = await rfa(['init', ...(options.empty ? ['--empty'] : []), '--store', url]);
    if (r.code !== 0) throw new Error(`init failed: ${r.stderr}`);
  }
  return url;
}
