import {
  ConfigError,
  checkFinite,
  checkFunction,
  checkInteger,
  checkOptions,
  checkPositive,
  checkString,
  describe,
} from '@gradstream/core'
import type { Tensor } from '@gradstream/tensor'
import { isObservable } from 'rxjs'
import type { Observable } from 'rxjs'
import { checkGridRegion } from '../figure/decisionBoundary'
import { checkHost } from './hostCheck'
import type { GridRegion } from '../figure/decisionBoundary'
import type { Point } from '../series/lineSeries'

/**
 * What the dashboard reads from each snapshot. A `Snapshot` of
 * `@gradstream/train` has it all; the type is written out here so that
 * plot needs train neither at run time nor for its types.
 */
export interface DashboardSnapshot {
  readonly step: number
  readonly loss: number
  readonly losses?: Readonly<Record<string, number>>
  readonly learningRate?: number
  /** Validation results on the snapshots where `evaluate` ran: charted beside the training loss. */
  readonly eval?: Readonly<Record<string, number>>
}

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
  /**
   * Interface to bind (default 127.0.0.1: this machine only). Binding beyond
   * loopback takes an explicit address or name, e.g. '0.0.0.0'; '' is refused.
   */
  readonly host?: string
  /** The page's heading (default 'gradstream'). */
  readonly title?: string
  /** Named numbers to chart from each snapshot, each as the metric `params/<name>`, e.g. chosen weights: `(s) => ({ 'w1[0]': ... })`. */
  readonly params?: (snapshot: T) => Readonly<Record<string, number>>
  readonly classifier?: DashboardClassifier<T>
  /** Points of history kept per run (default 2000); longer runs are thinned evenly. */
  readonly maxPoints?: number
  /** How often new points go out to the page, in ms (default 250). */
  readonly flushMs?: number
}

const OPTION_KEYS = ['port', 'host', 'title', 'params', 'classifier', 'maxPoints', 'flushMs']
const CLASSIFIER_KEYS = ['points', 'labels', 'predict', 'region', 'everySteps', 'level']

/** The runs as named streams: one stream is named 'run'. Throws unless each is an Observable. */
export function namedRuns<T>(runs: unknown): (readonly [string, Observable<T>])[] {
  if (isObservable(runs)) return [['run', runs as Observable<T>]]
  if (typeof runs !== 'object' || runs === null || Array.isArray(runs)) {
    throw new ConfigError(
      'serveDashboard',
      `runs must be an Observable or an object of Observables, got ${describe(runs)}`,
    )
  }
  const named = Object.entries(runs)
  if (named.length === 0) throw new ConfigError('serveDashboard', 'runs must name at least one run, got {}')
  for (const [name, run] of named) {
    if (!isObservable(run)) {
      throw new ConfigError(
        'serveDashboard',
        `runs[${JSON.stringify(name)}] must be an Observable, got ${describe(run)}`,
      )
    }
  }
  return named as (readonly [string, Observable<T>])[]
}

/** Rejects unknown, missing and out-of-range options before anything starts. */
export function checkDashboardOptions(options: unknown): asserts options is DashboardOptions<never> {
  const fn = 'serveDashboard'
  checkOptions(fn, options, OPTION_KEYS)
  const { port, host, title, params, classifier, maxPoints, flushMs } = options as DashboardOptions<never>
  if (port !== undefined) checkInteger(fn, 'port', port, 0, 65535)
  if (host !== undefined) checkHost(fn, host)
  if (title !== undefined) checkString(fn, 'title', title)
  if (params !== undefined) checkFunction(fn, 'params', params)
  if (maxPoints !== undefined) checkInteger(fn, 'maxPoints', maxPoints, 2)
  if (flushMs !== undefined) checkPositive(fn, 'flushMs', flushMs)
  if (classifier !== undefined) checkClassifier(classifier)
}

function checkClassifier(classifier: unknown): void {
  const fn = 'serveDashboard'
  if (typeof classifier !== 'object' || classifier === null || Array.isArray(classifier)) {
    throw new ConfigError(fn, `classifier must be an object, got ${describe(classifier)}`)
  }
  checkOptions(fn, classifier, CLASSIFIER_KEYS)
  const { predict, region, everySteps, level } = classifier as DashboardClassifier<never>
  checkFunction(fn, 'classifier.predict', predict)
  checkGridRegion(fn, 'classifier.region', region)
  if (everySteps !== undefined) checkInteger(fn, 'classifier.everySteps', everySteps, 1)
  if (level !== undefined) checkFinite(fn, 'classifier.level', level)
}
