// node-postgres, loaded only for a postgres:// store. The built program takes
// it from dist/pg.cjs, a bundle of it made by build.mjs with a V8 code cache and
// with its password hashing loaded only when a server asks for a password; run
// from source, it comes from node_modules.
import fs from 'node:fs';
import path from 'node:path';
import type pg from 'pg';

type RequireCached = (file: string) => unknown;

/** What rfa uses of pg (all the bundle holds: its pool and its native driver are left out). */
interface Driver {
  Client: typeof pg.Client;
}

let loaded: Driver | undefined;

export function loadPg(): Driver {
  if (loaded) return loaded;
  const bundled = path.join(__dirname, 'pg.cjs');
  if (!fs.existsSync(bundled)) return (loaded = require('pg') as Driver);
  const { requireCached } = require(path.join(__dirname, '..', 'bin', 'cached-script.js')) as { requireCached: RequireCached };
  return (loaded = requireCached(bundled) as Driver);
}

