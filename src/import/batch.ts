// What a reader of another system's export hands over: records in that
// system's terms, keyed by that system's ids, not yet rfa's.

export interface ImportedArticle {
  key: string;
  /** The id it would like in rfa (a slug). */
  id: string;
  title: string;
  createdAt: string;
  link: string | null;
  body: string[];
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
  /** Records left out on purpose, and why (pingbacks, broken records). */
  skipped: { id: string; reason: string }[];
  /** Faults in the file read past, with their lines. */
  warnings: string[];
}
