// npm run bench -- --postgres: each PostgreSQL command against its floor, a
// small script that loads pg, connects and does the same work with
// hand-written SQL in one transaction (bench/floor-pg.cjs), timed interleaved
// with the command in the same rounds, against a throw-away server on loopback
// that this run starts and stops; then the whole-store commands at the largest
// size (bench/whole-store.mjs). Each store is seeded with bulk inserts (the same
// comments as the file benchmark's). A decision is timed on comments that need
// it: before each timed approval, by rfa or by its floor, the same comments are
// rejected (untimed).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchWholeStore } from './whole-store.mjs';

export async function benchPostgres(ctx) {
  const { node, bin, root, env, work, quick, sizes, table, verdict, fmtMs, median, measureAll, spread, loadTs, seedPostgres, chart } = ctx;
  const rfaArgs = (...args) => [bin, ...args];
  const { startPgServer } = await loadTs('test/helpers/pg-server.ts');
  const server = await startPgServer();
  const untimed = (...args) => {
    const r = spawnSync(node, rfaArgs(...args), { env, stdio: ['ignore', 'ignore', 'pipe'] });
    if (r.status !== 0) throw new Error(`rfa ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  };
  const FLOOR = path.join(root, 'bench', 'floor-pg.cjs');
  const ROUNDS = quick ? 3 : 11;
  const pgScale = new Map(); // name -> size -> ms
  const pgFloors = new Map(); // name -> size -> ms
  try {
    const rows = [];
    const seeding = [];
    let lastUrl;
    for (const size of sizes) {
      const db = `bench_${size}`;
      await server.sql(`CREATE DATABASE ${db}`);
      const url = `${server.base}/${db}`;
      lastUrl = url;
      const seedStart = process.hrtime.bigint();
      await seedPostgres(url, { comments: size, articles: 10 });
      seeding.push(`${size.toLocaleString('en-US')} in ${(Number(process.hrtime.bigint() - seedStart) / 1e9).toFixed(1)} s`);
      // Pending comments are every third one from id 1 (bench/fixtures.ts).
      const pending = Array.from({ length: Math.ceil(size / 3) }, (_, k) => String(3 * k + 1));
      const batch = pending.length >= 1000 ? pending.slice(0, 1000) : Array.from({ length: Math.min(size, 1000) }, (_, k) => String(k + 1));
      const one = pending[1];
      const pairs = [
        ['comment add', (i) => rfaArgs('comment', 'add', '--author', 'Bench', '--article', 'article-2', '--store', url, `PG comment ${size} ${i}`), (i) => [FLOOR, url, 'add', 'article-2', `PG floor ${size} ${i}`]],
        ['moderate approve <1 id>', () => rfaArgs('moderate', 'approve', one, '--store', url), () => [FLOOR, url, 'approve', one], () => untimed('moderate', 'reject', one, '--store', url)],
        ['moderate approve <1,000 ids>', () => rfaArgs('moderate', 'approve', ...batch, '--store', url), () => [FLOOR, url, 'approve', ...batch], () => untimed('moderate', 'reject', ...batch, '--store', url)],
        ['moderate queue --format count', () => rfaArgs('moderate', 'queue', '--format', 'count', '--store', url), () => [FLOOR, url, 'count']],
        ['moderate queue --json --limit 50', () => rfaArgs('moderate', 'queue', '--json', '--limit', '50', '--store', url), () => [FLOOR, url, 'queue']],
        ['show --json (1,000 approved)', () => rfaArgs('show', '--json', '--article', 'article-1', '--store', url), () => [FLOOR, url, 'show', 'article-1']],
      ];
      const cases = [{ name: 'node -e 0', args: () => ['-e', '0'] }];
      for (const [name, command, floor, before] of pairs) cases.push({ name, args: command, before }, { name: `floor: ${name}`, args: floor, before });
      const times = measureAll(cases, ROUNDS);
      for (const [name] of pairs) {
        const ms = median(times.get(name));
        const floorMs = median(times.get(`floor: ${name}`));
        for (const [map, value] of [[pgScale, ms], [pgFloors, floorMs]]) {
          if (!map.has(name)) map.set(name, new Map());
          map.get(name).set(size, value);
        }
        const ratio = ms / floorMs;
        rows.push([size.toLocaleString('en-US'), name, `${fmtMs(ms)} (${spread(times.get(name))})`, `${fmtMs(floorMs)} (${spread(times.get(`floor: ${name}`))})`, `${ratio.toFixed(2)}×`, '≤ 1.3×', verdict(ratio <= 1.3)]);
      }
      rows.push([size.toLocaleString('en-US'), 'node -e 0', `${fmtMs(median(times.get('node -e 0')))} (${spread(times.get('node -e 0'))})`, '', '', '', '']);
    }
    console.log(`\n## 1. PostgreSQL store against its floor (a hand-written pg script doing the same work), server on loopback; ${ROUNDS} interleaved rounds, median (middle half in ms)\n`);
    console.log(table(['comments', 'command', 'rfa', 'floor', '× floor', 'target', 'result'], rows));
    console.log(`\nSeeded with bulk inserts of 10,000 comments: ${seeding.join(', ')}.`);
    // Flat with size: the largest against the smallest, for rfa (the floor's own growth shown beside it).
    const small = Math.min(...sizes);
    const large = Math.max(...sizes);
    if (large > small) {
      const flatRows = [...pgScale].map(([name, bySize]) => {
        const growth = bySize.get(large) / bySize.get(small);
        const floorGrowth = pgFloors.get(name).get(large) / pgFloors.get(name).get(small);
        return [name, `${growth.toFixed(2)}×`, `${floorGrowth.toFixed(2)}×`, '≤ 1.2×', verdict(growth <= 1.2)];
      });
      console.log(`\nFlat with size: ${large.toLocaleString('en-US')} comments against ${small.toLocaleString('en-US')}\n`);
      console.log(table(['command', 'rfa', 'floor', 'target', 'result'], flatRows));
      const line = (bySize) => sizes.map((s) => bySize.get(s));
      const series = [
        ...[...pgScale].map(([name, bySize], i) => ({ name, ms: line(bySize), colorIndex: i })),
        ...[...pgFloors].filter(([name]) => name === 'comment add' || name === 'moderate approve <1,000 ids>').map(([name, bySize]) => ({ name: `floor: ${name}`, ms: line(bySize), dashed: true })),
      ];
      const svg = chart({ title: 'rfa on PostgreSQL: time per command against store size, with floors', sizes, series, references: [] });
      // A quick run's chart stays out of docs/: the committed one comes from a full run.
      const out = quick ? path.join(os.tmpdir(), 'rfa-benchmark-postgres-quick.svg') : path.join(root, 'docs', 'benchmark-postgres.svg');
      fs.writeFileSync(out, svg);
      console.log(`\nChart written to ${quick ? out : path.relative(root, out)}`);
    }
    await benchWholeStore({ node, bin, env, work, table, verdict, fmtMs, loadTs }, { server, url: lastUrl, size: large });
  } finally {
    await server.stop();
  }
}
