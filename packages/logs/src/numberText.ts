/**
 * A logged number as text: JavaScript's shortest round-trip form for finite
 * numbers (every float64 reads back exactly, but -0, written 0), and `NaN`, `inf`, `-inf`
 * otherwise, the spellings pandas, numpy and Python's `float()` all read.
 */
export function numberText(value: number): string {
  if (Number.isFinite(value)) return String(value)
  if (Number.isNaN(value)) return 'NaN'
  return value > 0 ? 'inf' : '-inf'
}
