/**
 * The thin QR factorization of a tall matrix, by Householder reflections in float64.
 * @example thinQr([3, 4], 2, 1) // { q: [-0.6, -0.8], rDiagonal: [-5] }
 */
export interface ThinQr {
  /** Q, `rows × columns` row-major, with orthonormal columns. */
  readonly q: Float64Array
  /** The diagonal of R (`columns` values); A = Q · R with R upper triangular. */
  readonly rDiagonal: Float64Array
}

/** `column` of `matrix` (`columns` wide) from row `from` down, as a vector. */
function columnBelow(matrix: Float64Array, columns: number, column: number, from: number): Float64Array {
  const rows = matrix.length / columns
  const v = new Float64Array(rows - from)
  for (let i = from; i < rows; i++) v[i - from] = matrix[i * columns + column]!
  return v
}

/**
 * Applies the reflection I − 2vvᵀ/(vᵀv) to rows `from` onwards of `matrix`,
 * columns `firstColumn` onwards. Both passes walk rows, the storage order.
 */
function reflect(
  matrix: Float64Array,
  columns: number,
  v: Float64Array,
  vNormSquared: number,
  from: number,
  firstColumn: number,
): void {
  const factors = new Float64Array(columns)
  for (let i = 0; i < v.length; i++) {
    const row = (from + i) * columns
    for (let j = firstColumn; j < columns; j++) factors[j]! += v[i]! * matrix[row + j]!
  }
  for (let j = firstColumn; j < columns; j++) factors[j] = (2 * factors[j]!) / vNormSquared
  for (let i = 0; i < v.length; i++) {
    const row = (from + i) * columns
    for (let j = firstColumn; j < columns; j++) matrix[row + j]! -= factors[j]! * v[i]!
  }
}

/**
 * Householder QR of `a` (`rows × columns` row-major, `rows >= columns`), in
 * float64: each reflection maps a column below the diagonal onto the axis with
 * the sign that avoids cancellation, so the diagonal of R may be negative (as
 * in LAPACK and Eigen). A column already zero below the diagonal is left as
 * is, with a 0 on R's diagonal.
 *
 * @example
 * thinQr([3, 4], 2, 1).rDiagonal // Float64Array [-5]
 */
export function thinQr(a: ArrayLike<number>, rows: number, columns: number): ThinQr {
  const r = Float64Array.from(a)
  const reflectors: { v: Float64Array; normSquared: number }[] = []
  const rDiagonal = new Float64Array(columns)
  for (let k = 0; k < columns; k++) {
    const v = columnBelow(r, columns, k, k)
    const norm = Math.sqrt(v.reduce((acc, x) => acc + x * x, 0))
    const alpha = v[0]! > 0 ? -norm : norm
    v[0]! -= alpha
    const normSquared = v.reduce((acc, x) => acc + x * x, 0)
    rDiagonal[k] = alpha
    reflectors.push({ v, normSquared })
    if (normSquared > 0) reflect(r, columns, v, normSquared, k, k)
  }
  // Q = H₀ H₁ … applied to the first `columns` columns of the identity, last reflection first.
  const q = new Float64Array(rows * columns)
  for (let j = 0; j < columns; j++) q[j * columns + j] = 1
  for (let k = columns - 1; k >= 0; k--) {
    const { v, normSquared } = reflectors[k]!
    if (normSquared > 0) reflect(q, columns, v, normSquared, k, k)
  }
  return { q, rDiagonal }
}
