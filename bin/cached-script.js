'use strict';
// Loads a bundled CommonJS file with the V8 code cache made for it at build
// time (<file>.cache), which skips compiling it on every start. V8 checks the
// cache against its own version and the source, and ignores a stale one. Used
// by bin/rfa.js for the program and by the program for PostgreSQL's client.
const fs = require('node:fs');
const path = require('node:path');

/** The file's module.exports; with `writeCache`, the cache is (re)written when the process exits. */
function requireCached(file, { writeCache = false } = {}) {
  const cacheFile = `${file}.cache`;
  let cachedData;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    // No code cache (a build that made none): compile as usual.
    if (!writeCache) return require(file);
  }
  const vm = require('node:vm');
  const Module = require('node:module');
  const script = new vm.Script(Module.wrap(fs.readFileSync(file, 'utf8')), { filename: file, cachedData });
  const mod = { exports: {} };
  script.runInThisContext()(mod.exports, Module.createRequire(file), mod, file, path.dirname(file));
  if (writeCache) process.once('exit', () => fs.writeFileSync(cacheFile, script.createCachedData()));
  return mod.exports;
}

module.exports = { requireCached };
