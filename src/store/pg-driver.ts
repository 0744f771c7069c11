// node-postgres, loaded only for a postgres:// store. The built program takes
// it from dist/pg.cjs, a bundle of it made by build.mjs with a V8 code cache and
// with its password hashing loaded only when a server asks for a password; run
// from source, it comes from node_modules.
import fs from 'node:fs';
import path from 'node:path';
import type pg from 'pg';

type RequireCached = (file: string) => unknown;

let loaded: typeof pg | undefined;

export function loadPg(): typeof pg {
  if (loaded) return loaded;
  const bundled = path.join(__dirname, 'pg.cjs');
  if (!fs.existsSync(bundled)) return (loaded = require('pg') as typeof pg);
  const { requireCached } = require(path.join(__dirname, '..', 'bin', 'cached-script.js')) as { requireCached: RequireCached };
  return (loaded = requireCached(bundled) as typeof pg);
}

/** A string as an SQL literal, quoted by pg as libpq's PQescapeLiteral does (an E'' string when it holds a backslash). */
export const sqlString = (value: string): string => loadPg().escapeLiteral(value);
