export { GradstreamError, ShapeError, DTypeError, ConfigError, StructureError, CheckpointError } from './errors'
export { describe } from './describe'
export {
  checkOptions,
  checkFinite,
  checkPositive,
  checkNonNegative,
  checkInRange,
  checkInteger,
  checkSeed,
  checkBoolean,
  checkFunction,
  checkString,
  checkOneOf,
} from './checks'
export type { RangeEnds } from './checks'
