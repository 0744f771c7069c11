// One person's comments: by the same name or e-mail (ignoring case) or, from
// the web, the same sender. They are all the duplicate check and the house
// rules look at (and what a PostgreSQL store loads for a submission).
//
// A long-running server freezes the comments it has written (a frozen comment
// cannot change), so an index of them stays true: a post there looks up its
// author's comments instead of reading every comment in the store. Comments
// not frozen (every command's, and those a group of posts adds before it is
// written) are looked at one by one, as they always were.
import { sameAuthor, type Comment } from './comment.js';

export interface Who {
  author: string;
  email: string | null;
  sender?: string;
}

/** Whether `c` is by `who`: the definition; the index only narrows the search. */
export const isOwn = (c: Comment, who: Who) => sameAuthor(c, who) || (who.sender !== undefined && c.sender === who.sender);

/** The frozen comments at the start of one list, by name, e-mail and sender (each list in store order). */
interface FrozenIndex {
  /** How many comments from the start are indexed, and the last of them: a list cut or reordered since is indexed again. */
  count: number;
  last?: Comment;
  byName: Map<string, Comment[]>;
  byEmail: Map<string, Comment[]>;
  bySender: Map<string, Comment[]>;
}

const indexes = new WeakMap<readonly Comment[], FrozenIndex>();

function add(map: Map<string, Comment[]>, key: string, c: Comment): void {
  const list = map.get(key);
  if (list) list.push(c);
  else map.set(key, [c]);
}

/** The index of the list's frozen start, brought up to date (built only once there is something frozen to index). */
function frozenIndex(comments: readonly Comment[]): FrozenIndex | undefined {
  let index = indexes.get(comments);
  if (index && (comments.length < index.count || (index.count > 0 && comments[index.count - 1] !== index.last))) index = undefined;
  if (!index) {
    if (!comments.length || !Object.isFrozen(comments[0])) return undefined;
    index = { count: 0, byName: new Map(), byEmail: new Map(), bySender: new Map() };
    indexes.set(comments, index);
  }
  while (index.count < comments.length && Object.isFrozen(comments[index.count])) {
    const c = comments[index.count++];
    add(index.byName, c.author.toLowerCase(), c);
    if (c.email !== null) add(index.byEmail, c.email.toLowerCase(), c);
    if (c.sender !== undefined) add(index.bySender, c.sender, c);
  }
  index.last = comments[index.count - 1];
  return index;
}

/** The comments in `comments` (a store's, in id order) by `who`, in the same order. */
export function ownComments(comments: readonly Comment[], who: Who): Comment[] {
  const index = frozenIndex(comments);
  if (!index) return comments.filter((c) => isOwn(c, who));
  const found = new Set<Comment>([
    ...(index.byName.get(who.author.toLowerCase()) ?? []),
    ...(who.email !== null ? (index.byEmail.get(who.email.toLowerCase()) ?? []) : []),
    ...(who.sender !== undefined ? (index.bySender.get(who.sender) ?? []) : []),
  ]);
  const own = [...found].sort((a, b) => a.id - b.id);
  for (let i = index.count; i < comments.length; i++) if (isOwn(comments[i], who)) own.push(comments[i]);
  return own;
}
