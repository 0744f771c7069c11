// dist/pg.cjs, the PostgreSQL client bundle build.mjs makes: it must load
// without Node's crypto and undici, which only a password or a Cloudflare
// Worker would need (build.mjs hands pg stand-ins for them).
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { sqlLiteral, sqlString } from '../../src/store/pg/sql-literal';

const ROOT = path.resolve(__dirname, '..', '..');

describe('the PostgreSQL client bundle', () => {
  it('loads and makes a client without loading crypto or undici', () => {
    const script = `
      const before = new Set(process.moduleLoadList);
      const { requireCached } = require('./bin/cached-script.js');
      const pg = requireCached(require('path').resolve('dist/pg.cjs'));
      new pg.Client({ connectionString: 'postgres://rfa@127.0.0.1:1/rfa' });
      console.log(JSON.stringify({ loaded: process.moduleLoadList.filter((m) => !before.has(m)) }));`;
    const out = JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' }));
    expect(out.loaded.join(' ')).not.toMatch(/crypto|undici/);
    expect(out.loaded).toContain('NativeModule net');
  });
});

describe('SQL literals', () => {
  it('quote strings exactly as pg (and libpq) do', () => {
    const samples = ['', 'plain', "it's", "''", '\\', 'a\\b', "\\'", "O'Brien \\ \"x\" {\"k\":\"\\u00e9\"}", '行動\u3000テスト', 'line\nbreak\ttab', '$1 $$ ; --'];
    for (const s of samples) expect(sqlString(s), JSON.stringify(s)).toBe(pg.escapeLiteral(s));
  });

  it('write integers as they are, refuse anything else, and null as NULL', () => {
    expect(sqlLiteral(42)).toBe('42');
    expect(sqlLiteral(null)).toBe('NULL');
    expect(() => sqlLiteral(1.5)).toThrow();
    expect(() => sqlLiteral(Number.NaN)).toThrow();
  });
});
