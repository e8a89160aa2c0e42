// The error classes live in @gradstream/core, shared by every package;
// the tensor package re-exports those its users meet first.
export { GradstreamError, ShapeError, DTypeError, ConfigError, StructureError } from '@gradstream/core'
