// The store's on-disk format: exactly JSON.stringify(data, null, 2) plus a
// newline, produced in pieces. One string for a 75 MiB store, then its
// conversion to bytes, would hold two extra copies of the file in memory at
// once; pieces of about a megabyte hold almost none.

const CHUNK = 1 << 20;

/** Indents every line after the first: JSON strings hold no raw newlines, so this only touches structure. */
const indent = (json: string, pad: string) => json.replace(/\n/g, `\n${pad}`);

function* pieces(data: object): Generator<string> {
  const entries = Object.entries(data).filter(([, v]) => v !== undefined && typeof v !== 'function');
  if (entries.length === 0) {
    yield '{}\n';
    return;
  }
  yield '{';
  for (const [i, [key, value]] of entries.entries()) {
    yield `${i ? ',' : ''}\n  ${JSON.stringify(key)}: `;
    if (Array.isArray(value) && value.length > 0) {
      yield '[';
      for (let j = 0; j < value.length; j++) {
        yield `${j ? ',' : ''}\n    ${indent(JSON.stringify(value[j], null, 2) ?? 'null', '    ')}`;
      }
      yield '\n  ]';
    } else {
      yield indent(JSON.stringify(value, null, 2), '  ');
    }
  }
  yield '\n}\n';
}

/** The serialised store in chunks of about a megabyte. */
export function* serializeChunks(data: object): Generator<string> {
  let parts: string[] = [];
  let size = 0;
  for (const piece of pieces(data)) {
    parts.push(piece);
    size += piece.length;
    if (size >= CHUNK) {
      yield parts.join('');
      parts = [];
      size = 0;
    }
  }
  if (parts.length) yield parts.join('');
}
