import type { Context, Output } from '../context.js';
import { jsonOut } from '../context.js';
import { emptyStoreData } from '../domain/store-data.js';
import { conflict, storeError } from '../errors.js';
import { counted } from '../render/plural.js';
import type { DumpPart } from '../store/dump.js';

/** What a copy is checked by: the articles, the next id, and the comments' ids in order (a count and a running hash). */
class Tally {
  articles = 0;
  comments = 0;
  next = 0;
  #hash = 0;

  add(part: DumpPart): void {
    if ('head' in part) {
      this.articles = part.head.articles.length;
      this.next = part.head.nextCommentId;
    } else {
      this.comments += part.comments.length;
      for (const c of part.comments) this.#hash = (Math.imul(this.#hash, 31) + c.id) | 0;
    }
  }

  same(other: Tally): boolean {
    return this.articles === other.articles && this.comments === other.comments && this.next === other.next && this.#hash === other.#hash;
  }
}

async function* tallied(parts: AsyncIterable<DumpPart>, tally: Tally): AsyncGenerator<DumpPart> {
  for await (const part of parts) {
    tally.add(part);
    yield part;
  }
}

/**
 * Copies everything (articles, comments with history, settings, the next id)
 * from the current store to another, of either kind, keeping ids, and checks
 * the copy. The target must be new or empty: a copy never merges. The store
 * goes across a batch at a time, so a database of any size can be copied.
 */
export async function copyStore(ctx: Context, to: string): Promise<Output> {
  const source = await ctx.openStore();
  const target = ctx.storeAt(to);
  if (await target.present()) {
    const { data, counts } = await target.readCatalog();
    const comments = counts.reduce((sum, c) => sum + c.n, 0);
    if (data.articles.length || comments) {
      throw conflict(`the target ${target.location} is not empty (${counted(data.articles.length, 'article')}, ${counted(comments, 'comment')}); nothing was copied`, undefined, 'ALREADY_EXISTS');
    }
  } else {
    await target.create(emptyStoreData());
  }
  const sent = new Tally();
  await target.replaceAll(tallied(source.dump(), sent));
  const copy = new Tally();
  for await (const part of target.dump()) copy.add(part);
  if (!copy.same(sent)) throw storeError(`the copy in ${target.location} does not match: ${copy.articles}/${sent.articles} articles, ${copy.comments}/${sent.comments} comments`);
  const counts = { articles: copy.articles, comments: copy.comments };
  if (ctx.json) return jsonOut({ from: source.location, to: target.location, ...counts });
  return { stdout: `Copied ${counted(counts.articles, 'article')} and ${counted(counts.comments, 'comment')} from ${source.location} to ${target.location}; counts and ids checked.\n` };
}
