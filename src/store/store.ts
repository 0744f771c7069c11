// The narrow interface every backend implements. Commands see only this.
import type { CommentCount } from '../domain/catalog.js';
import type { QueueFilter } from '../domain/queue.js';
import type { StoreData } from '../domain/store-data.js';

/** What a transaction hands back: its result, and whether it changed the data. */
export interface Outcome<T> {
  result: T;
  changed: boolean;
}

/**
 * Which comments a command needs, and so which articles. The data handed over
 * always holds the settings, at least the comments the scope names, and the
 * articles the command may need: every article, unless the scope names one
 * that exists (then at least that one) or names comments (then at least
 * theirs). A backend may hand over more (the JSON file hands over everything),
 * and the domain code gives the same answer either way. A database uses it to
 * load only what a command touches.
 */
export type Scope =
  | { comments: 'all' }
  /** No comments; every article. */
  | { comments: 'none' }
  /** These comments (and no others are changed), and their articles. */
  | { comments: 'ids'; ids: readonly number[] }
  /** The approved comments of one article (the only one when not named): a reader's view. */
  | { comments: 'thread'; articleId?: string }
  /** Everything by this author or e-mail, and the comment replied to: what the house rules look at; and the article commented on. */
  | { comments: 'author'; author: string; email: string | null; parentId?: number; articleId?: string }
  /** At least the comments the queue filter matches, and their articles. */
  | { comments: 'query'; filter: QueueFilter }
  /**
   * Every comment (on one article, if named) with a history entry at or after
   * `since`, and their articles: the moderation log's view. A comment's
   * updatedAt is the time of its latest entry, so these are the comments updated since.
   */
  | { comments: 'changed'; since: Date; articleId?: string };

export const ALL: Scope = { comments: 'all' };

export interface Store {
  /** Where the store lives, for messages (never with a password). */
  readonly location: string;
  /** A consistent snapshot, read without a lock. */
  read(scope?: Scope): Promise<StoreData>;
  /** One read-modify-write under the store's lock; written only when `changed`. */
  update<T>(transaction: (data: StoreData) => Outcome<T>, scope?: Scope): Promise<T>;
  /** How many comments the queue filter matches. */
  countComments(filter: QueueFilter): Promise<number>;
  /** The articles and settings (comments need not be there) with each article's comment counts per status: a listing's needs. */
  readCatalog(): Promise<{ data: StoreData; counts: CommentCount[] }>;
  /** Replaces everything without reading first (a restore must work over a damaged store). */
  replaceAll(data: StoreData): Promise<void>;
  /** A consistent, compressed copy in `dir`, keeping the newest `keep` there. */
  backup(dir: string, keep: number, now: Date): Promise<{ file: string; removed: string[] }>;
  /** Where backups go unless told otherwise. */
  readonly backupDir: string;
}

/** A store that can be created in place (by init, or as the target of a copy). */
export interface CreatableStore extends Store {
  /** Whether there is a store there at all (a file, or rfa's tables). */
  present(): Promise<boolean>;
  /** Creates the store holding `data`; one already there is a conflict, left untouched. */
  create(data: StoreData): Promise<void>;
}
