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

const { requireCached } = require('./cached-script.js');
const { main } = requireCached(path.join(__dirname, '..', 'dist', 'rfa.cjs'));
main();
