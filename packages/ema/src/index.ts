export { exponentialMovingAverage, average, decayAt } from './exponentialMovingAverage'
export type { EmaOptions, EmaState, ExponentialMovingAverage } from './exponentialMovingAverage'
