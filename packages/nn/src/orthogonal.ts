import { checkFinite, checkOptions, checkSeed, ShapeError } from '@gradstream/core'
import { formatShape, randomNormal, tensor } from '@gradstream/tensor'
import type { Initializer } from './initializers'
import { checkCall } from './initializers'
import { thinQr } from './orthogonalQr'

/**
 * Options of {@link orthogonal}.
 * @example orthogonal({ gain: Math.sqrt(2), seed: 3 } satisfies OrthogonalOptions)
 */
export interface OrthogonalOptions {
  /** Multiplies the orthogonal matrix; default 1. */
  readonly gain?: number
  /** Op seed used when the caller passes none; without any seed the values are not reproducible. */
  readonly seed?: number
}

/**
 * An orthogonal matrix times `gain`, TF1's `tf.orthogonal_initializer(gain)`:
 * the shape is flattened to a matrix of `rows = product of all axes but the
 * last` by `columns = last axis` (so a conv kernel `[fh, fw, in, out]` has
 * orthonormal columns over `fh · fw · in`); a seeded `randomNormal` matrix of
 * that shape (transposed, `[columns, rows]`, when it is wide) is factored as
 * QR, Q's columns are multiplied by the signs of R's diagonal so that Q does not
 * depend on the factorization's sign choices, transposed back when wide, and
 * multiplied by `gain` in float32. Tall results have orthonormal columns, wide
 * ones orthonormal rows.
 *
 * The normal draws are TF1's for the same seed bit for bit; the QR here runs in
 * float64 (Householder) before rounding Q to float32, where TF1 factors in
 * float32, so values agree with TF1's to about 1e-6, not bit for bit. The
 * factorization is plain loops, O(rows · columns²) for tall shapes: a
 * [512, 512] matrix takes about a second, [1024, 1024] several.
 *
 * @example
 * const q = orthogonal({ seed: 1 })([2, 2])
 * q.toArray() // [[-0.9967737197875977, -0.08026271313428879], [0.08026271313428879, -0.9967737197875977]]
 * matMul(q, q, false, true).toArray() // [[1, 0], [0, 1]]
 */
export function orthogonal(options: OrthogonalOptions = {}): Initializer {
  checkOptions('orthogonal', options, ['gain', 'seed'])
  const { gain = 1, seed } = options
  checkFinite('orthogonal', 'gain', gain)
  checkSeed('orthogonal', seed)
  return (shape, callSeed) => {
    checkCall('orthogonal', shape, callSeed)
    if (shape.length < 2) {
      throw new ShapeError('orthogonal', `shape must have at least 2 axes, got ${formatShape(shape)}`)
    }
    const columns = shape[shape.length - 1]!
    const rows = shape.slice(0, -1).reduce((acc, d) => acc * d, 1)
    const tall = rows >= columns
    const [m, n] = tall ? [rows, columns] : [columns, rows]
    const normal = randomNormal([m, n], { seed: callSeed ?? seed }).toFlatArray()
    const { q, rDiagonal } = thinQr(normal, m, n)
    const gain32 = Math.fround(gain)
    const values = new Float32Array(rows * columns)
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        // TF1: Q · sign(diag R) in float32, transposed when wide, then gain · Q as one float32 product.
        const signed = Math.fround(q[i * n + j]! * Math.sign(rDiagonal[j]!))
        values[tall ? i * n + j : j * m + i] = gain32 * signed
      }
    }
    return tensor(values, shape)
  }
}
