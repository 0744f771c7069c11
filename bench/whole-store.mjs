// npm run bench -- --postgres, section 2: the commands that go through a whole
// PostgreSQL store (export, backup, store copy, restore), an import of a 100 MB
// WordPress file into it, and the reports that sum it up (stats, moderate
// log), at the largest size: time and peak memory
// (max RSS, measured by the process itself through bench/max-rss.cjs, so no
// /usr/bin/time is needed), against the targets.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const MIB = 2 ** 20;

/**
 * Runs rfa once, returning its wall time (ms) and peak RSS (MiB).
 * `check` gets the result when the command's own outcome matters.
 */
function timed({ node, bin, env, work }, args) {
  const out = path.join(work, 'max-rss.txt');
  const start = process.hrtime.bigint();
  const r = spawnSync(node, [path.join(path.dirname(bin), '..', 'bench', 'max-rss.cjs'), out, bin, ...args], { env, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`rfa ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { ms, rssMib: Number(fs.readFileSync(out, 'utf8')) / 1024 };
}

/** `server` from test/helpers/pg-server.ts; `url` a database seeded with `size` comments. */
export async function benchWholeStore(ctx, { server, url, size }) {
  const { table, verdict, fmtMs, work } = ctx;
  const rows = [];
  const row = (name, { ms, rssMib }, target) => {
    const timeOk = target.ms === undefined || ms <= target.ms;
    const rssOk = target.rssMib === undefined || rssMib <= target.rssMib;
    const goal = [target.ms !== undefined ? `≤ ${fmtMs(target.ms)}` : '', target.rssMib !== undefined ? `≤ ${target.rssMib} MiB` : ''].filter(Boolean).join(', ');
    rows.push([name, fmtMs(ms), `${rssMib.toFixed(0)} MiB`, goal, goal ? verdict(timeOk && rssOk) : '']);
  };
  const exportFile = path.join(work, 'whole-export.json');
  const backupDir = path.join(work, 'whole-backups');
  const base = timed(ctx, ['--version']);
  row('rfa --version (baseline)', base, {});
  row('stats', timed(ctx, ['stats', '--json', '--store', url]), { ms: 1000 });
  row('moderate log --limit 50', timed(ctx, ['moderate', 'log', '--limit', '50', '--json', '--store', url]), { ms: 1000 });
  row('export --output (rfa)', timed(ctx, ['export', '--output', exportFile, '--store', url]), { rssMib: 300 });
  const exported = fs.statSync(exportFile).size;
  fs.rmSync(exportFile);
  row('backup --dir', timed(ctx, ['backup', '--dir', backupDir, '--store', url]), { rssMib: 300 });
  const [backupFile] = fs.readdirSync(backupDir).map((f) => path.join(backupDir, f));
  const packed = fs.statSync(backupFile).size;
  await server.sql('CREATE DATABASE whole_copy');
  const copyUrl = `${server.base}/whole_copy`;
  row('store copy --to (another database)', timed(ctx, ['store', 'copy', '--to', copyUrl, '--store', url]), { rssMib: 300 });
  row('restore --yes (that backup, into the copy)', timed(ctx, ['restore', backupFile, '--yes', '--store', copyUrl]), { rssMib: 300 });
  // A WordPress export of 100 MB (posts of 50 comments) into the big store: read twice, written a chunk at a time in one transaction.
  const { writeWxr } = await ctx.loadTs('test/helpers/wxr-file.ts');
  const wxr = path.join(work, 'whole-import.xml');
  const wxrComments = await writeWxr(wxr, { bytes: 100 * MIB });
  row(`import (WXR, ${(fs.statSync(wxr).size / MIB).toFixed(0)} MiB, ${wxrComments.toLocaleString('en-US')} comments)`, timed(ctx, ['import', wxr, '--store', url]), { rssMib: 300 });
  fs.rmSync(wxr);
  console.log(`\n## 2. Whole-store commands on PostgreSQL at ${size.toLocaleString('en-US')} comments (one run each; time and peak RSS)\n`);
  console.log(table(['command', 'time', 'max RSS', 'target', 'result'], rows));
  console.log(`\nThe export is ${(exported / MIB).toFixed(0)} MiB of JSON; the backup ${(packed / MIB).toFixed(0)} MiB of gzip.`);
  fs.rmSync(backupDir, { recursive: true, force: true });
  await server.sql('DROP DATABASE whole_copy');
}
