// rfa's own export: everything in a store (articles, comments with full
// history, settings), versioned, and restorable without loss. It carries no
// time of its own, so exporting the same data twice gives the same bytes.
import { MAX_INPUT_TEXT, readFileLimited } from '../io/read-limited.js';
import type { Article } from '../domain/article.js';
import type { Comment } from '../domain/comment.js';
import type { Settings } from '../domain/policy.js';
import { recordsProblem } from '../domain/records.js';
import { invalidInput } from '../errors.js';
import type { StoreData } from '../store/schema.js';

export const EXPORT_FORMAT = 'rfa-export';
export const EXPORT_VERSION = 1;

export interface ExportDoc {
  format: typeof EXPORT_FORMAT;
  version: number;
  storeVersion: number;
  nextCommentId: number;
  articles: Article[];
  comments: Comment[];
  settings: Settings | null;
}

export function toExport(data: StoreData, articles: Article[], comments: Comment[]): ExportDoc {
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    storeVersion: data.version,
    nextCommentId: data.nextCommentId,
    articles,
    comments,
    settings: data.settings ?? null,
  };
}

export function readExportFile(file: string): ExportDoc {
  const text = readFileLimited(file, MAX_INPUT_TEXT, 'an rfa export (what one store file can hold)').toString('utf8');
  let doc: Partial<ExportDoc>;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    const at = /position (\d+)/.exec((err as Error).message);
    const line = at ? text.slice(0, Number(at[1])).split('\n').length : 1;
    throw invalidInput(`${file} is not an rfa export: not valid JSON at line ${line}`);
  }
  if (doc?.format !== EXPORT_FORMAT) throw invalidInput(`${file} is not an rfa export (no "format": "${EXPORT_FORMAT}")`);
  if (typeof doc.version !== 'number' || doc.version > EXPORT_VERSION) throw invalidInput(`${file} is an rfa export of a newer version (${doc.version}); upgrade rfa`);
  if (!Array.isArray(doc.articles) || !Array.isArray(doc.comments) || !Number.isInteger(doc.nextCommentId)) {
    throw invalidInput(`${file} is not a complete rfa export (articles, comments or nextCommentId missing)`);
  }
  const problem = recordsProblem(doc as ExportDoc);
  if (problem) throw invalidInput(`${file} is not a usable rfa export: ${problem}; nothing was imported`);
  return doc as ExportDoc;
}
