/** A point of a chart: `[x, y]`, e.g. `[step, loss]`. */
export type Point = readonly [number, number]

/** One named line of a chart, its points in order of x. */
export interface LineSeries {
  readonly name: string
  readonly points: readonly Point[]
}

/** What a chart picks from a snapshot: one number, or several named numbers (one line each). */
export type SeriesPick<T> = (snapshot: T) => number | Readonly<Record<string, number>>

/** The picked values as named numbers; a single number is named `fallbackName`. */
export function namedValues(
  picked: number | Readonly<Record<string, number>>,
  fallbackName: string,
): Record<string, number> {
  return typeof picked === 'number' ? { [fallbackName]: picked } : { ...picked }
}
