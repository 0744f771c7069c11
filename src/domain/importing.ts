// Merging records from another system into the store. Every imported record
// remembers where it came from, so importing the same file again adds nothing.
// New comments get new rfa ids in order of their dates; replies are linked to
// their parents' new ids; a parent missing from the file leaves the reply at
// top level, with a note, never a dangling id.
//
// A file of any size is imported in steps, each an operation the store runs in
// one transaction (importInSteps): the articles; which comments are here
// already (a batch of source ids at a time); then, from the file's outline,
// every new comment's id and parent (planComments); then the comments' texts,
// as a second reading of the file hands them over, a chunk at a time. So no
// step holds more than the outline and one chunk.
import type { ForeignFormat, ImportedArticle, ImportedComment, ImportOutline } from './import-batch.js';
import type { ExportDoc } from './export-doc.js';
import type { StoreData } from './store-data.js';
import { ALL, NO_COMMENTS } from './needs.js';
import type { Operation, RunStep } from './operation.js';
import { sameSite, type Article, type SourceRef } from './article.js';
import { invalidInput } from '../errors.js';
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

/** Records' rfa ids by where they came from: of one format and id, the one from the same site (or of none; see sameSite). */
class BySource<T> {
  readonly #kept = new Map<string, { site?: string; value: T }[]>();

  add(source: SourceRef, value: T): void {
    const key = `${source.from}\u0000${source.id}`;
    const kept = this.#kept.get(key);
    if (kept) kept.push({ site: source.site, value });
    else this.#kept.set(key, [{ site: source.site, value }]);
  }

  find(from: string, id: string, site: string | null | undefined): T | undefined {
    return this.#kept.get(`${from}\u0000${id}`)?.find((k) => sameSite(k.site, site))?.value;
  }
}

function uniqueId(wanted: string, taken: Set<string>): string {
  let id = wanted || 'imported';
  for (let n = 2; taken.has(id); n++) id = `${wanted}-${n}`;
  return id;
}

/** The articles as they come out of step 1: each file key's rfa id, and what the report says of them. */
export interface PlacedArticles {
  ids: [key: string, id: string][];
  added: string[];
  existing: number;
  notes: string[];
  /** The first id new comments may take (read under the lock, with the articles). */
  nextCommentId: number;
}

/** Where an imported record came from: its format, its id there, and its site when the file says. */
const importedFrom = (from: ForeignFormat, id: string, site: string | null): SourceRef => (site === null ? { from, id } : { from, id, site });

/** Step 1: the file's articles that are not here yet, added; those that are, found by where they came from. */
export function addArticles(data: StoreData, from: ForeignFormat, site: string | null, articles: readonly ImportedArticle[]): PlacedArticles {
  const placed: PlacedArticles = { ids: [], added: [], existing: 0, notes: [], nextCommentId: data.nextCommentId };
  const bySource = new BySource<string>();
  for (const a of data.articles) if (a.source) bySource.add(a.source, a.id);
  const takenIds = new Set(data.articles.map((a) => a.id));
  for (const a of articles) {
    const existing = bySource.find(from, a.key, site);
    if (existing) {
      placed.ids.push([a.key, existing]);
      placed.existing++;
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
      source: importedFrom(from, a.key, site),
    };
    if (a.link) article.link = plainText(a.link).trim();
    if (a.notPublic) {
      Object.assign(article, { closed: true, unpublished: true });
      placed.notes.push(`article ${id}: ${a.notPublic} at its source: imported closed, its comments not shown to readers until 'rfa article publish ${id}'`);
    } else if (a.closed) {
      article.closed = true;
      placed.notes.push(`article ${id}: closed at its source: imported closed`);
    }
    data.articles.push(article);
    bySource.add(article.source!, id);
    placed.ids.push([a.key, id]);
    placed.added.push(id);
  }
  return placed;
}

export const importArticles: Operation<{ from: ForeignFormat; site: string | null; articles: readonly ImportedArticle[] }, PlacedArticles> = {
  needs: () => NO_COMMENTS,
  run(data, { from, site, articles }) {
    const result = addArticles(data, from, site, articles);
    return { result, changed: result.added.length > 0 };
  },
};

/** Source ids asked about at a time (step 2). */
export const SOURCE_BATCH = 1000;

/** Step 2: which of these source ids (from `from`, of the same site or of none) the store has comments for, and their rfa ids. */
export const knownComments: Operation<{ from: ForeignFormat; site: string | null; keys: readonly string[] }, [key: string, id: number][]> = {
  // The need is every site's: the site is told apart here.
  needs: ({ from, keys }) => ({ comments: 'sources', from, ids: keys }),
  run(data, { from, site, keys }) {
    const wanted = new Set(keys);
    const result = data.comments
      .filter((c) => c.source?.from === from && wanted.has(c.source.id) && sameSite(c.source.site, site))
      .map((c): [string, number] => [c.source!.id, c.id]);
    return { result, changed: false };
  },
};

/** Where a new comment goes: its rfa id, the comment it replies to, its article. */
export interface Placed {
  id: number;
  parentId: number | null;
  articleId: string;
}

/** What planning decides: where each new comment goes (by source id), and the report but for what the texts will say. */
export interface ImportPlan {
  placed: Map<string, Placed>;
  report: ImportReport;
  /** Notes on the replies whose parent is not to be had, said after those on the texts. */
  parentNotes: string[];
}

/**
 * Ids for the new comments, oldest first (the sort is stable for equal
 * times), from `articles.nextCommentId` on; each reply's parent, among the new
 * comments or those here already. A comment whose source id came before in the
 * file is left out: one record, one comment.
 */
export function planComments(outline: ImportOutline, articles: PlacedArticles, known: ReadonlyMap<string, number>): ImportPlan {
  const report = emptyReport(outline.from);
  report.skipped.push(...outline.skipped.map(({ id, reason }) => ({ id, reason })));
  report.warnings.push(...outline.warnings);
  report.articles = { added: articles.added, existing: articles.existing };
  report.notes.push(...articles.notes);
  const skippedWhy = new Map(outline.skipped.filter((s) => s.key !== undefined).map((s) => [s.key!, s.reason]));
  const articleIds = new Map(articles.ids);
  const placed = new Map<string, Placed>();
  const keys = new Set<string>();
  const incoming = outline.comments.filter((c) => {
    if (!keys.has(c.key)) return keys.add(c.key);
    report.skipped.push({ id: `comment ${c.key}`, reason: 'a second record with the id of one before it in the file' });
    return false;
  });
  incoming.sort((x, y) => x.at - y.at);
  let next = articles.nextCommentId;
  const fresh: typeof incoming = [];
  for (const c of incoming) {
    if (known.has(c.key)) {
      report.comments.existing++;
      continue;
    }
    const articleKey = outline.articleKeys[c.article];
    const articleId = articleIds.get(articleKey);
    if (!articleId) {
      report.skipped.push({ id: `comment ${c.key}`, reason: `its article (${articleKey}) is not in the file` });
      continue;
    }
    placed.set(c.key, { id: next++, parentId: null, articleId });
    fresh.push(c);
    report.comments.added++;
    report.comments.byStatus[c.status]++;
  }
  const parentNotes: string[] = [];
  for (const c of fresh) {
    if (c.parentKey === null) continue;
    const parentId = placed.get(c.parentKey)?.id ?? known.get(c.parentKey);
    if (parentId === undefined) {
      const why = skippedWhy.get(c.parentKey);
      parentNotes.push(`comment ${c.key}: its parent ${c.parentKey} ${why ? `was skipped (${why})` : 'is not in the file'}; it stands at top level`);
      continue;
    }
    placed.get(c.key)!.parentId = parentId;
    report.comments.replies++;
  }
  return { placed, report, parentNotes };
}

/** Comments in id order, with new ones whose ids come after every id but those of new ones added before (an import's chunks). */
function insertInIdOrder(comments: Comment[], fresh: Comment[]): void {
  fresh.sort((a, b) => a.id - b.id);
  let from = comments.length;
  while (from > 0 && comments[from - 1].id > fresh[0].id) from--;
  comments.push(...fresh);
  if (from < comments.length - fresh.length) {
    const tail = comments.splice(from).sort((a, b) => a.id - b.id);
    comments.push(...tail);
  }
}

/** Step 3: comments made from the file's records where the plan put them; what their texts needed said. */
export function addComments(data: StoreData, from: ForeignFormat, site: string | null, items: readonly { record: ImportedComment; placed: Placed }[]): string[] {
  const notes: string[] = [];
  const fresh: Comment[] = [];
  for (const { record: c, placed } of items) {
    // History is kept as it was: no length limit (that is for new submissions), and an empty text is marked, not dropped.
    let body: string;
    try {
      body = normalizeBody(c.body, 'comment text', Number.POSITIVE_INFINITY);
    } catch {
      body = '[no text]';
      notes.push(`comment ${c.key}: no text in the file; kept as "[no text]"`);
    }
    const length = codePointLength(body);
    if (length > MAX_BODY) notes.push(`comment ${c.key}: ${length.toLocaleString('en-US')} characters, over the ${MAX_BODY.toLocaleString('en-US')} a new comment may have; kept whole`);
    let author = c.author.replace(/[\u0000-\u001F\u007F-\u009F]/g, ' ').trim() || 'Anonymous';
    if (codePointLength(author) > MAX_NAME) author = [...author].slice(0, MAX_NAME).join('');
    author = normalizeName(author);
    let email: string | null = null;
    if (c.email) {
      try {
        email = normalizeEmail(c.email);
      } catch {
        notes.push(`comment ${c.key}: e-mail '${c.email}' is not a plausible address; left out`);
      }
    }
    const history: HistoryEntry[] = [{ action: 'submitted', at: c.createdAt, by: author }];
    if (c.status !== 'pending') {
      const decision: HistoryEntry = { action: c.status, at: c.createdAt, by: `import:${from}` };
      if (c.code) decision.code = c.code;
      history.push(decision);
    }
    fresh.push({
      id: placed.id,
      articleId: placed.articleId,
      parentId: placed.parentId,
      author,
      email,
      body,
      status: c.status,
      createdAt: c.createdAt,
      updatedAt: c.createdAt,
      history,
      source: importedFrom(from, c.key, site),
    });
  }
  if (fresh.length) {
    insertInIdOrder(data.comments, fresh);
    data.nextCommentId = Math.max(data.nextCommentId, fresh[fresh.length - 1].id + 1);
  }
  return notes;
}

export const importComments: Operation<{ from: ForeignFormat; site: string | null; items: readonly { record: ImportedComment; placed: Placed }[] }, string[]> = {
  // No comments, no articles: the plan says where each goes.
  needs: () => ({ comments: 'ids', ids: [] }),
  run(data, { from, site, items }) {
    return { result: addComments(data, from, site, items), changed: items.length > 0 };
  },
};

/** A second reading of the file: it hands `take` the comments a chunk at a time, and waits for each to be taken. */
export type CommentChunks = (take: (chunk: ImportedComment[]) => Promise<void>) => Promise<void>;

/**
 * A file's records merged in, as steps `run` runs (in one transaction). Without
 * `texts`, only the first two: what would be added, but for the notes on the
 * texts, with nothing changed but the articles.
 */
export async function importInSteps(run: RunStep, outline: ImportOutline, texts?: CommentChunks): Promise<ImportReport> {
  const { from, site } = outline;
  const articles = await run(importArticles, { from, site, articles: outline.articles });
  const keys = [...new Set(outline.comments.flatMap((c) => (c.parentKey === null ? [c.key] : [c.key, c.parentKey])))];
  const known = new Map<string, number>();
  for (let i = 0; i < keys.length; i += SOURCE_BATCH) {
    for (const [key, id] of await run(knownComments, { from, site, keys: keys.slice(i, i + SOURCE_BATCH) })) known.set(key, id);
  }
  const { placed, report, parentNotes } = planComments(outline, articles, known);
  if (texts && placed.size) {
    // Each placed comment is let go of as it is written (a second record with its source id finds it gone).
    const total = placed.size;
    await texts(async (chunk) => {
      const items = chunk.flatMap((record) => {
        const where = placed.get(record.key);
        if (!where) return [];
        placed.delete(record.key);
        return [{ record, placed: where }];
      });
      if (items.length) report.notes.push(...(await run(importComments, { from, site, items })));
    });
    // The plan was made from the first reading: a file that changed since cannot be trusted to match it.
    if (placed.size) throw invalidInput(`the file changed while it was read (${placed.size} of the ${total} comments of its first reading were not in its second); nothing was imported`);
  }
  report.notes.push(...parentNotes);
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
  // Two sites' comment 101 are two comments.
  const bySource = new BySource<number>();
  for (const c of data.comments) if (c.source) bySource.add(c.source, c.id);
  const sourceOf = (c: Comment): SourceRef => c.source ?? { from: 'rfa', id: String(c.id) };
  const byIdentity = new Map(data.comments.map((c) => [`${c.id}\u0000${c.articleId}\u0000${c.createdAt}`, c.id]));
  const newIds = new Map<number, number>();
  const fresh: Comment[] = [];
  for (const c of [...doc.comments].sort((x, y) => x.id - y.id)) {
    const articleId = articleIds.get(c.articleId);
    if (!articleId) {
      report.skipped.push({ id: `comment ${c.id}`, reason: `its article (${c.articleId}) is not in the export` });
      continue;
    }
    const from = sourceOf(c);
    const known = bySource.find(from.from, from.id, from.site) ?? byIdentity.get(`${c.id}\u0000${articleId}\u0000${c.createdAt}`);
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

/** An rfa export merged in; reading everything, as finding its comments by id, article and time must. */
export const importExport: Operation<ExportDoc, ImportReport> = {
  needs: () => ALL,
  run(data, doc) {
    const result = mergeExport(data, doc);
    return { result, changed: addsAnything(result) };
  },
};
