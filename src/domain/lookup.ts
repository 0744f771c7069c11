// Finding comments by id. Ids grow with every insert, so the list is sorted
// and a binary search finds one without scanning a big store.
import { notFound } from '../errors.js';
import type { StoreData } from './store-data.js';
import type { Article } from './article.js';
import type { Comment } from './comment.js';
import type { Query } from './operation.js';

export function findComment(data: StoreData, id: number): Comment | undefined {
  const list = data.comments;
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const c = list[mid];
    if (c.id === id) return c;
    if (c.id < id) lo = mid + 1;
    else hi = mid - 1;
  }
  // A hand-edited store may be out of order: fall back to a scan rather than a wrong answer.
  return list.find((c) => c.id === id);
}

/** "#3, #5, #8" */
/** "#3, #7–#9, #12": ids in the order given, runs of three or more consecutive ones as a range, so 500 ids are a line, not 3 KB. */
export function idList(ids: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < ids.length; ) {
    let j = i;
    while (j + 1 < ids.length && ids[j + 1] === ids[j] + 1) j++;
    if (j - i >= 2) parts.push(`#${ids[i]}–#${ids[j]}`);
    else for (let k = i; k <= j; k++) parts.push(`#${ids[k]}`);
    i = j + 1;
  }
  return parts.join(', ');
}

/** All of `ids`, in the order given, or a not-found error naming every unknown one. */
export function findComments(data: StoreData, ids: readonly number[]): Comment[] {
  const found: Comment[] = [];
  const missing: number[] = [];
  for (const id of ids) {
    const c = findComment(data, id);
    if (c) found.push(c);
    else missing.push(id);
  }
  if (missing.length) {
    throw notFound(`no comment ${idList(missing)}${ids.length > 1 ? '; nothing was changed' : ''}`);
  }
  return found;
}

/** The comments named, in the order named (unknown ids: not found, naming each). */
export const namedComments: Query<readonly number[], Comment[]> = {
  needs: (ids) => ({ comments: 'ids', ids }),
  answer: (data, ids) => findComments(data, ids),
};

/** One comment as a moderator reads it: with its article, and the comment it replies to. */
export const commentDetail: Query<number, { comment: Comment; article?: Article; parent?: Comment }> = {
  needs: (id) => ({ comments: 'ids', ids: [id], parents: true }),
  answer(data, id) {
    const [comment] = findComments(data, [id]);
    const article = data.articles.find((a) => a.id === comment.articleId);
    const parent = comment.parentId === null ? undefined : findComment(data, comment.parentId);
    return { comment, article, parent };
  },
};
