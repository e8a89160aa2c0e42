// A plain CSV writer for the tests, independent of the code under test:
// RFC 4180 quoting for fields holding a delimiter, a quote or a line break.

/** A field as RFC 4180 writes it: quoted, with quotes doubled, when it must be. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/** A float32 value's text: the shortest double that is it (`String`), or 9 significant digits; `-0` keeps its sign. */
export function float32Text(value: number, format: 'shortest' | 'precision9'): string {
  if (Object.is(value, -0)) return '-0'
  return format === 'shortest' ? String(value) : value.toPrecision(9)
}

/** A CSV text of a header and rows of fields, with `lineEnd` after every line. */
export function csvText(header: readonly string[], rows: readonly (readonly string[])[], lineEnd = '\n'): string {
  return [header, ...rows].map((fields) => fields.map(csvField).join(',') + lineEnd).join('')
}

/** The bits of float32 values, so that -0 and 0 differ and NaN equals itself. */
export function float32Bits(values: readonly number[]): number[] {
  return Array.from(new Uint32Array(Float32Array.from(values).buffer))
}
