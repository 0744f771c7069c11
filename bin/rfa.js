#!/usr/bin/env node
'use strict';
// Starts the bundled program (dist/rfa.cjs, built by build.mjs) as fast as Node
// allows: every rfa call in a shell loop pays this start-up.
const fs = require('node:fs');
const path = require('node:path');

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  // Nothing else to load for this one.
  try {
    fs.writeSync(1, `${require('../package.json').version}\n`);
  } catch {
    // stdout closed: nothing to say.
  }
  return;
}

const file = path.join(__dirname, '..', 'dist', 'rfa.cjs');
const cacheFile = `${file}.cache`;
let cachedData;
try {
  cachedData = fs.readFileSync(cacheFile);
} catch {
  // No code cache (a fresh build that made none): compile as usual.
}

if (!cachedData && !process.env.RFA_WRITE_CODE_CACHE) {
  require(file);
} else {
  // V8 code cache made at build time: skips compiling the bundle on every start.
  // V8 checks it against its version and the source, and ignores a stale one.
  const vm = require('node:vm');
  const Module = require('node:module');
  const source = fs.readFileSync(file, 'utf8');
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  const mod = { exports: {} };
  script.runInThisContext()(mod.exports, Module.createRequire(file), mod, file, path.dirname(file));
  if (process.env.RFA_WRITE_CODE_CACHE) {
    process.once('exit', () => fs.writeFileSync(cacheFile, script.createCachedData()));
  }
}
