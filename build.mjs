// Bundles the CLI into one minified CommonJS file: Node starts it far faster
// than unbundled ESM (see the README's Performance section). The native lock
// addon stays external: it loads its prebuilt binary relative to its own folder.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';

// Modules a dependency requires when it loads but uses only on some paths are
// handed to it as stand-ins that load the real module on first use. commander
// requires node:child_process for external-executable subcommands that rfa does
// not have (loading it, with net, dgram and streams, costs about 4 ms of every
// start); pg requires its password hashing (node:crypto and WebCrypto, about
// 10 ms) that a server trusting the connection never asks for, and node:dns that
// only its native driver uses.
const LAZY = [
  { importer: '/node_modules/commander/', request: /^node:child_process$/ },
  { importer: '/node_modules/pg/lib/client.js', request: /^\.\/crypto\/utils$/ },
  { importer: '/node_modules/pg/lib/crypto/sasl.js', request: /^\.\/utils$/ },
  { importer: '/node_modules/pg/lib/connection-parameters.js', request: /^dns$/ },
];
const lazyRequires = {
  name: 'lazy-requires',
  setup(b) {
    for (const rule of LAZY) {
      b.onResolve({ filter: rule.request }, (args) => {
        if (!args.importer.includes(rule.importer)) return undefined;
        const real = args.path.startsWith('.') ? path.resolve(args.resolveDir, `${args.path}.js`) : args.path;
        return { path: real, namespace: 'lazy' };
      });
    }
    b.onLoad({ filter: /.*/, namespace: 'lazy' }, (args) => ({
      contents: `let real; module.exports = new Proxy({}, { get: (_, key) => (real ??= require(${JSON.stringify(args.path)}))[key] });`,
      resolveDir: path.dirname(args.path),
      loader: 'js',
    }));
  },
};

// `import fs from 'node:fs'` in each of our modules becomes, in a CommonJS
// bundle, a copy of the whole fs module's properties per importing module
// (esbuild's __toESM interop: 14 copies of fs and 12 of path, about 1 ms of
// every start). Our modules get these builtins from one ES module each, which
// esbuild links without copying.
const sharedBuiltins = {
  name: 'shared-builtins',
  setup(b) {
    b.onResolve({ filter: /^node:(fs|path|os)$/ }, (args) => (args.importer.includes('/src/') ? { path: args.path.slice(5), namespace: 'builtin' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'builtin' }, (args) => ({ contents: `export default require(${JSON.stringify(`node:${args.path}`)});`, loader: 'js' }));
  },
};

// pg decides at load time whether it runs in a Cloudflare Worker by creating a
// fetch Response, which makes Node load undici (about 6 ms). rfa runs in Node.
const pgInNode = {
  name: 'pg-in-node',
  setup(b) {
    b.onLoad({ filter: /\/node_modules\/pg\/lib\/stream\.js$/ }, (args) => {
      const source = fs.readFileSync(args.path, 'utf8');
      const check = "typeof Response === 'function'";
      if (!source.includes(check)) throw new Error(`build.mjs: pg's runtime check changed; look again at ${args.path}`);
      return { contents: source.replace(check, 'false'), loader: 'js' };
    });
  },
};

await build({
  entryPoints: ['src/main.ts'],
  outfile: 'dist/rfa.cjs',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: true,
  // pg (PostgreSQL's client) has a bundle of its own, below, loaded only by a postgres:// store: it costs
  // the JSON store's start-up nothing.
  external: ['fs-native-extensions', 'pg', 'pg-native'],
  // import() of the external addon becomes require(): bin/rfa.js runs the bundle through
  // vm.Script (for the code cache), which has no dynamic-import hook.
  supported: { 'dynamic-import': false },
  plugins: [lazyRequires, sharedBuiltins],
  sourcemap: 'external',
  logLevel: 'warning',
});

// A V8 code cache for bin/rfa.js to load. It holds the functions compiled by the
// time it is made: it is made by running `show --json` on a throw-away store.
// (Made after a dozen everyday commands in one process, the cache grew from
// 140 to 230 KB: `show --json` started 1.5 ms later and the others no sooner.)
const WARM_UP = [['show', '--json']];
const cache = 'dist/rfa.cjs.cache';
fs.rmSync(cache, { force: true });
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rfa-build-'));
try {
  const env = { ...process.env, RFA_STORE: path.join(dir, 'store.json'), RFA_MODERATOR: 'build' };
  execFileSync(process.execPath, ['bin/rfa.js', 'init'], { env, stdio: 'ignore' });
  const warmUp = `
    const { requireCached } = require('./bin/cached-script.js');
    const { main } = requireCached(require('path').resolve('dist/rfa.cjs'), { writeCache: true });
    (async () => { for (const args of ${JSON.stringify(WARM_UP)}) await main([process.execPath, 'rfa', ...args]); })();`;
  execFileSync(process.execPath, ['-e', warmUp], { env, stdio: 'ignore' });
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}

// node-postgres in a bundle of its own (dist/pg.cjs), for a postgres:// store
// only: its client, without its pool. With its code cache, made
// by loading it and creating a client, which compiles what every connection runs first.
await build({
  stdin: { contents: "module.exports = { Client: require('pg/lib/client') };", resolveDir: '.', sourcefile: 'pg-entry.js' },
  outfile: 'dist/pg.cjs',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: true,
  // Optional drivers pg names but rfa never reaches: the native libpq binding and Cloudflare's sockets.
  external: ['pg-native', 'pg-cloudflare'],
  plugins: [lazyRequires, pgInNode],
  logLevel: 'warning',
});
fs.rmSync('dist/pg.cjs.cache', { force: true });
execFileSync(
  process.execPath,
  ['-e', "const { requireCached } = require('./bin/cached-script.js'); const pg = requireCached(require('path').resolve('dist/pg.cjs'), { writeCache: true }); new pg.Client({ connectionString: 'postgres://rfa@localhost/rfa' });"],
  { stdio: 'inherit' },
);
