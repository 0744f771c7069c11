// What a reader who sent a comment over the web may learn of it, through the
// link on their receipt: where it stands and, if it was not published, the
// desk's sentence for why (the reason code's message, never the moderator's
// own note). The link holds a token only the reader has; the store keeps its hash.
import { notFound } from '../errors.js';
import { isEdited } from './comment.js';
import type { Query } from './operation.js';
import { isReasonCode } from './reasons.js';
import { readSettings } from './settings.js';

export type ReceiptState = 'waiting' | 'published' | 'not-published' | 'removed';

export interface ReceiptView {
  id: number;
  articleId: string;
  articleTitle: string;
  state: ReceiptState;
  /** What the reader sent (as a moderator may have edited it); empty once removed. */
  author: string;
  body: string;
  createdAt: string;
  edited: boolean;
  /** Why it was not published or was removed, in the desk's words. */
  reason?: string;
}

export const receiptView: Query<string, ReceiptView> = {
  needs: (receipt) => ({ comments: 'receipt', receipt }),
  answer(data, receipt) {
    const comment = data.comments.find((c) => c.receipt === receipt);
    if (!comment) throw notFound('no comment has this receipt', 'check the link: it is the one shown after sending the comment');
    const article = data.articles.find((a) => a.id === comment.articleId);
    const { reasonMessages } = readSettings(data);
    const view: ReceiptView = {
      id: comment.id,
      articleId: comment.articleId,
      articleTitle: article?.title ?? comment.articleId,
      state: comment.purged ? 'removed' : comment.status === 'approved' ? 'published' : comment.status === 'rejected' ? 'not-published' : 'waiting',
      author: comment.purged ? '' : comment.author,
      body: comment.body,
      createdAt: comment.createdAt,
      edited: isEdited(comment),
    };
    if (comment.purged) view.reason = 'Your comment was removed at your request or for legal reasons.';
    else if (comment.status === 'rejected') {
      const code = comment.history.findLast((h) => h.action === 'rejected')?.code;
      view.reason = reasonMessages[code !== undefined && isReasonCode(code) ? code : 'other'];
    }
    return view;
  },
};
