// @gradstream/plot/terminal: text output only. Loads no PNG renderer and no
// HTTP server; cli-progress loads when a progress bar first draws on a TTY.
export { logSteps } from './logSteps'
export type { LogStepsOptions } from './logSteps'
export { pyFormat } from './pyFormat'
export { pyPrint } from './pyPrint'
export { progressBar, formatDuration } from './progressBar'
export type { ProgressBarOptions } from './progressBar'
export { terminalChart } from './terminalChart'
export type { TerminalChartOptions } from './terminalChart'
export { renderTerminalChart } from './renderTerminalChart'
export type { TerminalChartLayout } from './renderTerminalChart'
export type { TextOutput } from './textOutput'
export type { Point, LineSeries, SeriesPick } from '../series/lineSeries'
