// An article as the desk publishes it, and the parser for the plain-text format
// the project ships its seed in.
import { invalidInput } from '../errors.js';

export interface ArticleImage {
  caption: string | null;
  credit: string | null;
}

export interface Article {
  id: string;
  title: string;
  subtitle: string | null;
  byline: string | null;
  dateline: string | null;
  image: ArticleImage | null;
  body: string[];
  editorNote: string | null;
  commentPolicy: string | null;
  createdAt: string;
  /** Comments closed by a moderator; absent means open (auto-close may still apply). */
  closed?: boolean;
  /**
   * Imported from a source that was not public (a draft, private or
   * password-protected post, a deleted thread): no reader view shows its
   * comments until `rfa article publish`.
   */
  unpublished?: boolean;
  /** Where an imported article was published. */
  link?: string;
  /** The system and id an imported article came from: a second import of it adds nothing. */
  source?: SourceRef;
}

export interface SourceRef {
  from: string;
  id: string;
  /** The site it came from (a blog's address, a Disqus forum), when the file said: two sites' ids are told apart by it. */
  site?: string;
}

/**
 * Whether a record kept from `kept` is the one a file from `site` names by the
 * same format and id: the same site, or either site unknown (a file that does
 * not say, or a record imported before sites were kept).
 */
export const sameSite = (kept: string | undefined, site: string | null | undefined) => !kept || !site || kept === site;

export type ParsedArticle = Omit<Article, 'id' | 'createdAt'>;

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
const DATELINE_MAX = 60;

/** Collapse runs of whitespace: the seed has stray double spaces inside sentences. */
const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

const isCredit = (line: string) => /^\(.*\)$/.test(line.trim());

/** Splits text into blocks of non-blank lines. */
function blocksOf(lines: string[]): string[][] {
  const blocks: string[][] = [];
  let current: string[] = [];
  for (const line of lines) {
    if (line.trim() === '') {
      if (current.length) blocks.push(current);
      current = [];
    } else {
      current.push(line.trim());
    }
  }
  if (current.length) blocks.push(current);
  return blocks;
}

export function parseArticleText(text: string): ParsedArticle {
  const lines = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').split('\n');
  const firstIndex = lines.findIndex((l) => l.trim() !== '');
  if (firstIndex === -1) throw invalidInput('the article has no title: the file is empty');
  const title = squash(lines[firstIndex]);
  const blocks = blocksOf(lines.slice(firstIndex + 1));

  let subtitle: string | null = null;
  let byline: string | null = null;
  let dateline: string | null = null;
  let image: ArticleImage | null = null;

  // The byline may share a block with the subtitle above it (as in the seed) or stand in its own.
  const isByline = (line: string) => /^By\s/.test(line);
  let headerIndex = blocks.findIndex((block, i) => i < 2 && block.some(isByline));
  if (headerIndex === 1) {
    subtitle = squash(blocks.shift()!.join(' '));
    headerIndex = 0;
  }
  if (headerIndex === 0) {
    const header = blocks.shift()!;
    const at = header.findIndex(isByline);
    if (at > 0) subtitle = squash(header.splice(0, at).join(' '));
    byline = squash(header.shift()!);
    if (header.length && header[0].length <= DATELINE_MAX && !isCredit(header[0]) && !isCredit(header[1] ?? '')) {
      dateline = squash(header.shift()!);
    }
    image = takeImage(header, title);
    if (header.length) blocks.unshift(header);
  }
  if (!image && blocks.length && blocks[0].length === 2 && isCredit(blocks[0][1])) {
    image = takeImage(blocks.shift()!, title);
  }

  let editorNote: string | null = null;
  let commentPolicy: string | null = null;
  const body: string[] = [];
  for (const [i, block] of blocks.entries()) {
    const paragraph = squash(block.join(' '));
    if (i === blocks.length - 1 && /^Add your comment/i.test(paragraph)) commentPolicy = paragraph;
    else if (/^Edited by\b/.test(paragraph)) editorNote = paragraph;
    else body.push(paragraph);
  }
  if (body.length === 0) throw invalidInput('the article has no body: expected paragraphs after the title and byline');
  return { title, subtitle, byline, dateline, image, body, editorNote, commentPolicy };
}

/** Takes "caption line" + "(credit)" off the front of lines, if they are there. */
function takeImage(lines: string[], title: string): ArticleImage | null {
  if (lines.length >= 2 && isCredit(lines[1])) {
    let caption = squash(lines[0]);
    if (caption.startsWith(title)) caption = caption.slice(title.length).trim();
    const credit = squash(lines[1]).slice(1, -1).trim();
    lines.splice(0, 2);
    return { caption: caption || null, credit: credit || null };
  }
  if (lines.length >= 1 && isCredit(lines[0])) {
    const credit = squash(lines.shift()!).slice(1, -1).trim();
    return { caption: null, credit: credit || null };
  }
  return null;
}

/** A readable id from a title: lower-case ASCII words joined by hyphens, cut at a word. */
export function slugify(title: string): string {
  const words = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let slug = '';
  for (const word of words) {
    const next = slug ? `${slug}-${word}` : word;
    if (next.length > 32 && slug) break;
    slug = next.slice(0, 64);
  }
  return slug || 'article';
}

export const isSlug = (id: string) => SLUG.test(id);

export function validateSlug(id: string): string {
  if (!SLUG.test(id)) {
    throw invalidInput(
      `invalid article id '${id}'`,
      'use 1-64 lower-case letters, digits and hyphens, starting and ending with a letter or digit',
    );
  }
  return id;
}
