import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArticleText, slugify, validateSlug } from '../../src/domain/article';

const seed = fs.readFileSync(path.resolve(__dirname, '../../data/article.txt'), 'utf8');

describe('parseArticleText on the shipped seed', () => {
  const a = parseArticleText(seed);

  it('finds every part', () => {
    expect(a.title).toBe('Japan tight-lipped on report of meeting with North Korea in Mongolia');
    expect(a.subtitle).toBe('South Korean media reported that Japanese and North Korean representatives met in secret in Mongolia last month.');
    expect(a.byline).toBe('By Taejun Kang for RFA');
    expect(a.dateline).toBe('Taipei, Taiwan');
    expect(a.editorNote).toBe('Edited by RFA Staff.');
    expect(a.commentPolicy).toMatch(/^Add your comment by filling out the form below in plain text\. .* stick to the facts\.$/);
  });

  it('drops the repeated title from the image caption', () => {
    expect(a.image).toEqual({
      caption: "Japan’s Chief Cabinet Secretary Yoshimasa Hayashi at a press conference at Prime Minister Fumio Kishida's residence in Tokyo, Japan, Dec. 14, 2023.",
      credit: 'Issei Kato/Reuters',
    });
  });

  it('keeps the body paragraphs in order, whitespace squashed', () => {
    expect(a.body).toHaveLength(16);
    expect(a.body[0]).toMatch(/^The Japanese government declined/);
    expect(a.body.at(-1)).toMatch(/^It contained four sections/);
    expect(a.body.join(' ')).not.toContain('  ');
    expect(a.body.some((p) => p.startsWith('Edited by') || p.startsWith('Add your comment'))).toBe(false);
  });
});

describe('parseArticleText on other shapes', () => {
  it('takes a title and body alone, optional parts null', () => {
    expect(parseArticleText('Title\n\nOne\nparagraph.\n\nTwo.')).toEqual({
      title: 'Title', subtitle: null, byline: null, dateline: null, image: null,
      body: ['One paragraph.', 'Two.'], editorNote: null, commentPolicy: null,
    });
  });

  it('reads a subtitle in its own paragraph, CRLF line ends and a BOM', () => {
    const a = parseArticleText('\uFEFFTitle\r\n\r\nThe subtitle\r\nruns on.\r\n\r\nBy A. Writer\r\nSeoul\r\n\r\nBody.\r\n');
    expect(a).toMatchObject({ title: 'Title', subtitle: 'The subtitle runs on.', byline: 'By A. Writer', dateline: 'Seoul', body: ['Body.'] });
  });

  it('reads an image and credit in a block of their own', () => {
    const a = parseArticleText('Title\n\nBy A\n\nA caption here\n(Photo Agency)\n\nBody.');
    expect(a.image).toEqual({ caption: 'A caption here', credit: 'Photo Agency' });
    expect(a.dateline).toBeNull();
  });

  it('says what is missing', () => {
    expect(() => parseArticleText('')).toThrow(/title/);
    expect(() => parseArticleText('Only a title\n')).toThrow(/body/);
    expect(() => parseArticleText('Title\n\nBy Someone\nSeoul\n')).toThrow(/body/);
  });
});

describe('article ids', () => {
  it('slugify makes a short readable id', () => {
    expect(slugify('Japan tight-lipped on report of meeting with North Korea in Mongolia')).toBe('japan-tight-lipped-on-report-of');
    expect(slugify('Café Über')).toBe('cafe-uber');
    expect(slugify('日本語')).toBe('article');
  });

  it('validateSlug refuses ids that are not lower-case words and hyphens', () => {
    expect(validateSlug('ok-id-2')).toBe('ok-id-2');
    for (const bad of ['', 'Upper', '-lead', 'trail-', 'sp ace', 'x'.repeat(65)]) expect(() => validateSlug(bad)).toThrow();
  });
});
