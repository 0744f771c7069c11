// Merging records from another system into the store. Every imported record
// remembers where it came from, so importing the same file again adds nothing.
// New comments get new rfa ids in order of their dates; replies are linked to
// their parents' new ids; a parent missing from the file leaves the reply at
// top level, with a note, never a dangling id.
import type { ImportBatch } from './import-batch.js';
import type { ExportDoc } from './export-doc.js';
import type { StoreData } from './store-data.js';
import { ALL } from './needs.js';
import type { Operation } from './operation.js';
import type { Article } from './article.js';
import { codePointLength, MAX_BODY, MAX_NAME, normalizeBody, normalizeEmail, normalizeName, plainText, type Comment, type HistoryEntry } from './comment.js';

export interface ImportReport {
  from: string;
  articles: { added: string[]; existing: number };
  comments: { added: number; existing: number; byStatus: Record<string, number>; replies: number };
  skipped: { id: string; reason: string }[];
  notes: string[];
  warnings: string[];
}

const emptyReport = (from: string): ImportReport => ({
  from,
  articles: { added: [], existing: 0 },
  comments: { added: 0, existing: 0, byStatus: { pending: 0, approved: 0, rejected: 0 }, replies: 0 },
  skipped: [],
  notes: [],
  warnings: [],
});

const sourceKey = (from: string, id: string) => `${from}\u0000${id}`;

function uniqueId(wanted: string, taken: Set<string>): string {
  let id = wanted || 'imported';
  for (let n = 2; taken.has(id); n++) id = `${wanted}-${n}`;
  return id;
}

export function mergeBatch(data: StoreData, batch: ImportBatch): ImportReport {
  const report = emptyReport(batch.from);
  report.skipped.push(...batch.skipped.map(({ id, reason }) => ({ id, reason })));
  const skippedWhy = new Map(batch.skipped.filter((s) => s.key !== undefined).map((s) => [s.key!, s.reason]));
  report.warnings.push(...batch.warnings);
  const articleBySource = new Map(data.articles.filter((a) => a.source).map((a) => [sourceKey(a.source!.from, a.source!.id), a.id]));
  const commentBySource = new Map(data.comments.filter((c) => c.source).map((c) => [sourceKey(c.source!.from, c.source!.id), c.id]));
  const takenIds = new Set(data.articles.map((a) => a.id));

  const articleIds = new Map<string, string>();
  for (const a of batch.articles) {
    const existing = articleBySource.get(sourceKey(batch.from, a.key));
    if (existing) {
      articleIds.set(a.key, existing);
      report.articles.existing++;
      continue;
    }
    const id = uniqueId(a.id, takenIds);
    takenIds.add(id);
    const article: Article = {
      id,
      title: plainText(a.title).replace(/\s+/g, ' ').trim() || a.id,
      subtitle: null,
      byline: null,
      dateline: null,
      image: null,
      body: a.body.map(plainText),
      editorNote: null,
      commentPolicy: null,
      createdAt: a.createdAt,
      source: { from: batch.from, id: a.key },
    };
    if (a.link) article.link = plainText(a.link).trim();
    if (a.notPublic) {
      Object.assign(article, { closed: true, unpublished: true });
      report.notes.push(`article ${id}: ${a.notPublic} at its source: imported closed, its comments not shown to readers until 'rfa article publish ${id}'`);
    } else if (a.closed) {
      article.closed = true;
      report.notes.push(`article ${id}: closed at its source: imported closed`);
    }
    data.articles.push(article);
    articleIds.set(a.key, id);
    report.articles.added.push(id);
  }

  // Oldest first, so that new ids follow the dates; the sort is stable for equal times.
  const incoming = [...batch.comments].sort((x, y) => (x.createdAt < y.createdAt ? -1 : x.createdAt > y.createdAt ? 1 : 0));
  const newIds = new Map<string, number>();
  const fresh: { comment: Comment; parentKey: string | null; key: string }[] = [];
  for (const c of incoming) {
    const known = commentBySource.get(sourceKey(batch.from, c.key));
    if (known !== undefined) {
      newIds.set(c.key, known);
      report.comments.existing++;
      continue;
    }
    const articleId = articleIds.get(c.articleKey);
    if (!articleId) {
      report.skipped.push({ id: `comment ${c.key}`, reason: `its article (${c.articleKey}) is not in the file` });
      continue;
    }
    // History is kept as it was: no length limit (that is for new submissions), and an empty text is marked, not dropped.
    let body: string;
    try {
      body = normalizeBody(c.body, 'comment text', Number.POSITIVE_INFINITY);
    } catch {
      body = '[no text]';
      report.notes.push(`comment ${c.key}: no text in the file; kept as "[no text]"`);
    }
    const length = codePointLength(body);
    if (length > MAX_BODY) report.notes.push(`comment ${c.key}: ${length.toLocaleString('en-US')} characters, over the ${MAX_BODY.toLocaleString('en-US')} a new comment may have; kept whole`);
    let author = c.author.replace(/[\u0000-\u001F\u007F-\u009F]/g, ' ').trim() || 'Anonymous';
    if (codePointLength(author) > MAX_NAME) author = [...author].slice(0, MAX_NAME).join('');
    author = normalizeName(author);
    let email: string | null = null;
    if (c.email) {
      try {
        email = normalizeEmail(c.email);
      } catch {
        report.notes.push(`comment ${c.key}: e-mail '${c.email}' is not a plausible address; left out`);
      }
    }
    const history: HistoryEntry[] = [{ action: 'submitted', at: c.createdAt, by: author }];
    if (c.status !== 'pending') {
      const decision: HistoryEntry = { action: c.status, at: c.createdAt, by: `import:${batch.from}` };
      if (c.code) decision.code = c.code;
      history.push(decision);
    }
    const comment: Comment = {
      id: data.nextCommentId++,
      articleId,
      parentId: null,
      author,
      email,
      body,
      status: c.status,
      createdAt: c.createdAt,
      updatedAt: c.createdAt,
      history,
      source: { from: batch.from, id: c.key },
    };
    data.comments.push(comment);
    newIds.set(c.key, comment.id);
    fresh.push({ comment, parentKey: c.parentKey, key: c.key });
    report.comments.added++;
    report.comments.byStatus[c.status]++;
  }
  for (const { comment, parentKey, key } of fresh) {
    if (parentKey === null) continue;
    const parentId = newIds.get(parentKey) ?? commentBySource.get(sourceKey(batch.from, parentKey));
    if (parentId === undefined) {
      const why = skippedWhy.get(parentKey);
      report.notes.push(`comment ${key}: its parent ${parentKey} ${why ? `was skipped (${why})` : 'is not in the file'}; it stands at top level`);
      continue;
    }
    comment.parentId = parentId;
    report.comments.replies++;
  }
  return report;
}

/**
 * Restores an rfa export. Into an empty store it is taken as it is (ids,
 * history, settings), so export → import → export gives the same bytes. Into
 * a store that has records, what is already there (same source, or same id,
 * article and time) is left alone and the rest gets new ids, parents remapped.
 */
export function mergeExport(data: StoreData, doc: ExportDoc): ImportReport {
  const report = emptyReport('rfa');
  const count = (c: Comment) => {
    report.comments.added++;
    report.comments.byStatus[c.status] = (report.comments.byStatus[c.status] ?? 0) + 1;
    if (c.parentId !== null) report.comments.replies++;
  };
  if (data.articles.length === 0 && data.comments.length === 0) {
    data.articles = doc.articles;
    data.comments = [...doc.comments].sort((a, b) => a.id - b.id);
    data.nextCommentId = Math.max(doc.nextCommentId, (data.comments.at(-1)?.id ?? 0) + 1);
    if (doc.settings) data.settings = doc.settings;
    report.articles.added = doc.articles.map((a) => a.id);
    data.comments.forEach(count);
    return report;
  }

  const articleIds = new Map<string, string>();
  const takenIds = new Set(data.articles.map((a) => a.id));
  for (const a of doc.articles) {
    const same = data.articles.find((b) => b.id === a.id && b.createdAt === a.createdAt && b.title === a.title);
    if (same) {
      articleIds.set(a.id, same.id);
      report.articles.existing++;
      continue;
    }
    const id = uniqueId(a.id, takenIds);
    takenIds.add(id);
    data.articles.push({ ...a, id });
    articleIds.set(a.id, id);
    report.articles.added.push(id);
  }
  const bySource = new Map(data.comments.filter((c) => c.source).map((c) => [sourceKey(c.source!.from, c.source!.id), c.id]));
  const sourceOf = (c: Comment) => c.source ?? { from: 'rfa', id: String(c.id) };
  const byIdentity = new Map(data.comments.map((c) => [`${c.id}\u0000${c.articleId}\u0000${c.createdAt}`, c.id]));
  const newIds = new Map<number, number>();
  const fresh: Comment[] = [];
  for (const c of [...doc.comments].sort((x, y) => x.id - y.id)) {
    const articleId = articleIds.get(c.articleId);
    if (!articleId) {
      report.skipped.push({ id: `comment ${c.id}`, reason: `its article (${c.articleId}) is not in the export` });
      continue;
    }
    const known = bySource.get(sourceKey(sourceOf(c).from, sourceOf(c).id)) ?? byIdentity.get(`${c.id}\u0000${articleId}\u0000${c.createdAt}`);
    if (known !== undefined) {
      newIds.set(c.id, known);
      report.comments.existing++;
      continue;
    }
    const copy: Comment = { ...c, id: data.nextCommentId++, articleId, source: sourceOf(c) };
    newIds.set(c.id, copy.id);
    data.comments.push(copy);
    fresh.push(copy);
  }
  for (const c of fresh) {
    if (c.parentId !== null) {
      const parent = newIds.get(c.parentId);
      if (parent === undefined) report.notes.push(`comment ${c.source?.id}: its parent ${c.parentId} is not in the export; it stands at top level`);
      c.parentId = parent ?? null;
    }
    count(c);
  }
  if (doc.settings && JSON.stringify(doc.settings) !== JSON.stringify(data.settings ?? null)) {
    report.notes.push("the export's settings were not applied: this store keeps its own (rfa policy show)");
  }
  return report;
}

/** Whether a merge adds anything: only then is it written (and a backup worth taking). */
export const addsAnything = (report: ImportReport) => report.articles.added.length > 0 || report.comments.added > 0;

/** What an import merges: another system's records, or rfa's own export. */
export type ImportSource = { kind: 'batch'; batch: ImportBatch } | { kind: 'export'; doc: ExportDoc };

/** Records merged in; reading everything, as a merge must to know what is there. */
export const importRecords: Operation<ImportSource, ImportReport> = {
  needs: () => ALL,
  run(data, source) {
    const result = source.kind === 'export' ? mergeExport(data, source.doc) : mergeBatch(data, source.batch);
    return { result, changed: addsAnything(result) };
  },
};
