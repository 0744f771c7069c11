// A store document (a store file or a backup of one, gzipped or not) read as a
// stream: each top-level field but the comments, whole, and the comments a
// batch at a time. A backup of a database holding a million comments is close
// to a gigabyte of JSON: more than one string can hold, and gigabytes as
// objects. Read this way it takes a batch's memory, whatever its size.
import fs from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { DUMP_BATCH } from '../dump.js';

/** A top-level field (the comments as an empty list, where they start), or a batch of the comments (parsed JSON, not yet checked). */
export type DocumentPart = { field: string; value: unknown } | { comments: unknown[] };

/** The document is not JSON of the expected shape; `at` counts characters from its start. */
export class DocumentError extends Error {}

const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);
const NOT_WHITESPACE = /[^ \t\n\r]/g;

/** The most one record (a comment, the articles, the settings) may take: memory stays bounded, whatever the file. */
export const MAX_VALUE_CHARS = 64 * 2 ** 20;

/** One JSON value's text, fed chunk by chunk; knows where the value ends. */
class ValueText {
  #depth = 0;
  #inString = false;
  #escape = false;
  #primitive = false;
  #started = false;
  #pieces: string[] = [];
  #length = 0;
  static readonly #SPECIAL = /["\\]/g;
  static readonly #STRUCTURE = /["{}[\]]/g;
  static readonly #PRIMITIVE_END = /[,}\] \t\n\r]/g;

  /** Takes text from `from`; the index just after the value's end, or -1 when it goes on past this text. */
  feed(text: string, from: number): number {
    let i = from;
    if (!this.#started) {
      this.#started = true;
      const c = text.charCodeAt(i);
      if (c === 0x7b || c === 0x5b) this.#depth = 1;
      else if (c === 0x22) this.#inString = true;
      else this.#primitive = true;
      if (!this.#primitive) i++;
    }
    while (i < text.length) {
      if (this.#inString) {
        if (this.#escape) {
          this.#escape = false;
          i++;
          continue;
        }
        // Long texts are most of a store: jump to the next quote or backslash.
        ValueText.#SPECIAL.lastIndex = i;
        const m = ValueText.#SPECIAL.exec(text);
        if (!m) break;
        i = m.index + 1;
        if (m[0] === '\\') this.#escape = true;
        else {
          this.#inString = false;
          if (this.#depth === 0) return this.#end(text, from, i);
        }
        continue;
      }
      // Between texts only quotes and brackets matter (or, in a number, what ends it): jump to the next.
      const next = this.#primitive ? ValueText.#PRIMITIVE_END : ValueText.#STRUCTURE;
      next.lastIndex = i;
      const m = next.exec(text);
      if (!m) break;
      i = m.index;
      const c = text.charCodeAt(i);
      if (this.#primitive) return this.#end(text, from, i);
      if (c === 0x22) this.#inString = true;
      else if (c === 0x7b || c === 0x5b) this.#depth++;
      else if (--this.#depth === 0) return this.#end(text, from, i + 1);
      i++;
    }
    this.#keep(text.slice(from));
    return -1;
  }

  #keep(piece: string): void {
    this.#length += piece.length;
    if (this.#length > MAX_VALUE_CHARS) throw new DocumentError(`a single value is longer than ${MAX_VALUE_CHARS / 2 ** 20} Mi characters, the limit for one record`);
    this.#pieces.push(piece);
  }

  text(): string {
    return this.#pieces.join('');
  }

  #end(text: string, from: number, end: number): number {
    this.#keep(text.slice(from, end));
    return end;
  }
}

const parse = (text: string, what: string, at: number) => {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new DocumentError(`${what} ending near character ${at} is not JSON: ${(err as Error).message}`);
  }
};

/** The file's text, a chunk at a time: gunzipped when it is gzip (any number of members). */
async function* chunks(file: string, size: number): AsyncGenerator<string> {
  const head = Buffer.alloc(2);
  const fd = fs.openSync(file, 'r');
  const n = fs.readSync(fd, head, 0, 2, 0);
  fs.closeSync(fd);
  let stream: AsyncIterable<Buffer> = fs.createReadStream(file, { highWaterMark: size });
  if (n === 2 && head[0] === 0x1f && head[1] === 0x8b) {
    const { createGunzip } = await import('node:zlib');
    stream = (stream as fs.ReadStream).pipe(createGunzip({ chunkSize: Math.max(64, size) }));
  }
  const decoder = new StringDecoder('utf8');
  for await (const chunk of stream) yield decoder.write(chunk);
  const rest = decoder.end();
  if (rest) yield rest;
}

type State = 'start' | 'key' | 'keyText' | 'colon' | 'value' | 'valueText' | 'elements' | 'elementText' | 'afterElement' | 'afterValue' | 'end';

/** The document's parts, in the file's order; a DocumentError (or the file's own error) when it is not a JSON object. */
export async function* readStoreDocument(file: string, chunkSize = 1 << 20): AsyncGenerator<DocumentPart> {
  let state: State = 'start';
  let key = '';
  let value = new ValueText();
  let batch: unknown[] = [];
  let seen = 0; // characters before this chunk
  const fail = (what: string, at: number): never => {
    throw new DocumentError(`${what} at character ${at}`);
  };
  for await (const text of chunks(file, chunkSize)) {
    let i = 0;
    while (i < text.length) {
      if (state === 'keyText' || state === 'valueText' || state === 'elementText') {
        const end = value.feed(text, i);
        if (end < 0) break;
        i = end;
        const at = seen + i;
        if (state === 'keyText') {
          key = parse(value.text(), 'a field name', at) as string;
          state = 'colon';
        } else if (state === 'valueText') {
          yield { field: key, value: parse(value.text(), `"${key}"`, at) };
          state = 'afterValue';
        } else {
          batch.push(parse(value.text(), 'a comment', at));
          if (batch.length >= DUMP_BATCH) {
            yield { comments: batch };
            batch = [];
          }
          state = 'afterElement';
        }
        continue;
      }
      if (WHITESPACE.has(text.charCodeAt(i))) {
        NOT_WHITESPACE.lastIndex = i;
        const m = NOT_WHITESPACE.exec(text);
        if (!m) break;
        i = m.index;
      }
      const c = text.charCodeAt(i);
      const at = seen + i;
      switch (state) {
        case 'start':
          if (c !== 0x7b) fail('expected a JSON object ({)', at);
          state = 'key';
          i++;
          break;
        case 'key':
          if (c === 0x7d) {
            state = 'end';
            i++;
          } else if (c !== 0x22) fail('expected a field name', at);
          else [value, state] = [new ValueText(), 'keyText'];
          break;
        case 'colon':
          if (c !== 0x3a) fail('expected ":"', at);
          state = 'value';
          i++;
          break;
        case 'value':
          if (key === 'comments' && c === 0x5b) {
            // Where the list starts, so that the fields keep their order: then its batches.
            yield { field: 'comments', value: [] };
            state = 'elements';
            i++;
          }
          else [value, state] = [new ValueText(), 'valueText'];
          break;
        case 'elements':
          if (c === 0x5d) {
            state = 'afterValue';
            i++;
          } else [value, state] = [new ValueText(), 'elementText'];
          break;
        case 'afterElement':
          if (c !== 0x2c && c !== 0x5d) fail('expected "," or "]" in "comments"', at);
          state = c === 0x2c ? 'elements' : 'afterValue';
          i++;
          if (state === 'afterValue' && batch.length) {
            yield { comments: batch };
            batch = [];
          }
          break;
        case 'afterValue':
          if (c !== 0x2c && c !== 0x7d) fail('expected "," or "}"', at);
          state = c === 0x2c ? 'key' : 'end';
          i++;
          break;
        case 'end':
          fail('text after the end of the object', at);
      }
    }
    seen += text.length;
  }
  if (state !== 'end') fail(state === 'start' ? 'an empty file' : 'the document ends early', seen);
}
