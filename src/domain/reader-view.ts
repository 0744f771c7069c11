// What a reader sees of an article's comments: approved ones only (none of an
// unpublished article), threaded, oldest first. A reply whose parent is no longer visible stands at top level.
import type { StoreData } from './store-data.js';
import { isEdited, type PublicComment } from './comment.js';

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
