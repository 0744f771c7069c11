// A WordPress export of a given size, for the import's tests and benchmark:
// posts of 50 comments each, a third of them replies to one before them, texts
// of a few hundred characters in HTML, the statuses WordPress writes. The k-th
// comment of every post comes in the k-th hour, so the file's order (post by
// post) is not the order of the dates. Written as a stream.
import fs from 'node:fs';
import { once } from 'node:events';

const WORDS = 'the council said on tuesday that the harbour plan would go ahead despite objections from residents who fear traffic noise and loss of the view'.split(' ');
const STATUSES = ['1', '1', '1', '1', '0', 'spam', 'trash'];
export const PER_POST = 50;
const START = Date.UTC(2020, 0, 1);

const pad = (n: number) => String(n).padStart(2, '0');
const wpDate = (ms: number) => {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
};

function text(i: number): string {
  const words: string[] = [];
  for (let w = 0; w < 60 + (i % 40); w++) words.push(WORDS[(i * 7 + w * 13) % WORDS.length]);
  return `<p>${words.slice(0, 30).join(' ')} &amp; more.</p><p>${words.slice(30).join(' ')} #${i}</p>`;
}

/** The comment id WordPress gives the k-th comment of a post (from 0), and the one it replies to (0: none). */
export const commentId = (post: number, k: number) => (post - 1) * PER_POST + k + 1;
export const parentOf = (post: number, k: number) => (k % 3 === 2 ? commentId(post, (k * 7) % k) : 0);
/** When the k-th comment of a post was written. */
export const commentTime = (post: number, k: number) => START + k * 3_600_000 + post * 1000;

/** Writes a WXR file of `posts` posts (or, with `bytes`, as many as reach that size), of the blog at `site` if given; resolves with the number of comments. */
export async function writeWxr(file: string, size: { posts: number } | { bytes: number }, site?: string): Promise<number> {
  const out = fs.createWriteStream(file);
  const write = async (s: string) => {
    if (!out.write(s)) await once(out, 'drain');
  };
  let written = 0;
  let comments = 0;
  await write('<?xml version="1.0" encoding="UTF-8" ?>\n<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wp="http://wordpress.org/export/1.2/">\n<channel>\n<title>Bench Gazette</title>\n' + (site ? `<wp:base_site_url>https://wordpress.example/</wp:base_site_url><wp:base_blog_url>${site}</wp:base_blog_url>\n` : ''));
  for (let post = 1; 'posts' in size ? post <= size.posts : written < size.bytes; post++) {
    let item = `<item><title>Post number ${post}</title><link>https://gazette.example/p/${post}/</link>
<content:encoded><![CDATA[<p>Body of post ${post}.</p>]]></content:encoded>
<wp:post_id>${post}</wp:post_id><wp:post_date_gmt>${wpDate(START + post * 1000 - 500)}</wp:post_date_gmt><wp:comment_status>open</wp:comment_status>
<wp:post_name>post-${post}</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>\n`;
    for (let k = 0; k < PER_POST; k++) {
      const id = commentId(post, k);
      item += `<wp:comment><wp:comment_id>${id}</wp:comment_id><wp:comment_author><![CDATA[Reader ${id % 5000}]]></wp:comment_author>
<wp:comment_author_email>reader${id % 5000}@example.org</wp:comment_author_email><wp:comment_date_gmt>${wpDate(commentTime(post, k))}</wp:comment_date_gmt>
<wp:comment_content><![CDATA[${text(id)}]]></wp:comment_content><wp:comment_approved>${STATUSES[id % STATUSES.length]}</wp:comment_approved>
<wp:comment_type>comment</wp:comment_type><wp:comment_parent>${parentOf(post, k)}</wp:comment_parent></wp:comment>\n`;
      comments++;
    }
    item += '</item>\n';
    written += Buffer.byteLength(item);
    await write(item);
  }
  await write('</channel>\n</rss>\n');
  out.end();
  await once(out, 'finish');
  return comments;
}
