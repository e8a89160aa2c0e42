// @gradstream/plot/terminal: text output only. Loads no PNG renderer and no
// HTTP server.
export { logSteps, formatStep, formatEval } from './logSteps'
export type { LogStepsOptions, LoggedSnapshot } from './logSteps'
export { pyFormat } from './pyFormat'
export { pyPrint } from './pyPrint'
export { progressBar, formatDuration } from './progressBar'
export type { ProgressBarOptions, ProgressSnapshot } from './progressBar'
export { terminalChart } from './terminalChart'
export type { TerminalChartOptions } from './terminalChart'
export { renderTerminalChart } from './renderTerminalChart'
export type { TerminalChartLayout } from './renderTerminalChart'
export type { TextOutput } from './textOutput'
export type { Point, LineSeries, SeriesPick } from '../series/lineSeries'
