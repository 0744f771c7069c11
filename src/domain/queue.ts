// The moderation queue as a moderator asks for it: the comments a filter
// matches, with their articles. A filter naming an article the store does not
// have is "not found" (with the ids it does have), never an empty queue.
import type { Article } from './article.js';
import { mustKnowArticle } from './catalog.js';
import type { Comment } from './comment.js';
import type { Query } from './operation.js';
import { queryComments, type QueueFilter } from './queue-filter.js';

export const queue: Query<QueueFilter, { comments: Comment[]; articles: Article[] }> = {
  needs: (filter) => ({ comments: 'query', filter }),
  answer(data, filter) {
    mustKnowArticle(data, filter.articleId);
    const comments = queryComments(data, filter);
    const ids = new Set(comments.map((c) => c.articleId));
    return { comments, articles: data.articles.filter((a) => ids.has(a.id)) };
  },
};
