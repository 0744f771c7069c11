// A reader's comment coming in: checked, and stored pending until a moderator decides.
import { conflict, inField, notFound } from '../errors.js';
import type { StoreData } from './store-data.js';
import { isClosed, selectArticle } from './catalog.js';
import { normalizeBody, normalizeEmail, normalizeName, type Comment } from './comment.js';
import { findComment } from './lookup.js';
import { readSettings } from './settings.js';
import { checkFormAge, judgeSubmission } from './rules.js';
import { ownComments } from './own-comments.js';
import { NO_COMMENTS } from './needs.js';
import type { Operation } from './operation.js';

export interface Submission {
  author: string;
  email?: string;
  body: string;
  articleId?: string;
  replyTo?: number;
  /** From the web: who sent it (a keyed hash of the address), and the hash of the reader's receipt token. */
  sender?: string;
  receipt?: string;
  /** From the web form: when the form was shown (from its verified token), for the form's clock. */
  formShownAt?: Date;
}

/** The comment replied to: an approved one, of the same article. */
function replyTarget(data: StoreData, id: number, articleId: string | undefined): Comment {
  const parent = findComment(data, id);
  if (!parent) throw notFound(`no comment #${id} to reply to`);
  if (articleId !== undefined && parent.articleId !== articleId) {
    throw conflict(`comment #${parent.id} belongs to article '${parent.articleId}', not '${articleId}'`, undefined, 'REPLY_TARGET');
  }
  if (parent.status !== 'approved') {
    throw conflict(`comment #${parent.id} is ${parent.status}; replies are taken only to approved comments`, undefined, 'REPLY_TARGET');
  }
  return parent;
}

export function addComment(data: StoreData, submission: Submission, now: Date): Comment {
  const author = inField('author', () => normalizeName(submission.author, 'author'));
  const email = inField('email', () => normalizeEmail(submission.email));
  const body = inField('text', () => normalizeBody(submission.body));

  let parentId: number | null = null;
  let articleId = submission.articleId;
  if (submission.replyTo !== undefined) {
    const parent = inField('parent', () => replyTarget(data, submission.replyTo!, articleId));
    parentId = parent.id;
    articleId = parent.articleId;
  }
  const article = selectArticle(data, articleId);
  const { policy } = readSettings(data);
  if (submission.formShownAt !== undefined) checkFormAge(submission.formShownAt, now, policy);
  if (isClosed(article, policy, now)) throw conflict(`comments on '${article.id}' are closed; nothing was stored`, undefined, 'ARTICLE_CLOSED');

  const { sender, receipt } = submission;
  const who = { articleId: article.id, author, email, body, sender };
  const own = ownComments(data.comments, who);
  const authorKey = author.toLowerCase();
  const earlier = own.find(
    (c) => c.articleId === article.id && c.status !== 'rejected' && c.body === body && c.author.toLowerCase() === authorKey,
  );
  if (earlier) {
    throw conflict(`duplicate comment: ${author} posted the same text on this article as #${earlier.id} (${earlier.status})`, undefined, 'DUPLICATE');
  }

  const verdict = judgeSubmission(data, who, now, policy, own);
  const at = now.toISOString();
  const comment: Comment = {
    id: data.nextCommentId,
    articleId: article.id,
    parentId,
    author,
    email,
    body,
    status: verdict.status,
    createdAt: at,
    updatedAt: at,
    history: [{ action: 'submitted', at, by: author }],
  };
  if (verdict.decision) comment.history.push({ ...verdict.decision, at });
  if (verdict.flags.length) comment.flags = verdict.flags;
  if (sender !== undefined) {
    comment.sender = sender;
    const previous = own.findLast((c) => c.sender === sender);
    if (previous) comment.sameSenderAs = previous.id;
  }
  if (receipt !== undefined) comment.receipt = receipt;
  data.nextCommentId += 1;
  data.comments.push(comment);
  return comment;
}

/**
 * Taking a comment in: what the duplicate check and the house rules look at is
 * everything by the same name or e-mail (or sender), the comment replied to, and the
 * article. A submission that fails its own checks needs nothing: it is refused
 * before anything is read.
 */
export const submit: Operation<Submission, Comment> = {
  needs(s) {
    try {
      return { comments: 'author', author: normalizeName(s.author), email: normalizeEmail(s.email), sender: s.sender, parentId: s.replyTo, articleId: s.articleId };
    } catch {
      return NO_COMMENTS;
    }
  },
  run: (data, submission, now) => ({ result: addComment(data, submission, now), changed: true }),
};
