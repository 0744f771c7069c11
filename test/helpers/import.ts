// Reading an import file whole, and merging it into data in memory through the
// same steps `rfa import` has the store run (importInSteps), for the unit tests.
import type { ForeignFormat, ImportedArticle, ImportedComment, ImportReader, SkippedRecord } from '../../src/domain/import-batch';
import { outlineSink } from '../../src/domain/import-batch';
import { importInSteps, type ImportReport } from '../../src/domain/importing';
import type { RunStep } from '../../src/domain/operation';
import type { StoreData } from '../../src/domain/store-data';
import { readDisqus } from '../../src/import/disqus';

/** A whole file's records in memory. */
export interface ImportBatch {
  from: ForeignFormat;
  articles: ImportedArticle[];
  comments: ImportedComment[];
  skipped: SkippedRecord[];
  warnings: string[];
  /** The site the file says it is from. */
  site?: string;
}

export async function readBatch(read: ImportReader, file: string): Promise<ImportBatch> {
  const batch: ImportBatch = { from: read === readDisqus ? 'disqus' : 'wxr', articles: [], comments: [], skipped: [], warnings: [] };
  await read(file, {
    article: (a) => void batch.articles.push(a),
    comment: (c) => void batch.comments.push(c),
    skipped: (s) => void batch.skipped.push(s),
    warning: (w) => void batch.warnings.push(w),
    site: (s) => void (batch.site ??= s),
  });
  return batch;
}

/** The batch merged into `data`, its comments' texts handed over `chunk` at a time. */
export async function mergeBatch(data: StoreData, batch: ImportBatch, chunk = 3): Promise<ImportReport> {
  const run: RunStep = async (op, input) => op.run(data, input, new Date('2026-01-01T00:00:00Z')).result;
  const sink = outlineSink(batch.from);
  for (const a of batch.articles) sink.article(a);
  for (const c of batch.comments) sink.comment(c);
  for (const k of batch.skipped) sink.skipped(k);
  for (const w of batch.warnings) sink.warning(w);
  if (batch.site) sink.site(batch.site);
  const outline = sink.outline;
  return importInSteps(run, outline, async (take) => {
    for (let i = 0; i < batch.comments.length; i += chunk) await take(batch.comments.slice(i, i + chunk));
  });
}
