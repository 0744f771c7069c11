// Stores for the benchmark, built in memory and written through the store
// module (JsonStore.create: the same serialisation and atomic write as rfa's;
// for PostgreSQL, PgStore's bulk inserts a chunk at a time).
import { JsonStore } from '../src/store/file/json-store.js';
import { PgStore } from '../src/store/pg/pg-store.js';
import { emptyStoreData, type StoreData } from '../src/domain/store-data.js';
import type { Article } from '../src/domain/article.js';
import type { Comment } from '../src/domain/comment.js';

const WORDS = 'the report said officials met in secret last month and declined to comment on the nature of talks between both countries while families still wait for answers about the abductions'.split(' ');

function sentence(seed: number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(WORDS[(seed * 7 + i * 13) % WORDS.length]);
  const text = out.join(' ');
  return `${text[0].toUpperCase()}${text.slice(1)}.`;
}

export interface FixtureShape {
  comments: number;
  articles: number;
}

/** Article 1 takes the first 1,500 comments (1,000 of them approved, for `show`); the rest go round the others. */
export const BUSY_ARTICLE_COMMENTS = 1500;

const articleFor = (i: number, articles: number) =>
  i < BUSY_ARTICLE_COMMENTS || articles === 1 ? 1 : 2 + ((i - BUSY_ARTICLE_COMMENTS) % (articles - 1));

const START = Date.parse('2026-01-01T00:00:00Z');

function fixtureArticle(a: number): Article {
  return {
    id: `article-${a + 1}`,
    title: `Article ${a + 1}: ${sentence(a, 8)}`,
    subtitle: sentence(a + 1, 16),
    byline: 'By A. Reporter for RFA',
    dateline: 'Taipei, Taiwan',
    image: null,
    body: Array.from({ length: 12 }, (_, p) => sentence(a * 31 + p, 60)),
    editorNote: 'Edited by RFA Staff.',
    commentPolicy: 'Add your comment by filling out the form below in plain text.',
    createdAt: new Date(START).toISOString(),
  };
}

/** The i-th comment (id i + 1), one a minute. */
function fixtureComment(i: number, articles: number): Comment {
  const at = new Date(START + i * 60_000).toISOString();
  const author = `Reader ${i % 5000}`;
  // Every third comment pending, the rest approved: "two thirds approved".
  const approved = i % 3 !== 0;
  const comment: Comment = {
    id: i + 1,
    articleId: `article-${articleFor(i, articles)}`,
    parentId: null,
    author,
    email: `reader${i % 5000}@example.org`,
    body: `${sentence(i, 40)} (${i})`,
    status: approved ? 'approved' : 'pending',
    createdAt: at,
    updatedAt: at,
    history: [{ action: 'submitted', at, by: author }],
  };
  if (approved) comment.history.push({ action: 'approved', at, by: 'moderator' });
  return comment;
}

export function buildStoreData({ comments, articles }: FixtureShape): StoreData {
  const data = emptyStoreData();
  for (let a = 0; a < articles; a++) data.articles.push(fixtureArticle(a));
  for (let i = 0; i < comments; i++) data.comments.push(fixtureComment(i, articles));
  data.nextCommentId = comments + 1;
  return data;
}

/** The same store in an empty PostgreSQL database: created with the articles, then comments in bulk inserts of 10,000. */
export async function seedPostgres(url: string, shape: FixtureShape): Promise<void> {
  const store = new PgStore(url, { backupDir: 'backups' });
  await store.create(buildStoreData({ ...shape, comments: 0 }));
  const CHUNK = 10_000;
  for (let from = 0; from < shape.comments; from += CHUNK) {
    const chunk: Comment[] = [];
    for (let i = from; i < Math.min(from + CHUNK, shape.comments); i++) chunk.push(fixtureComment(i, shape.articles));
    await store.appendComments(chunk);
  }
}

export async function writeStore(file: string, shape: FixtureShape): Promise<void> {
  await new JsonStore(file).create(buildStoreData(shape));
}
