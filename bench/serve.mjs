// npm run bench -- --serve: rfa serve as a desk feels it, under autocannon,
// against the floors of this machine measured in the same run: a bare
// node:http server answering the same bytes from memory (pages), and one that
// makes each post durable on its own in the same kind of store (intake).
// WordPress's figures are quoted from issue 16 (measured on these machines,
// not by this script) as the reference a desk compares with.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import { renderChart } from './chart.mjs';

/** WordPress 6.1 + nginx + php-fpm (opcache) + MariaDB, posting through wp-comments-post.php: comments/s at concurrency 1, 10, 50. */
const WORDPRESS_POSTS = { 1: 96, 10: 183, 50: 172 };
/** Its article page with every comment on it, at 1,000 comments: pages/s. */
const WORDPRESS_PAGE_1K = 1.9;

const ARTICLE = 'article-1'; // the busy one: 1,000 approved comments on its page

function startProcess(node, args, env) {
  const child = spawn(node, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => {
    // rfa serve logs every request: keep only the tail, for a failure message.
    err = (err + d).slice(-4000);
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no address from ${args.join(' ')}: ${err}`)), 30_000);
    child.stdout.on('data', () => {
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({
          url: m[1],
          pid: child.pid,
          /** Peak resident memory so far (VmHWM), in MiB. */
          peakMiB() {
            const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
            return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
          },
          stop: () =>
            new Promise((done) => {
              child.once('exit', (code, signal) => done({ code, signal }));
              child.kill('SIGTERM');
            }),
        });
      }
    });
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited ${code}: ${err}`)));
  });
}

/**
 * A load run, timed here: autocannon's own duration is rounded to whole
 * seconds, and a run of a fixed number of requests ends only on its next
 * whole-second tick, so the time that counts is until the last answer.
 * (Connections over the mean latency, Little's law, is no way round it: the
 * latencies are kept in whole milliseconds, and a floor answered in a fraction
 * of one came out several times too fast, 14,286/s where 2,068 were answered.)
 */
function run(opts) {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    let last = start;
    const times = []; // each answer's latency, in fractions of a millisecond (autocannon's own figures are whole ones)
    const instance = autocannon({ pipelining: 1, timeout: 30, ...opts }, (err, r) =>
      err ? reject(err) : resolve({ ...r, seconds: (performance.now() - start) / 1000, answering: (last - start) / 1000, times }),
    );
    instance.on('response', (_client, _status, _bytes, ms) => {
      last = performance.now();
      times.push(ms);
    });
  });
}

/**
 * The figures of a load run, or of several rounds taken as one. Throughput:
 * answers over the time (for a fixed number of requests, until the last answer).
 */
function figures(runs, fixedAmount = false) {
  const all = [runs].flat();
  const sum = (f) => all.reduce((n, r) => n + f(r), 0);
  const times = all.flatMap((r) => r.times).sort((a, b) => a - b);
  const at = (q) => times[Math.max(0, Math.ceil(q * times.length) - 1)] ?? NaN;
  return {
    rps: sum((r) => r['1xx'] + r['2xx'] + r['3xx'] + r['4xx'] + r['5xx']) / sum((r) => (fixedAmount ? r.answering : r.seconds)),
    p50: at(0.5),
    p99: at(0.99),
    errors: sum((r) => r.errors + r.timeouts),
    ok: sum((r) => r['2xx'] + r['3xx']),
    bad: sum((r) => r['4xx'] + r['5xx']),
  };
}

/** A latency for the tables: tenths under 10 ms. */
const ms = (x) => (x < 10 ? x.toFixed(1) : x.toFixed(0));
const latency = (f) => `${ms(f.p50)} / ${ms(f.p99)}`;

/** A warm-up run: not measured, but it must have gone through. */
function warmed(r, what) {
  const f = figures(r);
  if (f.errors || f.bad) throw new Error(`warming up ${what}: ${f.errors} errors, ${f.bad} refused`);
}

/** Posts sent so far in the whole run: each post's sender address. */
let senders = 0;

/**
 * Posts from the form: distinct names and texts, each from its own sender
 * (through --trust-proxy 1), so that neither the duplicate check nor the rate
 * limit (left on) refuses any.
 */
function formPosts(url, token, tag, connections, amount) {
  let n = 0;
  return run({
    url: `${url}/articles/${ARTICLE}/comments`,
    connections,
    amount,
    requests: [
      {
        method: 'POST',
        setupRequest: (req) => {
          const i = n++;
          const from = senders++;
          const body = new URLSearchParams({ author: `Bench ${tag} ${i}`, text: `Load comment ${tag} number ${i}, one of many.`, token }).toString();
          return { ...req, headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': `10.${(from >> 16) & 255}.${(from >> 8) & 255}.${from & 255}` }, body };
        },
      },
    ],
  });
}

function floorPosts(url, connections, amount) {
  let n = 0;
  return run({
    url,
    connections,
    amount,
    requests: [{ method: 'POST', setupRequest: (req) => ({ ...req, body: `author=Floor&text=Floor+comment+number+${n++}` }) }],
  });
}

export async function benchServe({ node, bin, env, work, quick, table, verdict, loadTs, fileSizes, pgSizes }) {
  const { writeStore, seedPostgres } = await loadTs('bench/fixtures.ts');
  const { startPgServer } = await loadTs('test/helpers/pg-server.ts');
  const GET_SECONDS = quick ? 2 : 4;
  const POSTS = quick ? { 1: 50, 10: 300, 50: 600 } : { 1: 200, 10: 2000, 50: 4000 };
  // Every server, rfa's and the floors, is warmed before it is measured: a server that has just started runs
  // its code unoptimised for thousands of requests (rfa's intake on PostgreSQL took 1,343 posts/s in its first
  // 2,000 at c10, 2,721 in its third; the PostgreSQL floor 2,065 and 11,128). A desk's server has been up for hours.
  const WARM_POSTS = quick ? 300 : 4000;
  const ROUNDS = quick ? 2 : 4;
  const WARM_SECONDS = quick ? 1 : 2;
  const count = (store) => {
    const r = spawnSync(node, [bin, 'moderate', 'queue', '--status', 'all', '--format', 'count', '--store', store], { env, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`count failed: ${r.stderr}`);
    return Number(r.stdout.trim());
  };

  // Commits flushed to disk, as on a desk's server: the floor is a durable write, and so is each post rfa acknowledges.
  const pg = await startPgServer({ durable: true });
  // The floors of intake, one per kind of store, running all along: each is run just before rfa's at the same
  // concurrency (measured once at the start, the PostgreSQL floor at c10 came out anywhere from 3,400 to 12,300).
  const intakeFloor = new Map();
  const postRows = [];
  const pageRows = [];
  const memRows = [];
  const chart = []; // { store, size, route, rps }
  try {
    const stores = [
      ...fileSizes.map((size) => ({ kind: 'file', size })),
      ...pgSizes.map((size) => ({ kind: 'PostgreSQL', size })),
    ];
    for (const kind of ['file', 'PostgreSQL']) {
      let target = path.join(work, 'floor-intake.log');
      if (kind === 'PostgreSQL') {
        await pg.sql('CREATE DATABASE bench_floor');
        target = `${pg.base}/bench_floor`;
      }
      const floor = await startProcess(node, [path.join(path.dirname(new URL(import.meta.url).pathname), 'floor-intake.cjs'), kind === 'file' ? 'file' : 'pg', target], env);
      intakeFloor.set(kind, floor);
      warmed(await floorPosts(floor.url, 10, WARM_POSTS), `the ${kind} intake floor`);
    }

    for (const { kind, size } of stores) {
      const label = `${kind} ${size.toLocaleString('en-US')}`;
      let store;
      if (kind === 'file') {
        store = path.join(work, `serve-${size}.json`);
        await writeStore(store, { comments: size, articles: 10 });
      } else {
        await pg.sql(`CREATE DATABASE bench_serve_${size}`);
        store = `${pg.base}/bench_serve_${size}`;
        await seedPostgres(store, { comments: size, articles: 10 });
      }
      const server = await startProcess(node, [bin, 'serve', '--port', '0', '--trust-proxy', '1', '--store', store], env);

      // Pages: rfa serve and the bare server with the same bytes, side by side.
      const routes = [
        { name: 'article page', path: `/articles/${ARTICLE}` },
        { name: 'fragment', path: `/articles/${ARTICLE}/comments` },
        { name: 'comments.json', path: `/articles/${ARTICLE}/comments.json` },
      ];
      const files = [];
      for (const [i, route] of routes.entries()) {
        const bytes = Buffer.from(await (await fetch(`${server.url}${route.path}`)).arrayBuffer());
        route.bytes = bytes.length;
        files.push(path.join(work, `page-${i}`));
        fs.writeFileSync(files.at(-1), bytes);
      }
      const bare = await startProcess(node, [path.join(path.dirname(new URL(import.meta.url).pathname), 'floor-serve.cjs'), ...files], env);
      for (const [i, route] of routes.entries()) {
        warmed(await run({ url: `${server.url}${route.path}`, connections: 10, duration: WARM_SECONDS }), route.name);
        warmed(await run({ url: `${bare.url}/${i}`, connections: 10, duration: WARM_SECONDS }), `the bare ${route.name}`);
        for (const c of [10, 50]) {
          const ours = figures(await run({ url: `${server.url}${route.path}`, connections: c, duration: GET_SECONDS }));
          const floor = figures(await run({ url: `${bare.url}/${i}`, connections: c, duration: GET_SECONDS }));
          const ratio = ours.rps / floor.rps;
          chart.push({ store: kind, size, series: `${route.name}, c${c}`, rps: ours.rps });
          pageRows.push([label, `${route.name} (${(route.bytes / 1024).toFixed(0)} KiB)`, c, ours.rps.toFixed(0), latency(ours), ours.errors + ours.bad, floor.rps.toFixed(0), `${ratio.toFixed(2)}×`, '≥ 0.5×', verdict(ratio >= 0.5 && ours.errors + ours.bad === 0)]);
        }
      }
      await bare.stop();

      // Posts from the form, then what the store holds against what was acknowledged.
      const html = await (await fetch(`${server.url}/articles/${ARTICLE}`)).text();
      const token = /name="token" value="([^"]+)"/.exec(html)[1];
      await new Promise((r) => setTimeout(r, 3_100)); // form-min-seconds: a person does not post at once
      warmed(await formPosts(server.url, token, `${kind}-${size}-warm`, 10, WARM_POSTS), `posts on ${label}`);
      for (const c of [1, 10, 50]) {
        // In rounds, the floor's and rfa's in turn: both see the same moments of a shared machine and its disk.
        const floorRuns = [];
        const ourRuns = [];
        const before = count(store);
        for (let round = 0; round < ROUNDS; round++) {
          floorRuns.push(await floorPosts(intakeFloor.get(kind).url, c, POSTS[c] / ROUNDS));
          ourRuns.push(await formPosts(server.url, token, `${kind}-${size}-${c}-${round}`, c, POSTS[c] / ROUNDS));
        }
        const stored = count(store) - before;
        const floor = figures(floorRuns, true);
        const ours = figures(ourRuns, true);
        const wp = WORDPRESS_POSTS[c];
        const targets = [];
        if (kind === 'PostgreSQL') {
          targets.push([`≥ 0.5× floor`, ours.rps >= 0.5 * floor.rps]);
          if (c > 1) targets.push([`≥ 10× WP (${10 * wp})`, ours.rps >= 10 * wp]);
          if (c === 1) targets.push(['p50 ≤ 10 ms', ours.p50 <= 10]);
          if (c === 50) targets.push(['p99 ≤ 100 ms', ours.p99 <= 100]);
        } else if (size === 1000 && c === 50) targets.push([`≥ 10× WP (${10 * wp})`, ours.rps >= 10 * wp]);
        targets.push(['stored = acknowledged', stored === ours.ok && ours.bad === 0 && ours.errors === 0]);
        chart.push({ store: kind, size, series: `POST, c${c}`, rps: ours.rps });
        postRows.push([
          label,
          c,
          ours.rps.toFixed(0),
          latency(ours),
          `${ours.ok} / ${stored}`,
          ours.errors + ours.bad,
          floor.rps.toFixed(0),
          `${(ours.rps / floor.rps).toFixed(2)}×`,
          wp,
          targets.map(([t]) => t).join(', '),
          targets.map(([, ok]) => verdict(ok)).join(' '),
        ]);
      }
      memRows.push([label, `${server.peakMiB().toFixed(0)} MiB`]);
      const end = await server.stop();
      if (end.code !== 0) throw new Error(`rfa serve on ${label} exited ${end.code} on SIGTERM`);
    }
  } finally {
    for (const floor of intakeFloor.values()) await floor.stop();
    await pg.stop();
  }

  console.log('\n## Server: pages (requests/s; latency p50 / p99 in ms), against a bare node:http server with the same bytes\n');
  console.log(table(['store', 'route', 'conc.', 'req/s', 'p50 / p99', 'errors', 'bare req/s', '× bare', 'target', 'result'], pageRows));
  console.log(`\nWordPress's article page with every comment, at 1,000 comments: ${WORDPRESS_PAGE_1K} pages/s (quoted).`);
  console.log('\n## Server: posts from the form (comments/s), against one durable write per post in the same kind of store\n');
  console.log(table(['store', 'conc.', 'comments/s', 'p50 / p99', 'acked / stored', 'errors', 'floor/s', '× floor', 'WP/s', 'targets', 'results'], postRows));
  console.log('\n## Server: peak resident memory (VmHWM) over its whole run\n');
  console.log(table(['store', 'peak RSS'], memRows));

  // Both stores on one chart, WordPress's figures as reference levels.
  const sizes = [...new Set(chart.map((p) => p.size))].sort((a, b) => a - b);
  const line = (store, series) => sizes.map((s) => chart.find((p) => p.store === store && p.size === s && p.series === series)?.rps);
  const svg = renderChart({
    title: 'rfa serve: requests per second against store size (file solid, PostgreSQL dotted)',
    sizes,
    perSecond: true,
    series: [
      { name: 'file: posts from the form, c50', ms: line('file', 'POST, c50'), colorIndex: 0 },
      { name: 'PostgreSQL: posts from the form, c50', ms: line('PostgreSQL', 'POST, c50'), database: true, colorIndex: 0 },
      { name: 'file: posts, c1', ms: line('file', 'POST, c1'), colorIndex: 1 },
      { name: 'PostgreSQL: posts, c1', ms: line('PostgreSQL', 'POST, c1'), database: true, colorIndex: 1 },
      { name: 'file: article page, c50', ms: line('file', 'article page, c50'), colorIndex: 2 },
      { name: 'PostgreSQL: article page, c50', ms: line('PostgreSQL', 'article page, c50'), database: true, colorIndex: 2 },
    ],
    references: [
      { name: `WordPress posts, c50: ${WORDPRESS_POSTS[50]}/s (quoted)`, ms: WORDPRESS_POSTS[50] },
      { name: `WordPress page, 1k comments: ${WORDPRESS_PAGE_1K}/s (quoted)`, ms: WORDPRESS_PAGE_1K },
    ],
  });
  const out = quick ? path.join(work, '..', 'rfa-serve-benchmark-quick.svg') : path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'docs', 'serve-benchmark.svg');
  fs.writeFileSync(out, svg);
  console.log(`\nChart written to ${out}`);
  return chart;
}
