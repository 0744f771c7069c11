// The store's on-disk format: exactly JSON.stringify(data, null, 2) plus a
// newline, produced in pieces. One string for a 75 MiB store, then its
// conversion to bytes, would hold two extra copies of the file in memory at
// once; pieces of about a megabyte hold almost none.
//
// Each piece is still one native JSON.stringify call: a top-level entry
// `{key: value}`, or `{key: <a slice of a long list>}`, whose text inside the
// braces is, byte for byte, that part of the whole document.

const SLICE = 1000;

function* pieces(data: Record<string, unknown>): Generator<string> {
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
      const head = `{\n  ${JSON.stringify(key)}: [\n`;
      const tail = '\n  ]\n}';
      yield head.slice(2);
      for (let j = 0; j < value.length; j += SLICE) {
        const text = JSON.stringify({ [key]: value.slice(j, j + SLICE) }, null, 2);
        yield (j ? ',\n' : '') + text.slice(head.length, text.length - tail.length);
      }
      yield `\n  ]${end}`;
    } else {
      yield JSON.stringify({ [key]: value }, null, 2).slice(2, -2) + end;
    }
  }
  yield '}\n';
}

/** The serialised store, a piece at a time. */
export function serializeChunks(data: object): Generator<string> {
  return pieces(data as Record<string, unknown>);
}
