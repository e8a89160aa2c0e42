import { ConfigError, ShapeError } from '@gradstream/core'
import { describe, expect, it } from 'vitest'
import { checkPadding, pairOption, windowGeometry } from './windowGeometry'

describe('windowGeometry', () => {
  it("keeps the positions where the window fits under 'VALID'", () => {
    expect(windowGeometry('conv2d', 'height', 28, 5, 1, 1, 'VALID')).toEqual({ outSize: 24, padBefore: 0, padAfter: 0 })
    expect(windowGeometry('conv2d', 'height', 7, 3, 2, 1, 'VALID')).toEqual({ outSize: 3, padBefore: 0, padAfter: 0 })
    expect(windowGeometry('conv2d', 'width', 8, 3, 3, 1, 'VALID')).toEqual({ outSize: 2, padBefore: 0, padAfter: 0 })
    // dilation 2 spreads a 3-wide window over 5 elements
    expect(windowGeometry('conv2d', 'width', 7, 3, 1, 2, 'VALID')).toEqual({ outSize: 3, padBefore: 0, padAfter: 0 })
  })

  it("pads 'SAME' to ceil(in / stride) positions with the odd element after, as TF does", () => {
    expect(windowGeometry('conv2d', 'height', 5, 3, 1, 1, 'SAME')).toEqual({ outSize: 5, padBefore: 1, padAfter: 1 })
    expect(windowGeometry('conv2d', 'height', 5, 4, 1, 1, 'SAME')).toEqual({ outSize: 5, padBefore: 1, padAfter: 2 })
    expect(windowGeometry('conv2d', 'height', 6, 3, 2, 1, 'SAME')).toEqual({ outSize: 3, padBefore: 0, padAfter: 1 })
    expect(windowGeometry('maxPool', 'width', 5, 2, 2, 1, 'SAME')).toEqual({ outSize: 3, padBefore: 0, padAfter: 1 })
    // stride larger than the window: no padding needed
    expect(windowGeometry('maxPool', 'width', 9, 1, 3, 1, 'SAME')).toEqual({ outSize: 3, padBefore: 0, padAfter: 0 })
    expect(windowGeometry('conv2d', 'width', 5, 3, 1, 2, 'SAME')).toEqual({ outSize: 5, padBefore: 2, padAfter: 2 })
  })

  it("refuses a window larger than the input under 'VALID', naming the axis", () => {
    expect(() => windowGeometry('conv2d', 'height', 4, 5, 1, 1, 'VALID')).toThrow(
      new ShapeError('conv2d', "the window's height 5 is larger than the input's height 4 under 'VALID' padding"),
    )
    expect(() => windowGeometry('conv2d', 'width', 4, 3, 1, 2, 'VALID')).toThrow(
      "conv2d: the window's width 3 (5 dilated) is larger than the input's width 4 under 'VALID' padding",
    )
  })
})

describe('pairOption and checkPadding', () => {
  it('reads one number or a [height, width] pair', () => {
    expect(pairOption('conv2d', 'strides', 2)).toEqual([2, 2])
    expect(pairOption('conv2d', 'strides', [1, 3])).toEqual([1, 3])
  })

  it('refuses anything else with a ConfigError naming the option', () => {
    expect(() => pairOption('conv2d', 'strides', 0)).toThrow(ConfigError)
    expect(() => pairOption('conv2d', 'strides', 0)).toThrow('conv2d: strides must be an integer >= 1, got 0')
    expect(() => pairOption('conv2d', 'dilations', [1, 2, 3])).toThrow(
      'conv2d: dilations must be an integer >= 1 or a pair [height, width] of them, got an array of length 3',
    )
    expect(() => pairOption('conv2d', 'strides', [1, 1.5])).toThrow(
      'conv2d: strides[1] must be an integer >= 1, got 1.5',
    )
    expect(() => checkPadding('maxPool', 'same')).toThrow(`maxPool: padding must be one of 'SAME', 'VALID', got "same"`)
  })
})
