import { describe, expect, it } from 'vitest'
import { fitToWidth, textWidth } from './textWidth'

describe('textWidth', () => {
  it('counts cells: colour codes none, box drawing and Latin one, East Asian wide characters and emoji two', () => {
    expect(textWidth('\x1b[34m──\x1b[0m loss')).toBe(7)
    expect(textWidth('損失')).toBe(4)
    expect(textWidth('e\u0301 · 🙂')).toBe(6) // e with a combining acute 1, space 1, dot 1, space 1, emoji 2
  })
})

describe('fitToWidth', () => {
  it('keeps a line that fits, trailing colour codes included', () => {
    expect(fitToWidth('\x1b[31mmse\x1b[0m', 3)).toEqual({ text: '\x1b[31mmse\x1b[0m', width: 3 })
  })

  it('cuts a longer line with an ellipsis within the cells, and resets a colour it cuts', () => {
    expect(fitToWidth('step 1/100 loss 0.5', 8)).toEqual({ text: 'step 1/…', width: 8 })
    expect(fitToWidth('\x1b[34m────────\x1b[0m', 4)).toEqual({ text: '\x1b[34m───…\x1b[0m', width: 4 })
    expect(fitToWidth('ab損失', 4)).toEqual({ text: 'ab…', width: 3 }) // a wide character does not fit in one cell
  })
})
