// Disqus XML exports: threads that have posts become articles (closed when
// closed there; closed and unpublished when deleted there), posts become
// comments with their parents; deleted and spam posts are kept, rejected with
// a code (a deleted post's empty text marked as deleted, so its replies keep
// their place in the thread); anonymous authors are kept.
import type { ImportedArticle, ImportSink } from '../domain/import-batch.js';
import { decodeEntities, htmlToText } from './html-text.js';
import { child, childText, readXmlRecords, type XmlNode } from './xml-records.js';

const isoTime = (value: string) => {
  const d = new Date(value);
  return /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(d.getTime()) ? d.toISOString() : null;
};

const bool = (value: string) => (value === 'true' ? true : value === 'false' || value === '' ? false : undefined);

export async function readDisqus(file: string, sink: ImportSink, onProgress?: (bytes: number, total: number) => void): Promise<void> {
  // Every thread is read; only those that receive a post become articles (handed over last).
  const threads = new Map<string, ImportedArticle>();
  const used = new Set<string>();
  const onRecord = (node: XmlNode) => {
    const id = node.attrs['dsq:id'] ?? '';
    if (node.name === 'thread') {
      const forum = childText(node, 'forum');
      if (forum) sink.site(forum);
      threads.set(id, {
        key: id,
        id: `disqus-${id}`,
        title: decodeEntities(childText(node, 'title')) || `Disqus thread ${id}`,
        createdAt: isoTime(childText(node, 'createdAt')) ?? new Date(0).toISOString(),
        link: childText(node, 'link') || null,
        body: [],
        closed: bool(childText(node, 'isClosed')) === true,
        notPublic: bool(childText(node, 'isDeleted')) === true ? 'deleted' : undefined,
      });
      return;
    }
    // A post without its Disqus id still has the site's own <id>: it is kept under that.
    const siteId = childText(node, 'id');
    const key = id || (siteId ? `id:${siteId}` : '');
    const where = `post ${key || '(no id)'} (line ${node.line})`;
    const createdAt = isoTime(childText(node, 'createdAt'));
    const deleted = bool(childText(node, 'isDeleted'));
    const spam = bool(childText(node, 'isSpam'));
    const threadId = child(node, 'thread')?.attrs['dsq:id'];
    const problem = !/^(\d+|id:.+)$/.test(key)
      ? `invalid id '${key}'`
      : !createdAt
        ? `invalid date '${childText(node, 'createdAt')}'`
        : deleted === undefined || spam === undefined
          ? `invalid flag isDeleted='${childText(node, 'isDeleted')}' isSpam='${childText(node, 'isSpam')}'`
          : !threadId
            ? 'no thread'
            : null;
    if (problem) {
      sink.skipped({ id: where, reason: problem, key: key || undefined });
      return;
    }
    const author = child(node, 'author');
    used.add(threadId!);
    sink.comment({
      key,
      articleKey: threadId!,
      parentKey: child(node, 'parent')?.attrs['dsq:id'] ?? null,
      author: (author && childText(author, 'name')) || 'Anonymous',
      email: (author && childText(author, 'email')) || null,
      body: htmlToText(child(node, 'message')?.text ?? '') || (deleted ? '[deleted]' : ''),
      createdAt: createdAt!,
      ...(spam ? { status: 'rejected' as const, code: 'spam' } : deleted ? { status: 'rejected' as const, code: 'other' } : { status: 'approved' as const }),
    });
  };
  const { warnings } = await readXmlRecords(file, { root: 'disqus', records: ['thread', 'post'], onRecord, drain: sink.drain, onProgress, what: 'Disqus XML' });
  for (const w of warnings) sink.warning(w);
  for (const t of threads.values()) if (used.has(t.key)) sink.article(t);
}
