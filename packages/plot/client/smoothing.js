// TensorBoard's scalar smoothing, so a curve here reads as it does there.

/**
 * TensorBoard's debiased exponential moving average (its scalar dashboard's
 * smoothing slider): `last = last * weight + (1 - weight) * value`, started
 * at 0 and divided by `1 - weight ** n` after the n-th finite value, which
 * removes the pull towards 0. As in TensorBoard, a constant series and any
 * value that is not finite are passed through unchanged, and `weight` 0
 * gives the values back. Returns a new array; `values` is not changed.
 *
 * @example
 * debiasedSmoothing([1, 3], 0.5) // [1, 2.3333333333333335]: (0.5 * 0.5 + 0.5 * 3) / (1 - 0.25)
 */
export function debiasedSmoothing(values, weight) {
  const constant = values.every((value) => value === values[0])
  let last = 0
  let finiteSeen = 0
  return values.map((value) => {
    if (constant || !Number.isFinite(value)) return value
    last = last * weight + (1 - weight) * value
    finiteSeen++
    // weight 1 would divide by 0: TensorBoard then leaves the average as it is (it stays 0)
    const debias = weight === 1 ? 1 : 1 - weight ** finiteSeen
    return last / debias
  })
}
