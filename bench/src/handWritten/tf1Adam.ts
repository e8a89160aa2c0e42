// Adam as someone without a framework writes it from TF1's AdamOptimizer docs: the bias correction folded into
// the step size, ε added to √v, moments kept in Float32Arrays updated in place (double arithmetic, one rounding
// at each store, so it agrees with gradstream's float32 kernel to float32 tolerance, not bit for bit).

/** One parameter's Adam slots. */
export interface AdamSlots {
  readonly m: Float32Array
  readonly v: Float32Array
}

/** Adam(learningRate) with TF1's defaults, over parameters updated in place. */
export interface HandWrittenAdam {
  /** Applies one update to every parameter from its gradient (same order as the slots were made). */
  readonly step: (params: readonly Float32Array[], grads: readonly Float32Array[]) => void
}

const BETA1 = 0.9
const BETA2 = 0.999
const EPSILON = 1e-8

/** TF1's Adam for parameters of the given sizes: `alpha = lr·√(1−β₂ᵗ)/(1−β₁ᵗ)`, `p −= alpha·m/(√v + ε)`. */
export function handWrittenAdam(learningRate: number, sizes: readonly number[]): HandWrittenAdam {
  const slots: AdamSlots[] = sizes.map((size) => ({ m: new Float32Array(size), v: new Float32Array(size) }))
  let beta1Power = 1
  let beta2Power = 1
  return {
    step: (params, grads) => {
      beta1Power *= BETA1
      beta2Power *= BETA2
      const alpha = (learningRate * Math.sqrt(1 - beta2Power)) / (1 - beta1Power)
      for (let k = 0; k < params.length; k++) {
        const p = params[k]!
        const g = grads[k]!
        const { m, v } = slots[k]!
        for (let i = 0; i < p.length; i++) {
          const gi = g[i]!
          m[i] = m[i]! + (gi - m[i]!) * (1 - BETA1)
          v[i] = v[i]! + (gi * gi - v[i]!) * (1 - BETA2)
          p[i] = p[i]! - (alpha * m[i]!) / (Math.sqrt(v[i]!) + EPSILON)
        }
      }
    },
  }
}
