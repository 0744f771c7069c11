// The web server's signing key, kept in the store so that every `rfa serve` on
// it (one machine or several, on one PostgreSQL database) signs form tokens and
// hashes senders alike. The first server to start makes it; later ones read it.
import { NO_COMMENTS } from './needs.js';
import type { Operation } from './operation.js';

/** The store's secret; `fresh` (random, made by the caller) becomes it when there is none yet. */
export const webSecret: Operation<string, string> = {
  needs: () => NO_COMMENTS,
  run(data, fresh) {
    if (data.secret !== undefined) return { result: data.secret, changed: false };
    data.secret = fresh;
    return { result: fresh, changed: true };
  },
};
