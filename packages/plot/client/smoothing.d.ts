/** TensorBoard's debiased exponential moving average of `values` (see smoothing.js). */
export declare function debiasedSmoothing(values: readonly number[], weight: number): number[]
