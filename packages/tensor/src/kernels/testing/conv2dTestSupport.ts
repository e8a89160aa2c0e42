import { expect } from 'vitest'
import { windowGeometry } from '../../ops/windowGeometry'
import type { Padding } from '../../ops/windowGeometry'
import type { Conv2DLayout } from '../layouts'

// Geometries, values and the bit comparison the convolution kernels' tests share.

export interface Geometry {
  readonly batch: number
  readonly height: number
  readonly width: number
  readonly inChannels: number
  readonly filterHeight: number
  readonly filterWidth: number
  readonly outChannels: number
  readonly stride: readonly [number, number]
  readonly dilation: readonly [number, number]
  readonly padding: Padding
}

export function layoutOf(g: Geometry): Conv2DLayout {
  const rows = windowGeometry('test', 'height', g.height, g.filterHeight, g.stride[0], g.dilation[0], g.padding)
  const cols = windowGeometry('test', 'width', g.width, g.filterWidth, g.stride[1], g.dilation[1], g.padding)
  return {
    batch: g.batch,
    inHeight: g.height,
    inWidth: g.width,
    inChannels: g.inChannels,
    filterHeight: g.filterHeight,
    filterWidth: g.filterWidth,
    outChannels: g.outChannels,
    outHeight: rows.outSize,
    outWidth: cols.outSize,
    strideHeight: g.stride[0],
    strideWidth: g.stride[1],
    dilationHeight: g.dilation[0],
    dilationWidth: g.dilation[1],
    padTop: rows.padBefore,
    padLeft: cols.padBefore,
  }
}

/** Deterministic float32 values in [-2, 2) with a few exact zeros of both signs. */
export function values(size: number, seed: number): Float32Array {
  const out = new Float32Array(size)
  let state = seed * 2654435761
  for (let i = 0; i < size; i++) {
    state = (Math.imul(state, 1103515245) + 12345) | 0
    const v = ((state >>> 8) / 2 ** 24) * 4 - 2
    out[i] = i % 17 === 3 ? -0 : i % 19 === 5 ? 0 : v
  }
  return out
}

export const sizes = (l: Conv2DLayout) => ({
  x: l.batch * l.inHeight * l.inWidth * l.inChannels,
  filter: l.filterHeight * l.filterWidth * l.inChannels * l.outChannels,
  y: l.batch * l.outHeight * l.outWidth * l.outChannels,
})

/** Bit equality that counts every NaN as equal and tells -0 from 0. */
export function expectSameBits(actual: ArrayLike<number>, expected: ArrayLike<number>): void {
  expect(actual.length).toBe(expected.length)
  for (let i = 0; i < expected.length; i++) {
    if (!Object.is(actual[i], expected[i])) expect({ i, actual: actual[i] }).toEqual({ i, actual: expected[i] })
  }
}

export const geometry = (overrides: Partial<Geometry>): Geometry => ({
  batch: 2,
  height: 7,
  width: 6,
  inChannels: 3,
  filterHeight: 3,
  filterWidth: 2,
  outChannels: 5,
  stride: [1, 1],
  dilation: [1, 1],
  padding: 'VALID',
  ...overrides,
})
