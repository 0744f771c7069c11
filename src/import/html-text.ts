// HTML from other comment systems turned into the plain text rfa keeps:
// paragraphs and other blocks as blank lines, <br> as line breaks, list items
// as "- " or their number, entities decoded, links as their text followed by
// the address (when the two differ), images as their alt text, other tags
// dropped. Tokenized by htmlparser2, a real HTML tokenizer: a ">" inside a
// quoted attribute, an unclosed tag or comment, and junk of any length are
// read as a browser would, in linear time.
import { decodeHTML } from 'entities';
import { Parser } from 'htmlparser2';

/** Named and numeric character references, as HTML defines them. */
export const decodeEntities = (text: string) => decodeHTML(text);

const BLOCK = new Set([
  'p', 'div', 'blockquote', 'pre', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'table', 'tr', 'dl', 'dt', 'dd', 'address',
  'section', 'article', 'header', 'footer', 'aside', 'figure', 'figcaption', 'hr', 'ul', 'ol',
]);

const bare = (u: string) => u.replace(/^https?:\/\//, '').replace(/\/$/, '');

export function htmlToText(html: string): string {
  let out = '';
  const links: { href: string; start: number }[] = [];
  const lists: { ordered: boolean; next: number }[] = [];
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (name === 'br') out += '\n';
        else if (name === 'img') {
          const alt = (attrs.alt ?? '').trim();
          out += alt ? `[image: ${alt}]` : '[image]';
        } else if (name === 'li') {
          const list = lists[lists.length - 1];
          out += list?.ordered ? `\n${list.next++}. ` : '\n- ';
        } else if (name === 'a') links.push({ href: (attrs.href ?? '').trim(), start: out.length });
        if (name === 'ol' || name === 'ul') {
          const start = Number.parseInt(attrs.start ?? '', 10);
          lists.push({ ordered: name === 'ol', next: Number.isSafeInteger(start) ? start : 1 });
        }
        if (BLOCK.has(name)) out += '\n\n';
      },
      ontext(text) {
        out += text;
      },
      onclosetag(name) {
        if (name === 'ol' || name === 'ul') lists.pop();
        if (BLOCK.has(name)) out += '\n\n';
        else if (name === 'li') out += '\n';
        else if (name === 'a') {
          const link = links.pop();
          if (!link?.href) return;
          const label = out.slice(link.start).trim();
          if (label !== link.href && bare(label) !== bare(link.href) && !(label.endsWith('...') && link.href.startsWith(label.slice(0, -3)))) {
            out += ` (${link.href})`;
          } else if (label !== link.href) {
            out = out.slice(0, link.start) + link.href;
          }
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: true },
  );
  parser.write(html);
  parser.end();
  return out
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\u00a0]+\n/g, '\n')
    .replace(/\u00a0/g, ' ')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
