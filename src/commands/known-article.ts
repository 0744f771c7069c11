// `--article <id>` naming an article the store does not have is exit 3 (with
// the ids it does have), whatever the command, never an empty answer. Queries
// check it themselves (domain/queue.ts); a count, which loads no comment, asks the catalog.
import { mustKnowArticle as mustBeIn } from '../domain/queue.js';
import type { Store } from '../store/store.js';

export async function mustKnowArticle(store: Store, id: string | undefined): Promise<void> {
  if (id !== undefined) mustBeIn((await store.readCatalog()).data, id);
}
