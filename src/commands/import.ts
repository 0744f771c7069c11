import fs from 'node:fs';
import type { Context, Output } from '../context.js';
import { jsonOut } from '../context.js';
import { addsAnything, importExport, importInSteps, type CommentChunks, type ImportReport } from '../domain/importing.js';
import type { Store } from '../store/store.js';
import { preview } from '../domain/operation.js';
import { readDisqus } from '../import/disqus.js';
import { readExportFile } from '../import/rfa-export.js';
import { readWxr } from '../import/wxr.js';
import { progressBar } from '../io/progress.js';
import { safeLine } from '../render/safe-text.js';
import { counted } from '../render/plural.js';
import { invalidInput } from '../errors.js';
import { IMPORT_FORMATS, outlineSink, type ForeignFormat, type ImportedComment, type ImportFormat, type ImportReader, type ImportSink } from '../domain/import-batch.js';

export interface ImportOptions {
  /** Absent: told from the file's first bytes. */
  from?: ImportFormat;
  dryRun?: boolean;
}

const NAMES = { wxr: 'WordPress WXR', disqus: 'Disqus XML', rfa: 'rfa export' };
/** Files bigger than this (a few thousand records) get a progress bar at a terminal. */
const PROGRESS_BYTES = 2 << 20;

/** Comments handed to the store at a time in an import's second reading: a few megabytes. */
const CHUNK = 1000;

const READERS: Record<ForeignFormat, ImportReader> = { wxr: readWxr, disqus: readDisqus };

/** A reading of the file with a progress bar, at a terminal and for a big file. */
async function reading(file: string, label: string, wantBar: boolean, read: (onProgress: (bytes: number, total: number) => void) => Promise<void>): Promise<void> {
  let big = false;
  try {
    big = fs.statSync(file).size > PROGRESS_BYTES;
  } catch {
    // the reader reports an unreadable file
  }
  const bar = progressBar(wantBar && big, label);
  try {
    await read(bar.update);
  } finally {
    bar.end();
  }
}

/** The second reading: the comments, a chunk at a time, each taken before the file is read on. */
const commentChunks = (file: string, from: ForeignFormat, label: string, wantBar: boolean): CommentChunks => async (take) => {
  let chunk: ImportedComment[] = [];
  const sink: ImportSink = {
    article: () => {},
    skipped: () => {},
    warning: () => {},
    site: () => {},
    comment: (c) => void chunk.push(c),
    drain: async () => {
      if (chunk.length < CHUNK) return;
      const full = chunk;
      chunk = [];
      await take(full);
    },
  };
  await reading(file, label, wantBar, (onProgress) => READERS[from](file, sink, onProgress));
  if (chunk.length) await take(chunk);
};

function renderReport(r: ImportReport, dryRun: boolean, backup: string | undefined): string {
  const verb = dryRun ? 'Would add' : 'Added';
  const s = r.comments.byStatus;
  const lines = [
    `${verb} ${counted(r.articles.added.length, 'article')} and ${counted(r.comments.added, 'comment')} from ${NAMES[r.from as ImportFormat]}` +
      (r.comments.added ? ` (${s.approved ?? 0} approved, ${s.pending ?? 0} pending, ${s.rejected ?? 0} rejected; ${counted(r.comments.replies, 'reply', 'replies')})` : '') +
      '.',
  ];
  if (r.articles.existing || r.comments.existing) {
    lines.push(`Already here from an earlier import: ${counted(r.articles.existing, 'article')}, ${counted(r.comments.existing, 'comment')} (left as they are).`);
  }
  const shown = r.articles.added.slice(0, 10).map(safeLine).join(', ');
  const more = r.articles.added.length > 10 ? ` and ${r.articles.added.length - 10} more` : '';
  if (r.articles.added.length) lines.push(`Articles: ${shown}${more}`);
  if (r.skipped.length) {
    lines.push(`Skipped ${r.skipped.length}:`);
    for (const k of r.skipped) lines.push(`  ${safeLine(k.id)}: ${safeLine(k.reason)}`);
  }
  for (const n of r.notes) lines.push(`Note: ${safeLine(n)}`);
  for (const w of r.warnings) lines.push(`Read past: ${safeLine(w)}`);
  if (backup) lines.push(`Backup of the store before the import: ${backup}`);
  return `${lines.join('\n')}\n`;
}

/**
 * The format from the start of the file: "{" is an rfa export; an XML root of
 * <rss> is WXR, <disqus> Disqus. Anything else asks for --from.
 */
function detectFormat(file: string): ImportFormat {
  let head = '';
  try {
    const fd = fs.openSync(file, 'r');
    try {
      const buf = Buffer.alloc(8192);
      head = buf.subarray(0, fs.readSync(fd, buf, 0, buf.length, 0)).toString('utf8');
    } finally {
      fs.closeSync(fd);
    }
  } catch (err) {
    throw invalidInput(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  if (/^\uFEFF?\s*\{/.test(head)) return 'rfa';
  // The first element that is not the XML declaration, a comment or a doctype.
  const root = /<(?![?!])([A-Za-z][\w:.-]*)/.exec(head.replace(/<!--[\s\S]*?-->/g, ''))?.[1];
  if (root === 'rss') return 'wxr';
  if (root === 'disqus') return 'disqus';
  throw invalidInput(`cannot tell what ${file} is${root ? ` (its root element is <${root}>)` : ''}`, `say it with --from ${IMPORT_FORMATS.join('|')}`);
}

export async function importFile(ctx: Context, file: string, options: ImportOptions): Promise<Output> {
  const from = options.from ?? detectFormat(file);
  const wantBar = !ctx.json && ctx.stderrIsTTY;
  const dryRun = !!options.dryRun;
  // How the file is merged (`dry`: on a snapshot, nothing written; `texts`: with the comments' texts, not just what
  // is added): another system's file in steps, in one transaction, read a second time for the texts; an rfa export in one go.
  type Merge = (store: Store, dry: boolean, texts: boolean) => Promise<ImportReport>;
  let merge: Merge;
  if (from === 'rfa') {
    const doc = readExportFile(file);
    merge = (store, dry) => (dry ? store.ask(preview(importExport), { input: doc, now: ctx.now }) : store.run(importExport, doc, ctx.now));
  } else {
    const sink = outlineSink(from);
    await reading(file, `Reading ${NAMES[from]}`, wantBar, (onProgress) => READERS[from](file, sink, onProgress));
    const { outline } = sink;
    merge = (store, dry, texts) => {
      const chunks = texts ? commentChunks(file, from, dry ? 'Checking comments' : 'Importing comments', wantBar) : undefined;
      return store.transaction((run) => importInSteps(run, outline, chunks), ctx.now, { dryRun: dry });
    };
  }
  const store = await ctx.openStore();

  let report: ImportReport;
  let backup: string | undefined;
  if (dryRun) {
    report = await merge(store, true, true);
  } else {
    // What would change? Answered on a snapshot, nothing written (and no texts read): whether a backup is worth taking.
    if (addsAnything(await merge(store, true, false))) backup = (await store.backup(store.backupDir, { before: 'import' }, ctx.now)).file;
    report = await merge(store, false, true);
  }
  if (ctx.json) return jsonOut({ dryRun, backup: backup ?? null, ...report });
  return { stdout: renderReport(report, dryRun, backup) };
}
