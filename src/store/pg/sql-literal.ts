// Values written into SQL text, so that one round trip can carry several
// statements. Quoted as libpq's PQescapeLiteral (and pg's escapeLiteral) does,
// which the tests check against: quotes doubled, and backslashes doubled inside
// an E'' string, which is right whatever standard_conforming_strings says. pg's
// own version builds the result a character at a time, which costs milliseconds
// on the hundreds of kilobytes a batch decision writes.

export function sqlString(value: string): string {
  if (!value.includes('\\')) return `'${value.replace(/'/g, "''")}'`;
  return ` E'${value.replace(/'/g, "''").replace(/\\/g, '\\\\')}'`;
}

/** An SQL literal for a value rfa stores: a string quoted, an integer checked, or NULL. */
export function sqlLiteral(value: string | number | null): string {
  if (value === null) return 'NULL';
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new Error(`not an integer: ${value}`);
    return String(value);
  }
  return sqlString(value);
}

/** A double as an SQL literal (its shortest exact text, which float8 reads back to the same number). */
export function sqlFloat(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
  return `${String(value)}::float8`;
}
