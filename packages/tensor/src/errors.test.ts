import { describe, expect, it } from 'vitest'
import { ConfigError, DTypeError, GradstreamError, ShapeError, StructureError } from './errors'

describe.each([
  ['ShapeError', ShapeError],
  ['DTypeError', DTypeError],
  ['ConfigError', ConfigError],
  ['StructureError', StructureError],
] as const)('%s', (name, ErrorClass) => {
  it('is a GradstreamError and an Error, named after its class', () => {
    const error = new ErrorClass('matMul', 'something is wrong')
    expect(error).toBeInstanceOf(GradstreamError)
    expect(error).toBeInstanceOf(Error)
    expect(error.name).toBe(name)
  })

  it('starts its message with the function name', () => {
    expect(new ErrorClass('reshape', 'cannot reshape [2, 3]').message).toBe('reshape: cannot reshape [2, 3]')
  })
})

describe('GradstreamError', () => {
  it('is an Error named GradstreamError', () => {
    const error = new GradstreamError('bad input')
    expect(error).toBeInstanceOf(Error)
    expect(error.name).toBe('GradstreamError')
    expect(error.message).toBe('bad input')
  })
})
