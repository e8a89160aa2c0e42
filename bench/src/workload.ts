/** One library's way of running a case: builds its inputs once, returns the function to time. */
export type Implementation = () => () => void

/** A measured configuration of a workload, e.g. matMul at N = 256. */
export interface WorkloadCase {
  /** Shown in the table's first column. */
  readonly label: string
  /** Work done by one run, in the unit the metric divides by (flops, elements). */
  readonly work: number
  /** Timed samples per library (default 7); the median is reported. */
  readonly samples?: number
  readonly gradstream: Implementation
  readonly tfjs: Implementation
  /**
   * tfjs on its WebAssembly backend, shown in a column of its own when given: set up and run with that backend
   * active, so usually the same function as `tfjs`.
   */
  readonly tfjsWasm?: Implementation
  /** Checks that both libraries compute the same result; returns a problem to report, or undefined. */
  readonly check?: () => string | undefined
}

/**
 * A benchmark workload: a family of cases reported in one table. Add a new
 * workload as one file in `workloads/` and list it in `run.ts`.
 */
export interface Workload {
  readonly title: string
  /** How a run's time becomes the reported number. */
  readonly metric: Metric
  readonly cases: readonly WorkloadCase[]
}

export interface Metric {
  /** Column header, e.g. 'GFLOP/s'. */
  readonly unit: string
  /** The reported number for `work` done in `seconds`. */
  readonly value: (work: number, seconds: number) => number
  /** Whether a larger number is better (throughput) or a smaller one (time per element). */
  readonly higherIsBetter: boolean
}

export const GFLOPS: Metric = { unit: 'GFLOP/s', value: (flops, s) => flops / s / 1e9, higherIsBetter: true }

export const NS_PER_ELEMENT: Metric = { unit: 'ns/element', value: (n, s) => (s * 1e9) / n, higherIsBetter: false }
