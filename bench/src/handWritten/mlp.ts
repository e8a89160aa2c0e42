// The seed's regularized MLP trained by hand: [2, 10, 5, 3, 1] with elu after every layer, on all 150 points
// every step, loss 0.003·Σw²/2 over the weights (TF1's l2_regularizer) plus Σ(y − ŷ)²/n, the backward pass
// derived by hand, TF1's Adam. Every buffer is allocated once, as a hand-written loop would.
import type { MlpParams } from '@gradstream/nn'
import type { Problem } from '../seedProblems'
import { handWrittenAdam } from './tf1Adam'

const L2_SCALE = 0.003

interface Layer {
  readonly inputs: number
  readonly outputs: number
  readonly w: Float32Array
  readonly b: Float32Array
  readonly dw: Float32Array
  readonly db: Float32Array
  /** This layer's output for every row (after elu), and the loss's gradient with respect to its pre-activation. */
  readonly out: Float32Array
  readonly dz: Float32Array
}

function layersOf(params: MlpParams, rows: number): Layer[] {
  return params.layers.map(({ w, b }) => {
    const [inputs, outputs] = [w.shape[0]!, w.shape[1]!]
    return {
      inputs,
      outputs,
      w: Float32Array.from(w.dataSync()),
      b: Float32Array.from(b.dataSync()),
      dw: new Float32Array(inputs * outputs),
      db: new Float32Array(outputs),
      out: new Float32Array(rows * outputs),
      dz: new Float32Array(rows * outputs),
    }
  })
}

/** out = elu(input·w + b), row by row. */
function forward(layer: Layer, input: Float32Array, rows: number): void {
  const { inputs, outputs, w, b, out } = layer
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < outputs; j++) {
      let z = b[j]!
      for (let k = 0; k < inputs; k++) z += input[r * inputs + k]! * w[k * outputs + j]!
      out[r * outputs + j] = z > 0 ? z : Math.exp(z) - 1
    }
  }
}

/** From dz (already holding d loss / d out), the pre-activation's gradient, then dw, db and the input's gradient. */
function backward(layer: Layer, input: Float32Array, rows: number, dInput: Float32Array | undefined): void {
  const { inputs, outputs, w, dw, db, out, dz } = layer
  // elu'(z) is 1 above 0 and exp(z) = out + 1 at or below it.
  for (let i = 0; i < rows * outputs; i++) if (!(out[i]! > 0)) dz[i] = dz[i]! * (out[i]! + 1)
  for (let k = 0; k < inputs; k++) {
    for (let j = 0; j < outputs; j++) {
      let sum = L2_SCALE * w[k * outputs + j]!
      for (let r = 0; r < rows; r++) sum += input[r * inputs + k]! * dz[r * outputs + j]!
      dw[k * outputs + j] = sum
    }
  }
  for (let j = 0; j < outputs; j++) {
    let sum = 0
    for (let r = 0; r < rows; r++) sum += dz[r * outputs + j]!
    db[j] = sum
  }
  if (dInput === undefined) return
  for (let r = 0; r < rows; r++) {
    for (let k = 0; k < inputs; k++) {
      let sum = 0
      for (let j = 0; j < outputs; j++) sum += dz[r * outputs + j]! * w[k * outputs + j]!
      dInput[r * inputs + k] = sum
    }
  }
}

/** Trains for `steps` steps from the problem's initial params; returns them in leaf order (w, b of each layer). */
export function handWrittenMlpRun(problem: Problem<MlpParams>, learningRate: number) {
  const x = Float32Array.from(problem.data.x.dataSync())
  const y = Float32Array.from(problem.data.y.dataSync())
  const rows = y.length
  return (steps: number): Float32Array[] => {
    const layers = layersOf(problem.params, rows)
    const params = layers.flatMap(({ w, b }) => [w, b])
    const grads = layers.flatMap(({ dw, db }) => [dw, db])
    const adam = handWrittenAdam(
      learningRate,
      params.map((p) => p.length),
    )
    const last = layers[layers.length - 1]!
    for (let step = 0; step < steps; step++) {
      layers.forEach((layer, i) => forward(layer, i === 0 ? x : layers[i - 1]!.out, rows))
      // d/dŷ of Σ(y − ŷ)²/n
      for (let r = 0; r < rows; r++) last.dz[r] = (2 * (last.out[r]! - y[r]!)) / rows
      for (let i = layers.length - 1; i >= 0; i--) {
        const input = i === 0 ? x : layers[i - 1]!.out
        backward(layers[i]!, input, rows, i === 0 ? undefined : layers[i - 1]!.dz)
      }
      adam.step(params, grads)
    }
    return params
  }
}
