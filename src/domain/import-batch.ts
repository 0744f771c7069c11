// What a reader of another system's export hands over: records in that
// system's terms, keyed by that system's ids, not yet rfa's.

/** What `rfa import` reads: WordPress's WXR, Disqus's XML, and rfa's own export. */
export const IMPORT_FORMATS = ['wxr', 'disqus', 'rfa'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

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

export interface ImportBatch {
  from: 'wxr' | 'disqus';
  articles: ImportedArticle[];
  comments: ImportedComment[];
  /** Records left out on purpose, and why (pingbacks, broken records); `key` when it has one, so replies to it can say why their parent is missing. */
  skipped: { id: string; reason: string; key?: string }[];
  /** Faults in the file read past, with their lines. */
  warnings: string[];
}
