// Bundles the CLI into one minified CommonJS file: Node starts it far faster
// than unbundled ESM (see the README's Performance section). The native lock
// addon stays external: it loads its prebuilt binary relative to its own folder.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';

// commander requires node:child_process at load time, for external-executable
// subcommands that rfa does not have; loading it (with net, dgram and streams)
// costs about 4 ms of every start. Hand commander a stand-in that loads the real
// module only if it is ever used.
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(b) {
    b.onResolve({ filter: /^node:child_process$/ }, (args) =>
      args.importer.includes('/node_modules/commander/') ? { path: 'lazy-child-process', namespace: 'rfa' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'rfa' }, () => ({
      contents: "let real; module.exports = new Proxy({}, { get: (_, key) => (real ??= require('child_process'))[key] });",
      loader: 'js',
    }));
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
  // pg (PostgreSQL's client) is required from node_modules only by a postgres:// store: kept out of the
  // bundle, it costs the JSON store's start-up nothing.
  external: ['fs-native-extensions', 'pg', 'pg-native'],
  // import() of the external addon becomes require(): bin/rfa.js runs the bundle through
  // vm.Script (for the code cache), which has no dynamic-import hook.
  supported: { 'dynamic-import': false },
  plugins: [lazyChildProcess],
  sourcemap: 'external',
  logLevel: 'warning',
});

// A V8 code cache for bin/rfa.js to load: made by running a typical command
// (show --json on a throw-away store) so the functions it runs are compiled in it.
const cache = 'dist/rfa.cjs.cache';
fs.rmSync(cache, { force: true });
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rfa-build-'));
try {
  const store = path.join(dir, 'store.json');
  const env = { ...process.env, RFA_STORE: store };
  execFileSync(process.execPath, ['bin/rfa.js', 'init'], { env, stdio: 'ignore' });
  execFileSync(process.execPath, ['bin/rfa.js', 'show', '--json'], { env: { ...env, RFA_WRITE_CODE_CACHE: '1' }, stdio: 'ignore' });
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
