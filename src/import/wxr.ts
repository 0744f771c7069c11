// WordPress eXtended RSS (WXR) exports: every item with reader comments
// becomes an article, whatever its type (posts, pages, attachments, WooCommerce
// products); comments keep author, e-mail, date, text, thread and status.
// Pingbacks and trackbacks are not reader comments and are skipped. A closed,
// draft, private or password-protected item is imported closed (and, when not
// public, unpublished).
import { isSlug, slugify } from '../domain/article.js';
import type { ImportedComment, ImportSink } from '../domain/import-batch.js';
import { decodeEntities, htmlToText } from './html-text.js';
import { child, childText, children, readXmlRecords, type XmlNode } from './xml-records.js';

const STATUS: Record<string, Pick<ImportedComment, 'status' | 'code'>> = {
  '1': { status: 'approved' },
  approve: { status: 'approved' },
  '0': { status: 'pending' },
  hold: { status: 'pending' },
  spam: { status: 'rejected', code: 'spam' },
  trash: { status: 'rejected', code: 'other' },
};

/** Item statuses that are not public on the site. */
const NOT_PUBLIC: Record<string, string> = { draft: 'a draft', private: 'private', pending: 'awaiting review', future: 'scheduled, not yet published', trash: 'in the trash' };

/** WordPress writes GMT times as "2010-10-13 18:30:29"; "0000-00-00 00:00:00" means unknown. */
function wpTime(gmt: string, local: string): string | null {
  for (const value of [gmt, local]) {
    if (!value || value.startsWith('0000')) continue;
    const d = new Date(`${value.replace(' ', 'T')}Z`);
    if (!Number.isNaN(d.getTime())) return d.toISOString();
  }
  return null;
}

/** The post's slug when it is a usable id, else one made from it, else the post id. */
const articleIdFor = (slug: string, postId: string) => {
  let decoded: string;
  try {
    decoded = decodeURIComponent(slug.replace(/%(?![0-9a-f]{2})/gi, '%25'));
  } catch {
    decoded = slug; // a broken %-escape (half a UTF-8 sequence): the slug as written
  }
  if (isSlug(decoded)) return decoded;
  const made = slugify(decoded.replace(/-/g, ' '));
  return made === 'article' ? `wp-${postId}` : made;
};

const paragraphs = (html: string) =>
  htmlToText(html)
    .split(/\n{2,}/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter(Boolean);

export async function readWxr(file: string, sink: ImportSink, onProgress?: (bytes: number, total: number) => void): Promise<void> {
  const onItem = (item: XmlNode) => {
    // The blog's own address (base_site_url is the network's, the same for every blog of a multisite).
    if (item.name === 'wp:base_blog_url') {
      const site = item.text.trim();
      if (site) sink.site(site);
      return;
    }
    const comments = children(item, 'wp:comment');
    if (!comments.length) return;
    const postId = childText(item, 'wp:post_id');
    const key = `post-${postId}`;
    const title = decodeEntities(childText(item, 'title')) || `Post ${postId}`;
    const postStatus = childText(item, 'wp:status');
    const createdAt = wpTime(childText(item, 'wp:post_date_gmt'), childText(item, 'wp:post_date')) ?? new Date(0).toISOString();
    sink.article({
      key,
      id: articleIdFor(childText(item, 'wp:post_name'), postId),
      title,
      createdAt,
      link: childText(item, 'link') || null,
      body: paragraphs(child(item, 'content:encoded')?.text ?? ''),
      closed: childText(item, 'wp:comment_status') === 'closed',
      notPublic: childText(item, 'wp:post_password') ? 'password-protected' : NOT_PUBLIC[postStatus],
    });
    for (const c of comments) {
      const id = childText(c, 'wp:comment_id');
      const kind = childText(c, 'wp:comment_type');
      if (kind === 'pingback' || kind === 'trackback') {
        sink.skipped({ id: `comment ${id}`, reason: kind, key: id });
        continue;
      }
      const approved = childText(c, 'wp:comment_approved');
      const at = wpTime(childText(c, 'wp:comment_date_gmt'), childText(c, 'wp:comment_date'));
      if (!id || !at) {
        sink.skipped({ id: `comment ${id || '(no id)'} (line ${c.line})`, reason: !id ? 'no comment id' : 'no valid date', key: id || undefined });
        continue;
      }
      // No status, or one WordPress does not write: held for a moderator.
      const status = STATUS[approved] ?? { status: 'pending' as const };
      if (approved && !STATUS[approved]) sink.warning(`comment ${id} (line ${c.line}): unknown status '${approved}'; held as pending`);
      const parent = childText(c, 'wp:comment_parent');
      sink.comment({
        key: id,
        articleKey: key,
        parentKey: parent && parent !== '0' ? parent : null,
        author: childText(c, 'wp:comment_author'),
        email: childText(c, 'wp:comment_author_email') || null,
        body: htmlToText(child(c, 'wp:comment_content')?.text ?? ''),
        createdAt: at,
        ...status,
      });
    }
  };
  const { warnings } = await readXmlRecords(file, { root: 'rss', records: ['item', 'wp:base_blog_url'], onRecord: onItem, drain: sink.drain, onProgress, what: 'WordPress WXR' });
  for (const w of warnings) sink.warning(w);
}
