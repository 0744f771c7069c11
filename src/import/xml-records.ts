// Streams an XML file and hands over one record element at a time (a WordPress
// <item>, a Disqus <thread> or <post>) as a small tree, so a file of hundreds of
// megabytes never sits in memory whole. Built on sax, in strict mode with
// recovery: a local fault (an unquoted attribute, junk before the root) is
// noted with its line and parsing goes on; a file that is not the expected
// kind at all is refused with the line where that became clear.
import fs from 'node:fs';
import sax from 'sax';
import { invalidInput } from '../errors.js';

export interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string;
  line: number;
}

export interface XmlReadOptions {
  /** The root element the format must have, e.g. "rss" or "disqus". */
  root: string;
  /** Names of record elements, at any depth below the root but not inside another record. */
  records: string[];
  onRecord(node: XmlNode): void;
  /** Awaited after each piece of the file is parsed: a consumer that needs time to take what it was handed. */
  drain?(): Promise<void>;
  onProgress?(bytes: number, total: number): void;
  what: string;
}

export interface XmlReadResult {
  /** Faults read past, each with its line. */
  warnings: string[];
}

const MAX_WARNINGS = 50;

/** First child with this name (namespaced names as written, e.g. "wp:comment_id"). */
export const child = (node: XmlNode, name: string) => node.children.find((c) => c.name === name);
export const childText = (node: XmlNode, name: string) => child(node, name)?.text.trim() ?? '';
export const children = (node: XmlNode, name: string) => node.children.filter((c) => c.name === name);

export async function readXmlRecords(file: string, options: XmlReadOptions): Promise<XmlReadResult> {
  const parser = sax.parser(true, { trim: false, normalize: false, position: true });
  const warnings: string[] = [];
  const stack: XmlNode[] = [];
  let record: XmlNode | undefined;
  let recordDepth = -1;
  let sawRoot = false;
  let fatal: Error | undefined;

  parser.onerror = (err) => {
    const message = err.message.split('\n')[0];
    const line = parser.line + 1;
    if (!sawRoot && stack.length === 0 && /Non-whitespace before first tag/.test(message)) {
      warnings.push(`line ${line}: stray text before the first tag, ignored`);
    } else if (warnings.length < MAX_WARNINGS) {
      warnings.push(`line ${line}: ${message}; read on`);
    } else {
      fatal ??= invalidInput(`${file} is not a well-formed ${options.what} file: too many faults, the last at line ${line}: ${message}`);
    }
    (parser as unknown as { error: Error | null }).error = null;
  };
  // The line a start tag begins on (onopentag comes where it ends, maybe lines later).
  let tagLine = 1;
  parser.onopentagstart = () => {
    tagLine = parser.line + 1;
  };
  parser.onopentag = (tag) => {
    const line = tagLine;
    if (stack.length === 0 && !sawRoot) {
      sawRoot = true;
      if (tag.name !== options.root) {
        fatal ??= invalidInput(`${file} is not a ${options.what} file: line ${line} starts <${tag.name}>, expected <${options.root}>`);
      }
    }
    const node: XmlNode = { name: tag.name, attrs: tag.attributes as Record<string, string>, children: [], text: '', line };
    if (record) stack[stack.length - 1]?.children.push(node);
    else if (options.records.includes(tag.name) && stack.length >= 1) {
      record = node;
      recordDepth = stack.length;
    }
    stack.push(node);
  };
  parser.ontext = (text) => {
    if (record) stack[stack.length - 1].text += text;
  };
  parser.oncdata = (text) => {
    if (record) stack[stack.length - 1].text += text;
  };
  parser.onclosetag = () => {
    const node = stack.pop();
    if (record && node === record && stack.length === recordDepth) {
      record = undefined;
      recordDepth = -1;
      options.onRecord(node);
    }
  };

  let total: number;
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
    total = stat.size;
  } catch (err) {
    throw invalidInput(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  let read = 0;
  // Pieces of 64 KiB: a string of a megabyte would go straight to the old generation, and a
  // file of 100 MB would leave 100 of them there, for the next full collection to find.
  for await (const chunk of fs.createReadStream(file, { encoding: 'utf8', highWaterMark: 64 << 10 })) {
    read += Buffer.byteLength(chunk as string);
    parser.write(chunk as string);
    if (fatal) throw fatal;
    await options.drain?.();
    options.onProgress?.(read, total);
  }
  parser.close();
  if (fatal) throw fatal;
  if (!sawRoot) throw invalidInput(`${file} is not a ${options.what} file: line ${parser.line + 1}: no XML element found`);
  return { warnings };
}
