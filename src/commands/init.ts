import type { Context, Output } from '../context.js';
import { jsonOut, newStoreWithSeed } from '../context.js';
import { emptyStoreData } from '../domain/store-data.js';

export interface InitOptions {
  empty: boolean;
}

export async function initStore(ctx: Context, options: InitOptions): Promise<Output> {
  const data = options.empty ? emptyStoreData() : newStoreWithSeed(ctx.seedFile, ctx.now);
  const store = ctx.storeForInit();
  await store.create(data);
  const articles = data.articles.map((a) => a.id);
  if (ctx.json) return jsonOut({ store: store.location, articles });
  const what = articles.length ? `with article '${articles[0]}'` : 'with no articles';
  return { stdout: `Created the store ${store.location} ${what}.\n` };
}
