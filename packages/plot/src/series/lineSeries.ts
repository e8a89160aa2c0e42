import { ConfigError, StructureError, describe } from '@gradstream/core'

/** A point of a chart: `[x, y]`, e.g. `[step, loss]`. */
export type Point = readonly [number, number]

/** One named line of a chart, its points in order of x. */
export interface LineSeries {
  readonly name: string
  readonly points: readonly Point[]
  /** The run the line belongs to, when a chart compares runs: `lineChart` gives each run a colour. */
  readonly run?: string
}

/** What a chart picks from a snapshot: one number, or several named numbers (one line each). */
export type SeriesPick<T> = (snapshot: T) => number | Readonly<Record<string, number>>

/**
 * The picked values as named numbers; a single number is named `fallbackName`.
 * Anything else is the pick's fault, reported with the function that called it.
 */
export function namedValues(fn: string, picked: unknown, fallbackName: string): Record<string, number> {
  if (typeof picked === 'number') return { [fallbackName]: picked }
  if (isNamedNumbers(picked)) return { ...picked }
  throw new ConfigError(fn, `pick must return a number or an object of numbers, got ${describe(picked)}`)
}

/** Whether `value` is a plain object of numbers, such as `{ mse: 0.1, l2: 0.02 }`. */
export function isNamedNumbers(value: unknown): value is Readonly<Record<string, number>> {
  const isObject = typeof value === 'object' && value !== null && !Array.isArray(value)
  return isObject && Object.values(value).every((v) => typeof v === 'number')
}

/** Whether `value` is an `[x, y]` array of two numbers (holes are not numbers). */
export function isNumberPair(value: unknown): value is Point {
  return Array.isArray(value) && value.length === 2 && typeof value[0] === 'number' && typeof value[1] === 'number'
}

/**
 * Throws unless `series` is an array of `{ name, points }` with `[x, y]`
 * number pairs (NaN and infinities are allowed: charts leave them out).
 */
export function checkSeries(fn: string, series: unknown): asserts series is readonly LineSeries[] {
  if (!Array.isArray(series)) throw new ConfigError(fn, `series must be an array, got ${describe(series)}`)
  // Array.from visits the holes of a sparse array (as undefined), which forEach would skip
  Array.from(series).forEach((line: unknown, i) => {
    const { name, points, run } = (typeof line === 'object' && line !== null ? line : {}) as Record<string, unknown>
    if (typeof name !== 'string') {
      throw new StructureError(fn, `series[${i}].name must be a string, got ${describe(name)}`)
    }
    if (run !== undefined && typeof run !== 'string') {
      throw new StructureError(fn, `series[${i}].run must be a string, got ${describe(run)}`)
    }
    if (!Array.isArray(points)) {
      throw new StructureError(fn, `series[${i}].points must be an array, got ${describe(points)}`)
    }
    Array.from(points).forEach((point: unknown, j) => {
      if (!isNumberPair(point)) {
        throw new StructureError(
          fn,
          `series[${i}].points[${j}] must be an [x, y] pair of numbers, got ${describe(point)}`,
        )
      }
    })
  })
}
