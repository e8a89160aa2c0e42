/** A plain-text table with right-aligned columns after the first. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, col) => Math.max(h.length, ...rows.map((row) => row[col]!.length)))
  const line = (cells: readonly string[]) =>
    cells.map((cell, col) => (col === 0 ? cell.padEnd(widths[col]!) : cell.padStart(widths[col]!))).join('  ')
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n')
}

/** A number with three significant digits, e.g. 1.23, 12.3, 123. */
export function formatValue(value: number): string {
  return value >= 100 ? value.toFixed(0) : value.toPrecision(3)
}
