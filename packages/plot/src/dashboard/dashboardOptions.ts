import { ConfigError } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import type { Snapshot } from '@gradstream/train'
import type { GridRegion } from '../figure/decisionBoundary'
import type { Point } from '../series/lineSeries'

/** What the dashboard reads from each snapshot; a `Snapshot` of `@gradstream/train` has it all. */
export type DashboardSnapshot = Pick<Snapshot, 'step' | 'loss'> & Partial<Pick<Snapshot, 'losses' | 'learningRate'>>

/** A 2-D classifier to show: its training data and its decision boundary, refreshed as it trains. */
export interface DashboardClassifier<T> {
  /** [n, 2] training points. */
  readonly points: Tensor | readonly Point[]
  /** Their labels ([n] or [n, 1]). */
  readonly labels: Tensor | readonly number[]
  /** The model's output for a snapshot on a float32 [m, 2] tensor of grid points ([m] or [m, 1] values). */
  readonly predict: (snapshot: T, points: Tensor) => Tensor
  /** Where to draw the boundary (a coarse grid keeps refreshes cheap, e.g. step 0.03). */
  readonly region: GridRegion
  /** Recompute the boundary at most once per this many steps (default 500). */
  readonly everySteps?: number
  /** The output value that separates the classes (default 0.5). */
  readonly level?: number
}

export interface DashboardOptions<T> {
  /** TCP port (default 0: any free port; see `Dashboard.url`). */
  readonly port?: number
  /** Interface to bind (default 127.0.0.1: this machine only). */
  readonly host?: string
  /** The page's heading (default 'gradstream'). */
  readonly title?: string
  /** Named numbers to chart from each snapshot, e.g. chosen weights: `(s) => ({ 'w1[0]': ... })`. */
  readonly params?: (snapshot: T) => Readonly<Record<string, number>>
  readonly classifier?: DashboardClassifier<T>
  /** Points of history kept per run (default 2000); longer runs are thinned evenly. */
  readonly maxPoints?: number
  /** How often new points go out to the page, in ms (default 250). */
  readonly flushMs?: number
}

const KNOWN = ['port', 'host', 'title', 'params', 'classifier', 'maxPoints', 'flushMs']

/** Rejects unknown and out-of-range options before anything starts. */
export function checkDashboardOptions<T>(options: DashboardOptions<T>): void {
  const unknown = Object.keys(options).filter((key) => !KNOWN.includes(key))
  if (unknown.length > 0) throw new ConfigError('serveDashboard', `unknown option '${unknown[0]}'`)
  const { port = 0, maxPoints = 2000, flushMs = 250, classifier } = options
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError('serveDashboard', `port must be an integer in [0, 65535], got ${port}`)
  }
  if (!Number.isInteger(maxPoints) || maxPoints < 2) {
    throw new ConfigError('serveDashboard', `maxPoints must be an integer >= 2, got ${maxPoints}`)
  }
  if (!(flushMs > 0)) throw new ConfigError('serveDashboard', `flushMs must be > 0, got ${flushMs}`)
  const everySteps = classifier?.everySteps ?? 500
  if (!Number.isInteger(everySteps) || everySteps < 1) {
    throw new ConfigError('serveDashboard', `classifier.everySteps must be a positive integer, got ${everySteps}`)
  }
}
