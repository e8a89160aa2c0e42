import { describe, expect, it } from 'vitest'
import { runName, uniqueNames } from './runNames'

describe('runName', () => {
  it('joins key=value pairs in key order, nested keys dotted, other characters replaced by _', () => {
    expect(runName({ lr: 0.01, optimizer: { name: 'adam' }, note: 'a/b c', big: 1e21, on: true })).toBe(
      'lr=0.01,optimizer.name=adam,note=a_b_c,big=1e+21,on=true',
    )
    expect(runName({})).toBe('run')
  })

  it('cuts long names to 120 characters', () => {
    expect(runName({ text: 'x'.repeat(500) })).toBe(`text=${'x'.repeat(115)}`)
  })
})

describe('uniqueNames', () => {
  it('adds -2, -3, ... to later repeats, in order', () => {
    expect(uniqueNames(['a', 'b', 'a', 'a', 'a-2'])).toEqual(['a', 'b', 'a-2', 'a-3', 'a-2-2'])
  })
})
