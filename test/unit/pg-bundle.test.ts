// dist/pg.cjs, the PostgreSQL client bundle build.mjs makes: it must load
// without Node's crypto and undici, which only a password or a Cloudflare
// Worker would need (build.mjs hands pg stand-ins for them).
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..', '..');

describe('the PostgreSQL client bundle', () => {
  it('loads and makes a client without loading crypto or undici', () => {
    const script = `
      const before = new Set(process.moduleLoadList);
      const { requireCached } = require('./bin/cached-script.js');
      const pg = requireCached(require('path').resolve('dist/pg.cjs'));
      new pg.Client({ connectionString: 'postgres://rfa@127.0.0.1:1/rfa' });
      const quoted = pg.escapeLiteral("it's \\\\ here");
      console.log(JSON.stringify({ quoted, loaded: process.moduleLoadList.filter((m) => !before.has(m)) }));`;
    const out = JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' }));
    expect(out.quoted).toBe(String.raw` E'it''s \\ here'`); // the backslash doubled, in an E'' string
    expect(out.loaded.join(' ')).not.toMatch(/crypto|undici/);
    expect(out.loaded).toContain('NativeModule net');
  });
});
