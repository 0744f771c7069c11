// What a reader of another system's export hands over: records in that
// system's terms, keyed by that system's ids, not yet rfa's. A reader streams
// them to a sink, so that a file of any size is read a record at a time.

/** What `rfa import` reads: WordPress's WXR, Disqus's XML, and rfa's own export. */
export const IMPORT_FORMATS = ['wxr', 'disqus', 'rfa'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** The formats read as records from another system. */
export type ForeignFormat = 'wxr' | 'disqus';

export interface ImportedArticle {
  key: string;
  /** The id it would like in rfa (a slug). */
  id: string;
  title: string;
  createdAt: string;
  link: string | null;
  body: string[];
  /** Taking no comments at its source (or deleted there). */
  closed?: boolean;
  /** Not public at its source; the words say why ("a draft", "password-protected"). */
  notPublic?: string;
}

export interface ImportedComment {
  key: string;
  articleKey: string;
  parentKey: string | null;
  author: string;
  email: string | null;
  body: string;
  createdAt: string;
  status: 'pending' | 'approved' | 'rejected';
  code?: string;
}

/** A record left out on purpose, and why (pingbacks, broken records); `key` when it has one, so replies to it can say why their parent is missing. */
export interface SkippedRecord {
  id: string;
  reason: string;
  key?: string;
}

/** Where a reader hands the records, in the order of the file (a Disqus reader hands its articles last). */
export interface ImportSink {
  article(article: ImportedArticle): void;
  comment(comment: ImportedComment): void;
  skipped(record: SkippedRecord): void;
  /** A fault in the file read past, with its line. */
  warning(text: string): void;
  /** The site the records come from (a blog's address, a Disqus forum), when the file says. */
  site(site: string): void;
  /** Called after each piece of the file: a sink that is handed more than it can hold writes it out here. */
  drain?(): Promise<void>;
}

export type ImportReader = (file: string, sink: ImportSink, onProgress?: (bytes: number, total: number) => void) => Promise<void>;

/**
 * What the first reading of a comment keeps: enough to number and thread every
 * comment of a file, without their texts, and small (a file of a million
 * comments has a million of these): the time as a number, the article key by
 * its place in the outline's `articleKeys`.
 */
export interface OutlinedComment {
  key: string;
  article: number;
  parentKey: string | null;
  at: number;
  status: ImportedComment['status'];
}

/** A file's records but the comments' texts: read first, to plan the import before anything is written. */
export interface ImportOutline {
  from: ForeignFormat;
  /** The site the file says it is from (the first it names), or null. */
  site: string | null;
  articles: ImportedArticle[];
  /** The article keys the comments name (each once), which `OutlinedComment.article` indexes. */
  articleKeys: string[];
  comments: OutlinedComment[];
  skipped: SkippedRecord[];
  warnings: string[];
}

/**
 * A sink that keeps the outline. What it keeps is copied: a reader's strings
 * may be slices of the piece of the file they were read from, and a title
 * kept from each piece would keep the whole file in memory.
 */
export function outlineSink(from: ForeignFormat): ImportSink & { outline: ImportOutline } {
  const outline: ImportOutline = { from, site: null, articles: [], articleKeys: [], comments: [], skipped: [], warnings: [] };
  const articleIndex = new Map<string, number>();
  const indexOf = (key: string) => {
    let i = articleIndex.get(key);
    if (i === undefined) {
      i = outline.articleKeys.push(structuredClone(key)) - 1;
      articleIndex.set(outline.articleKeys[i], i);
    }
    return i;
  };
  return {
    outline,
    article: (a) => void outline.articles.push(structuredClone(a)),
    comment: (c) =>
      void outline.comments.push({ key: structuredClone(c.key), article: indexOf(c.articleKey), parentKey: c.parentKey === null ? null : structuredClone(c.parentKey), at: Date.parse(c.createdAt), status: c.status }),
    skipped: (s) => void outline.skipped.push(structuredClone(s)),
    warning: (w) => void outline.warnings.push(w),
    site: (site) => void (outline.site ??= structuredClone(site)),
  };
}
