// The store's on-disk format: exactly JSON.stringify(data, null, 2) plus a
// newline, produced in pieces. One string for a 75 MiB store, then its
// conversion to bytes, would hold two extra copies of the file in memory at
// once; pieces of about a megabyte hold almost none.
//
// Each piece is still one native JSON.stringify call: a top-level entry
// `{key: value}`, or `{key: <a slice of a long list>}`, whose text inside the
// braces is, byte for byte, that part of the whole document.

import type { DumpPart } from './dump.js';

// A hundred comments a piece (some 70 KiB of text): a server that appends rewrites only the last
// piece's text (see SliceCache); the rest is the text it wrote before.
const SLICE = 100;

/** One top-level entry, as it is inside the whole document's braces. */
const entry = (key: string, value: unknown) => JSON.stringify({ [key]: value }, null, 2).slice(2, -2);

/** The part of a list's text between its brackets, for a slice of it: the same bytes as inside the whole list's. */
function listSlice(key: string, items: unknown[]): string {
  const head = `{\n  ${JSON.stringify(key)}: [\n`;
  const text = JSON.stringify({ [key]: items }, null, 2);
  return text.slice(head.length, text.length - '\n  ]\n}'.length);
}

/**
 * The text of slices of a list already written, for a writer that rewrites the
 * same list again and again (rfa serve): a slice of the same objects, each
 * frozen (so that nothing can have changed them), has the same text as before.
 * Only slices of frozen objects are kept.
 */
export class SliceCache {
  #slices = new Map<number, { items: unknown[]; text: string }>();

  text(at: number, items: unknown[], make: () => string): string {
    const known = this.#slices.get(at);
    if (known && known.items.length === items.length && known.items.every((x, i) => x === items[i])) return known.text;
    const text = make();
    if (items.every((x) => Object.isFrozen(x))) this.#slices.set(at, { items, text });
    else this.#slices.delete(at);
    return text;
  }
}

function* pieces(data: Record<string, unknown>, cache?: SliceCache): Generator<string> {
  const keys = Object.keys(data).filter((k) => data[k] !== undefined && typeof data[k] !== 'function');
  if (keys.length === 0) {
    yield '{}\n';
    return;
  }
  yield '{\n';
  for (const [i, key] of keys.entries()) {
    const value = data[key];
    const end = i < keys.length - 1 ? ',\n' : '\n';
    if (Array.isArray(value) && value.length > SLICE) {
      yield `  ${JSON.stringify(key)}: [\n`;
      for (let j = 0; j < value.length; j += SLICE) {
        const slice = value.slice(j, j + SLICE);
        const text = cache && key === 'comments' ? cache.text(j, slice, () => listSlice(key, slice)) : listSlice(key, slice);
        yield (j ? ',\n' : '') + text;
      }
      yield `\n  ]${end}`;
    } else {
      yield entry(key, value) + end;
    }
  }
  yield '}\n';
}

/** The serialised store, a piece at a time (its comments' slices from `cache` where they are there). */
export function serializeChunks(data: object, cache?: SliceCache): Generator<string> {
  return pieces(data as Record<string, unknown>, cache);
}

/**
 * A store given in parts (a database read a batch at a time), serialised as it
 * comes: the same bytes as serializeChunks of the whole store, which is never
 * in memory at once.
 */
export async function* serializeDump(parts: AsyncIterable<DumpPart | { head: object }>): AsyncGenerator<string> {
  let head: Record<string, unknown> | undefined;
  let after: string[] = [];
  let count = 0;
  for await (const part of parts) {
    if ('head' in part) {
      head = part.head as unknown as Record<string, unknown>;
      const keys = Object.keys(head).filter((k) => head![k] !== undefined && typeof head![k] !== 'function');
      const at = keys.indexOf('comments');
      yield '{\n';
      for (const key of keys.slice(0, at)) yield `${entry(key, head[key])},\n`;
      after = keys.slice(at + 1);
      continue;
    }
    for (let j = 0; j < part.comments.length; j += SLICE) {
      const slice = part.comments.slice(j, j + SLICE);
      yield (count ? ',\n' : '  "comments": [\n') + listSlice('comments', slice);
      count += slice.length;
    }
  }
  if (!head) throw new Error('a store dump without its head');
  yield count ? '\n  ]' : '  "comments": []';
  yield after.length ? ',\n' : '\n';
  for (const [i, key] of after.entries()) yield entry(key, head[key]) + (i < after.length - 1 ? ',\n' : '\n');
  yield '}\n';
}
