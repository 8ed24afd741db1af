/** Terminal output helpers: aligned tables and key-value blocks. */

/** Formats rows as an aligned table with a header line; empty cells show as "-". */
export function table(headers: string[], rows: string[][]): string {
  const cells = rows.map((r) => r.map((c) => (c === '' ? '-' : c)));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

/** Formats pairs as "key: value" lines with the keys aligned. */
export function fields(pairs: Array<[string, string]>): string {
  const w = Math.max(...pairs.map(([k]) => k.length));
  return pairs.map(([k, v]) => `${`${k}:`.padEnd(w + 1)} ${v === '' ? '-' : v}`).join('\n');
}
