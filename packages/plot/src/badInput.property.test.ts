// Random bad arguments for every public function of plot: each either works
// or throws a GradstreamError whose message starts with the function's name,
// never a TypeError or RangeError from deep inside, and never changes its
// inputs (they are deeply frozen, so a write would throw a TypeError).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ConfigError, GradstreamError } from '@gradstream/core'
import type { Tensor } from '@gradstream/tensor'
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { contourLines } from './figure/contourLines'
import { decisionBoundary, evaluateGrid } from './figure/decisionBoundary'
import { lineChart } from './figure/lineChart'
import { saveFigure } from './figure/saveFigure'
import { scatterPlot } from './figure/scatterPlot'
import { toPng } from './figure/toPng'
import { collectSeries } from './series/collectSeries'
import { formatEval, formatStep, logSteps } from './terminal/logSteps'
import { formatDuration, progressBar } from './terminal/progressBar'
import { pyFormat } from './terminal/pyFormat'
import { pyPrint } from './terminal/pyPrint'
import { renderTerminalChart } from './terminal/renderTerminalChart'
import { terminalChart } from './terminal/terminalChart'

// Arguments go through Reflect.apply, with values the types would refuse, as plain JavaScript callers can pass them.
const call = (fn: (...args: never[]) => unknown, ...args: unknown[]): unknown => Reflect.apply(fn, undefined, args)

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const key of Reflect.ownKeys(value)) deepFreeze((value as Record<PropertyKey, unknown>)[key])
  }
  return value
}

const dir = mkdtempSync(join(tmpdir(), 'gradstream-plot-bad-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const series = [{ name: 'loss', points: [[1, 1] as const, [2, 0.5] as const] }]
const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>'
const grid = { xs: [0, 1], ys: [0, 1], values: [0, 1, 0, 1] }
const region = { x: [0, 1], y: [0, 1], step: 0.25 }
const identity = (points: Tensor) => points
const sink = { write: () => true }

/** Each public function with one argument or option left to the generator. */
const cases: readonly (readonly [string, (bad: unknown) => unknown])[] = [
  ['pyFormat', (bad) => call(pyFormat, bad)],
  ['pyFormat', (bad) => call(pyFormat, '%d', bad)],
  ['pyFormat', (bad) => call(pyFormat, '%.2e', bad)],
  ['pyFormat', (bad) => call(pyFormat, '%5s', bad)],
  ['pyPrint', (bad) => call(pyPrint, 'w1:', bad)],
  ['formatDuration', (bad) => call(formatDuration, bad)],
  ['logSteps', (bad) => call(logSteps, bad)],
  ['logSteps', (bad) => call(logSteps, String, bad)],
  ['logSteps', (bad) => call(logSteps, String, { output: bad })],
  ['formatStep', (bad) => call(formatStep, bad)],
  ['formatStep', (bad) => call(formatStep, { step: 1, loss: 0.5, eval: bad })],
  ['formatEval', (bad) => call(formatEval, bad)],
  ['progressBar', (bad) => call(progressBar, bad)],
  ['progressBar', (bad) => call(progressBar, { total: bad, output: sink })],
  ['progressBar', (bad) => call(progressBar, { total: 5, output: sink, plainEveryMs: bad })],
  ['progressBar', (bad) => call(progressBar, { total: 5, output: bad })],
  ['progressBar', (bad) => call(progressBar, { total: 5, output: sink, loss: bad })],
  ['terminalChart', (bad) => call(terminalChart, bad)],
  ...['width', 'height', 'logY', 'colors', 'title', 'pick', 'maxPoints', 'refreshEveryMs', 'output'].map(
    (key) => ['terminalChart', (bad: unknown) => call(terminalChart, { output: sink, [key]: bad })] as const,
  ),
  ['renderTerminalChart', (bad) => call(renderTerminalChart, bad)],
  ['renderTerminalChart', (bad) => call(renderTerminalChart, series, bad)],
  ['renderTerminalChart', (bad) => call(renderTerminalChart, [{ name: 'loss', points: bad }])],
  ['collectSeries', (bad) => call(collectSeries, bad)],
  ['collectSeries', (bad) => call(collectSeries, Number, bad)],
  ['collectSeries', (bad) => call(collectSeries, Number, { maxPoints: bad })],
  ['collectSeries', (bad) => call(collectSeries, Number, { name: bad })],
  ['lineChart', (bad) => call(lineChart, bad)],
  ['lineChart', (bad) => call(lineChart, series, bad)],
  ...['width', 'height', 'title', 'xLabel', 'yLabel', 'logY', 'legend'].map(
    (key) => ['lineChart', (bad: unknown) => call(lineChart, series, { [key]: bad })] as const,
  ),
  ['scatterPlot', (bad) => call(scatterPlot, bad)],
  ['scatterPlot', (bad) => call(scatterPlot, { points: bad })],
  ['scatterPlot', (bad) => call(scatterPlot, { points: [[0, 1]], labels: bad })],
  ['scatterPlot', (bad) => call(scatterPlot, { points: [[0, 1]] }, bad)],
  ...['colorRange', 'xDomain', 'yDomain', 'contours'].map(
    (key) => ['scatterPlot', (bad: unknown) => call(scatterPlot, { points: [[0, 1]] }, { [key]: bad })] as const,
  ),
  ['contourLines', (bad) => call(contourLines, bad, 0.5)],
  ['contourLines', (bad) => call(contourLines, grid, bad)],
  ['contourLines', (bad) => call(contourLines, { ...grid, xs: bad })],
  ['evaluateGrid', (bad) => call(evaluateGrid, bad, region)],
  ['evaluateGrid', (bad) => call(evaluateGrid, identity, bad)],
  ['evaluateGrid', (bad) => call(evaluateGrid, identity, { ...region, x: bad })],
  ['decisionBoundary', (bad) => call(decisionBoundary, identity, bad)],
  ['decisionBoundary', (bad) => call(decisionBoundary, identity, { ...region, level: bad })],
  ['toPng', (bad) => call(toPng, bad)],
  ['toPng', (bad) => call(toPng, svg, bad)],
  ['toPng', (bad) => call(toPng, svg, { scale: bad })],
  ['saveFigure', (bad) => call(saveFigure, bad, svg)],
  ['saveFigure', (bad) => call(saveFigure, join(dir, 'figure.svg'), bad)],
  ['saveFigure', (bad) => call(saveFigure, join(dir, 'figure.png'), svg, bad)],
]

// Values of every kind, small enough that a valid one is cheap to draw.
const anything = fc.oneof(
  fc.anything({
    maxDepth: 2,
    maxKeys: 4,
    withBigInt: true,
    withNullPrototype: true,
    withBoxedValues: true,
    withSparseArray: true,
  }),
  fc.constantFrom(NaN, Infinity, -1, 0, 1.5, 1e9, '', 'x', [], {}, [[1, 'a']], [NaN, 1], () => 1),
)

describe.each(cases)('%s with a random argument', (name, run) => {
  it('works or throws a named GradstreamError, and leaves the argument untouched', () => {
    fc.assert(
      fc.property(anything, (value) => {
        const bad = deepFreeze(value)
        try {
          run(bad)
        } catch (error) {
          expect(error).toBeInstanceOf(GradstreamError)
          expect((error as Error).message.startsWith(`${name}: `)).toBe(true)
        }
      }),
      { numRuns: 100 },
    )
  })
})

const optionTakers: readonly (readonly [string, (options: object) => unknown])[] = [
  ['logSteps', (options) => call(logSteps, String, options)],
  ['progressBar', (options) => call(progressBar, { total: 1, ...options })],
  ['terminalChart', (options) => call(terminalChart, options)],
  ['renderTerminalChart', (options) => call(renderTerminalChart, series, options)],
  ['collectSeries', (options) => call(collectSeries, Number, options)],
  ['lineChart', (options) => call(lineChart, series, options)],
  ['scatterPlot', (options) => call(scatterPlot, { points: [[0, 1]] }, options)],
  ['decisionBoundary', (options) => call(decisionBoundary, identity, { ...region, ...options })],
  ['toPng', (options) => call(toPng, svg, options)],
]

describe.each(optionTakers)('%s with an unknown option', (name, run) => {
  it('throws a ConfigError naming the key', () => {
    const known =
      /^(output|total|loss|plainEveryMs|pick|refreshEveryMs|maxPoints|name|width|height|logY|colors|title|xLabel|yLabel|legend|contours|colorRange|xDomain|yDomain|x|y|step|level|scale)$/
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 8 }).filter((key) => !known.test(key) && key !== '__proto__'),
        (key) => {
          expect(() => run({ [key]: 1 })).toThrow(ConfigError)
          expect(() => run({ [key]: 1 })).toThrow(`${name}: unknown option '${key}'; expected one of `)
        },
      ),
      { numRuns: 40 },
    )
  })
})
