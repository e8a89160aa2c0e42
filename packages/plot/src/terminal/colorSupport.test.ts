import { describe, expect, it } from 'vitest'
import { colorsByDefault } from './colorSupport'

const terminal = { isTTY: true, write: () => true }
const pipe = { write: () => true }

describe('colorsByDefault', () => {
  it('colours a terminal and not a pipe', () => {
    expect([colorsByDefault(terminal, {}), colorsByDefault(pipe, {})]).toEqual([true, false])
  })

  it('honours NO_COLOR when it is not empty, and TERM=dumb', () => {
    expect(colorsByDefault(terminal, { NO_COLOR: '1' })).toBe(false)
    expect(colorsByDefault(terminal, { NO_COLOR: '' })).toBe(true)
    expect(colorsByDefault(terminal, { TERM: 'dumb' })).toBe(false)
  })

  it('lets FORCE_COLOR turn colour on for a pipe and off for a terminal, over NO_COLOR as Node does', () => {
    expect(colorsByDefault(pipe, { FORCE_COLOR: '1' })).toBe(true)
    expect(colorsByDefault(pipe, { FORCE_COLOR: '' })).toBe(true)
    expect(colorsByDefault(terminal, { FORCE_COLOR: '0' })).toBe(false)
    expect(colorsByDefault(terminal, { FORCE_COLOR: 'false' })).toBe(false)
    expect(colorsByDefault(terminal, { FORCE_COLOR: '1', NO_COLOR: '1' })).toBe(true)
  })
})
