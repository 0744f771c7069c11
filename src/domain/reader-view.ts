// What a reader sees of an article's comments: approved ones only (none of an
// unpublished article), threaded, oldest first. A reply whose parent is no longer visible stands at top level.
import type { StoreData } from './store-data.js';
import type { Article } from './article.js';
import { isClosed, selectArticle, type CommentCount } from './catalog.js';
import { isEdited, type PublicComment } from './comment.js';
import type { Query } from './operation.js';
import { readSettings } from './settings.js';

export interface ThreadNode {
  comment: PublicComment;
  replies: ThreadNode[];
}

export function publicComments(data: StoreData, articleId: string): PublicComment[] {
  if (data.articles.find((a) => a.id === articleId)?.unpublished) return [];
  const approved = data.comments.filter((c) => c.articleId === articleId && c.status === 'approved');
  const visible = new Set(approved.map((c) => c.id));
  return approved.map((c) => ({
    id: c.id,
    parentId: c.parentId !== null && visible.has(c.parentId) ? c.parentId : null,
    author: c.author,
    body: c.body,
    createdAt: c.createdAt,
    edited: isEdited(c),
  }));
}

/** A reader's comments as they are shown: how many, and the tree of replies (made once, for every renderer). */
export interface Thread {
  count: number;
  roots: ThreadNode[];
}

export const threadOf = (comments: PublicComment[]): Thread => ({ count: comments.length, roots: threadComments(comments) });

export function threadComments(comments: PublicComment[]): ThreadNode[] {
  const nodes = new Map<number, ThreadNode>();
  for (const comment of comments) nodes.set(comment.id, { comment, replies: [] });
  const roots: ThreadNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.comment.parentId === null ? undefined : nodes.get(node.comment.parentId);
    (parent ? parent.replies : roots).push(node);
  }
  return roots;
}

/** An article as a reader sees it (`show`, and the server's pages): its approved comments, and whether it takes more. */
export const readerView: Query<{ articleId?: string; now: Date }, { article: Article; comments: PublicComment[]; closed: boolean }> = {
  needs: ({ articleId }) => ({ comments: 'thread', articleId }),
  answer(data, { articleId, now }) {
    const article = selectArticle(data, articleId);
    return { article, comments: publicComments(data, article.id), closed: isClosed(article, readSettings(data).policy, now) };
  },
};

/** The reader's view as data (`show --json`, and the server's comments.json). */
export const readerDocument = (view: { article: Article; comments: PublicComment[]; closed: boolean }) => ({ article: { ...view.article, closed: view.closed }, comments: view.comments });

/** An article in the readers' list: its approved comments counted, and whether it takes more. */
export interface ArticleListing {
  id: string;
  title: string;
  comments: number;
  closed: boolean;
}

/** What readers may list: the published articles, in the store's order. */
export function readerIndex(data: StoreData, counts: readonly CommentCount[], now: Date): ArticleListing[] {
  const policy = readSettings(data).policy;
  const approved = new Map(counts.filter((c) => c.status === 'approved').map((c) => [c.articleId, c.n]));
  return data.articles.filter((a) => !a.unpublished).map((a) => ({ id: a.id, title: a.title, comments: approved.get(a.id) ?? 0, closed: isClosed(a, policy, now) }));
}
