// "Did you mean": the names closest to what was typed, by edit distance.

/** Levenshtein distance: insertions, deletions and substitutions. */
export function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length];
}

/** Up to `n` of `names`, nearest to `wanted` first (ties in name order). */
export const nearest = (names: readonly string[], wanted: string, n: number) =>
  names
    .map((name) => ({ name, d: distance(name, wanted) }))
    .sort((a, b) => a.d - b.d || a.name.localeCompare(b.name))
    .slice(0, n)
    .map((x) => x.name);
