// `--article <id>` naming an article the store does not have is exit 3 (with
// the ids it does have), whatever the command, never an empty answer.
import { selectArticle } from '../domain/catalog.js';
import type { StoreData } from '../domain/store-data.js';
import type { Store } from '../store/store.js';

/** Checks `id` against what the command loaded; only when that holds no such article is the catalog read. */
export async function mustKnowArticle(store: Store, id: string | undefined, loaded?: StoreData): Promise<void> {
  if (id === undefined || loaded?.articles.some((a) => a.id === id)) return;
  selectArticle((await store.readCatalog()).data, id);
}
