// HTML from other comment systems turned into the plain text rfa keeps:
// paragraphs as blank lines, <br> as line breaks, entities decoded, links as
// their text followed by the address (when the two differ), images as their
// alt text, other tags dropped.
// Comment HTML is small and shallow; a tokenizer is enough here.

const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', hellip: '…', mdash: '—', ndash: '–',
  lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', laquo: '«', raquo: '»', copy: '©', reg: '®', trade: '™',
  eacute: 'é', egrave: 'è', agrave: 'à', uuml: 'ü', ouml: 'ö', auml: 'ä', szlig: 'ß', middot: '·', bull: '•', times: '×',
};

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z][a-z0-9]*);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const cp = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(cp) && cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : whole;
    }
    return NAMED[name.toLowerCase()] ?? whole;
  });
}

const BLOCK = new Set(['p', 'div', 'blockquote', 'ul', 'ol', 'pre', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'table', 'tr']);

export function htmlToText(html: string): string {
  let out = '';
  const links: { href: string; start: number }[] = [];
  // A tag's attributes stop at the next < as well as at >: runs of "<a " with no
  // ">" after them once made each tag scan to the end of the text (quadratic);
  // likewise a comment left open runs to the end, as in a browser.
  const re = /<\s*(\/?)\s*([a-z][a-z0-9]*)\b([^<>]*)>|<!--[\s\S]*?(?:-->|$)|([^<]+|<)/gi;
  let m: RegExpExecArray | null;
  while ((m = re.exec(html))) {
    const [, closing, rawName, attrs, text] = m;
    if (text !== undefined) {
      out += decodeEntities(text);
      continue;
    }
    if (!rawName) continue; // a comment
    const name = rawName.toLowerCase();
    if (name === 'br') out += '\n';
    else if (name === 'img') {
      const alt = /alt\s*=\s*("([^"]*)"|'([^']*)')/i.exec(attrs);
      const text = decodeEntities(alt?.[2] ?? alt?.[3] ?? '').trim();
      out += text ? `[image: ${text}]` : '[image]';
    }
    else if (BLOCK.has(name)) out += '\n\n';
    else if (name === 'li') out += closing ? '\n' : '\n- ';
    else if (name === 'a' && !closing) {
      const href = /href\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(attrs);
      links.push({ href: decodeEntities(href?.[2] ?? href?.[3] ?? href?.[4] ?? ''), start: out.length });
    } else if (name === 'a' && closing) {
      const link = links.pop();
      if (link?.href) {
        const label = out.slice(link.start).trim();
        const bare = (u: string) => u.replace(/^https?:\/\//, '').replace(/\/$/, '');
        if (label !== link.href && bare(label) !== bare(link.href) && !(label.endsWith('...') && link.href.startsWith(label.slice(0, -3)))) {
          out += ` (${link.href})`;
        } else if (label !== link.href) {
          out = out.slice(0, link.start) + link.href;
        }
      }
    }
  }
  return out
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\u00a0]+\n/g, '\n')
    .replace(/\u00a0/g, ' ')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
