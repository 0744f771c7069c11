// Property-based checks of the defences, on hostile input of every kind (fast-check,
// seeded so a run is repeatable). `npm test` runs a few hundred cases each;
// RFA_FUZZ_RUNS=20000 runs a long campaign.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recordsProblem } from '../../src/domain/records';
import { findTerms } from '../../src/domain/rules';
import { addComment } from '../../src/domain/submission';
import { RfaError } from '../../src/errors';
import { threadOf } from '../../src/domain/reader-view';
import { renderHtmlPage } from '../../src/render/html-page';
import { renderMarkdown } from '../../src/render/markdown';
import { forPeople } from '../../src/render/safe-text';
import { storeWithArticle, T0 } from '../helpers/domain';

const RUNS = Number(process.env.RFA_FUZZ_RUNS) || 300;
const params = { numRuns: RUNS, seed: 20261201 };

/** Strings that mix markup, pattern syntax, controls, bidi overrides, surrogates and ordinary text. */
const hostile = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.array(
    fc.constantFrom('<script>', '</p>', '"', "'", '&', '&amp;', '\u001b[2J', '\u001b]0;x\u0007', '\u009b31m', '\u202E', '\u2066', '\ud800', '\u0000', '\r', '\n', '\t',
      '=', '+', '-', '@', '*', '_', '`', '[', ']', '(', ')', '|', '\\', '^', '$', '.', '?', '{2}', 'www.', 'https://', 'a@b.c', '#', '> ', '1. ', 'spam', ' ', 'ы', '馬鹿', '😀'),
    { maxLength: 20 },
  ).map((parts) => parts.join('')),
);

const RAW_CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

describe('fuzz: intake and house rules', () => {
  it('comment add either stores a comment or refuses with one of our errors; never throws anything else', () => {
    fc.assert(
      fc.property(hostile, hostile, fc.option(hostile, { nil: undefined }), fc.array(hostile, { maxLength: 4 }), (author, body, email, terms) => {
        const data = storeWithArticle({ 'banned-words': terms, 'suspect-words': terms, 'blocked-authors': terms });
        const before = JSON.stringify(data);
        try {
          const c = addComment(data, { author, body, email }, T0);
          expect(RAW_CONTROL.test(c.author)).toBe(false);
          expect(c.body).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/);
        } catch (err) {
          expect(err).toBeInstanceOf(RfaError);
          expect(JSON.stringify(data)).toBe(before);
        }
      }),
      params,
    );
  });

  it('a house-rule term is never pattern syntax: matching any term in any text never throws', () => {
    fc.assert(
      fc.property(hostile, fc.array(hostile, { maxLength: 5 }), (text, terms) => {
        expect(() => findTerms(text, terms)).not.toThrow();
      }),
      params,
    );
  });
});

describe('fuzz: imported and restored records', () => {
  const good = () => {
    const data = storeWithArticle();
    addComment(data, { author: 'A', body: 'one' }, T0).status = 'approved';
    addComment(data, { author: 'B', body: 'two', replyTo: 1 }, T0);
    return JSON.parse(JSON.stringify(data));
  };
  const anyValue = fc.oneof(hostile, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.array(fc.integer(), { maxLength: 2 }), fc.object({ maxDepth: 1 }));

  it('a store with any one field spoilt is accepted only if every record still holds; it never throws', () => {
    fc.assert(
      fc.property(fc.constantFrom('articles', 'comments'), fc.nat(1), fc.string({ maxLength: 12 }), anyValue, (list, index, key, value) => {
        const data = good();
        const record = data[list][index % data[list].length];
        const field = Object.keys(record)[key.length % Object.keys(record).length];
        record[field] = value;
        const problem = recordsProblem(data);
        if (problem === null) {
          // Accepted: then the spoilt value is one a record may hold.
          expect(recordsProblem(JSON.parse(JSON.stringify(data)))).toBeNull();
        } else expect(typeof problem).toBe('string');
      }),
      params,
    );
  });
});

describe('fuzz: what people and pages see', () => {
  it('a terminal never gets a raw control or bidi character from forPeople', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        expect(forPeople(text).replace(/\u001b\[[0-9;]*m/g, '')).not.toMatch(RAW_CONTROL);
      }),
      params,
    );
  });

  it('HTML and Markdown pages carry no live markup from stored values', () => {
    fc.assert(
      fc.property(hostile, hostile, hostile, hostile, (title, author, body, createdAt) => {
        const article = { id: 'a', title: title || 't', subtitle: body, byline: author, dateline: null, image: { caption: body, credit: author }, body: [body], editorNote: null, commentPolicy: body, createdAt: T0.toISOString() };
        const comments = [{ id: 1, parentId: null, author, body, createdAt, edited: false }];
        const html = renderHtmlPage(article, threadOf(comments), false);
        // Only our own tags: every < in the page starts a tag from the template.
        for (const tag of html.match(/<\/?[a-zA-Z][^\s>]*/g) ?? []) {
          expect(['<!DOCTYPE', '<html', '<head', '</head', '<meta', '<title', '</title', '<style', '</style', '<body', '</body', '<main', '</main', '<article', '</article', '<header', '</header', '<h1', '</h1', '<h2', '</h2', '<p', '</p', '<br', '<figure', '</figure', '<figcaption', '</figcaption', '<span', '</span', '<bdi', '</bdi', '<section', '</section', '<ol', '</ol', '<li', '</li', '<time', '</time', '<form', '</form', '<label', '</label', '<input', '<textarea', '</textarea', '<button', '</button', '</html']).toContain(tag);
        }
        const md = renderMarkdown(article, threadOf(comments), false);
        expect(md).not.toMatch(/<[a-zA-Z!/?]/);
        expect(md).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
        expect(md).not.toMatch(/(?<!\\)(:\/\/|@)|[\p{L}\p{N}]\.[\p{L}\p{N}]/iu);
      }),
      params,
    );
  });
});
