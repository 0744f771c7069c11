// The layout is the contract: the domain at the bottom (it imports nothing of
// the store, the importers, the renderers, the commands or Node), and no import
// loop anywhere in src/. Read from the source, as a newcomer would read it.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(__dirname, '../../src');

function imports(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const walk = (dir: string) => {
    for (const name of fs.readdirSync(dir)) {
      const file = path.join(dir, name);
      if (fs.statSync(file).isDirectory()) walk(file);
      else if (file.endsWith('.ts')) {
        const text = fs.readFileSync(file, 'utf8');
        const specs = [...text.matchAll(/(?:from|import\()\s*'([^']+)'/g)].map((m) => m[1]);
        graph.set(path.relative(SRC, file), specs.map((s) => (s.startsWith('.') ? path.relative(SRC, path.resolve(path.dirname(file), s.replace(/\.js$/, '.ts'))) : s)));
      }
    }
  };
  walk(SRC);
  return graph;
}

describe('the source layout', () => {
  const graph = imports();

  it('domain/ imports only domain/ and the error types: no store, importer, renderer, command or Node module', () => {
    const upward: string[] = [];
    for (const [file, deps] of graph) {
      if (!file.startsWith('domain/')) continue;
      for (const dep of deps) if (!dep.startsWith('domain/') && dep !== 'errors.ts') upward.push(`${file} → ${dep}`);
    }
    expect(upward).toEqual([]);
  });

  it('has no import loop', () => {
    const loops: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const stack: string[] = [];
    const visit = (file: string) => {
      state.set(file, 'open');
      stack.push(file);
      for (const dep of graph.get(file) ?? []) {
        if (!graph.has(dep)) continue;
        if (state.get(dep) === 'open') loops.push([...stack.slice(stack.indexOf(dep)), dep].join(' → '));
        else if (!state.has(dep)) visit(dep);
      }
      stack.pop();
      state.set(file, 'done');
    };
    for (const file of graph.keys()) if (!state.has(file)) visit(file);
    expect(loops).toEqual([]);
  });

  it('commands reach the store only through operations and queries (run, ask), never a transaction of their own', () => {
    const handRolled: string[] = [];
    for (const [file] of graph) {
      if (!file.startsWith('commands/')) continue;
      const text = fs.readFileSync(path.join(SRC, file), 'utf8');
      // A Store is reached as store, source or target (store copy), or straight from ctx.openStore().
      if (/(\b(store|source|target)|openStore\(\)\))\.(update|read)\(/.test(text)) handRolled.push(file);
    }
    expect(handRolled).toEqual([]);
  });

  it('the web server reaches only what a reader may: no moderation, settings change, import, export or queue operation is imported under serve/', () => {
    const READER_SIDE = new Set(['submit', 'Submission', 'readerView', 'readerIndex', 'readerDocument', 'threadOf', 'receiptView', 'webSecret', 'currentSettings', 'Comment']);
    const reached: string[] = [];
    for (const [file] of graph) {
      if (!file.startsWith('serve/')) continue;
      const text = fs.readFileSync(path.join(SRC, file), 'utf8');
      for (const m of text.matchAll(/import (?:type )?\{([^}]*)\} from '\.\.\/domain\/[^']+'/g)) {
        for (const name of m[1].split(',').map((n) => n.replace(/^\s*type\s+/, '').trim()).filter(Boolean)) {
          if (!READER_SIDE.has(name)) reached.push(`${file}: ${name}`);
        }
      }
    }
    expect(reached).toEqual([]);
  });
});
