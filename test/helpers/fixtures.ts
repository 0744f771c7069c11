// Import fixtures written for this project (test/fixtures/): small WXR and
// Disqus files that hold what real exports hold. The real third-party exports
// are checked apart, by `npm run test:exports` (test/exports/).
import path from 'node:path';

const DIR = path.resolve(__dirname, '../fixtures');

/** WXR 1.2: 2 articles, 8 reader comments (4 approved, 2 pending, 1 spam, 1 trash), a pingback, a trackback. */
export const WXR = path.join(DIR, 'wxr-1.2.xml');
/** WXR 1.1: 1 article, 2 comments (1 approved, 1 pending reply). */
export const WXR_11 = path.join(DIR, 'wxr-1.1.xml');
/** WXR 1.0: 1 article, 1 approved comment, plain values only. */
export const WXR_10 = path.join(DIR, 'wxr-1.0.xml');
/** Disqus: 3 threads (2 with posts), 9 usable posts (7 approved, 1 deleted, 1 spam), 2 broken. */
export const DISQUS = path.join(DIR, 'disqus.xml');
/** WXR at its edges: items of every type, statuses missing, long texts, hard HTML, closed and private posts. */
export const WXR_EDGES = path.join(DIR, 'wxr-edges.xml');
/** Disqus at its edges: closed and deleted threads, a deleted post with an empty message, entities in titles. */
export const DISQUS_EDGES = path.join(DIR, 'disqus-edges.xml');
