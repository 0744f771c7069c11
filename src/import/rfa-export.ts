// Reading rfa's own export file (domain/export-doc.ts) back, checked before anything is restored.
import { MAX_INPUT_TEXT, readFileLimited } from '../io/read-limited.js';
import { EXPORT_FORMAT, EXPORT_VERSION, type ExportDoc } from '../domain/export-doc.js';
import { recordsProblem } from '../domain/records.js';
import { invalidInput } from '../errors.js';

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
