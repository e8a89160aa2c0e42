// The seed's custom-loss model trained by hand: y = x·w1 on batches of 8 cycling through the 128 rows, the
// asymmetric loss (too little costs 10 per unit, too much 1), its gradient derived by hand, TF1's Adam.
import type { Problem, LinearParams } from '../seedProblems'
import { handWrittenAdam } from './tf1Adam'

/** Trains for `steps` steps from the problem's initial w1 and returns the final w1, as a run of `trainingLoops`. */
export function handWrittenLinearRun(problem: Problem<LinearParams>, learningRate: number) {
  const x = Float32Array.from(problem.data.x.dataSync())
  const y = Float32Array.from(problem.data.y.dataSync())
  const rows = y.length
  const initial = Float32Array.from(problem.params.w1.dataSync())
  const grad = new Float32Array(2)
  return (steps: number): Float32Array[] => {
    const w = initial.slice()
    const adam = handWrittenAdam(learningRate, [2])
    for (let step = 0; step < steps; step++) {
      const start = (step * problem.batchSize) % rows
      const end = Math.min(start + problem.batchSize, rows)
      let g0 = 0
      let g1 = 0
      for (let i = start; i < end; i++) {
        const prediction = x[2 * i]! * w[0]! + x[2 * i + 1]! * w[1]!
        // d loss / d prediction: +1 above the label (over), -10 at or below it (under).
        const slope = prediction > y[i]! ? 1 : -10
        g0 += x[2 * i]! * slope
        g1 += x[2 * i + 1]! * slope
      }
      grad[0] = g0
      grad[1] = g1
      adam.step([w], [grad])
    }
    return [w]
  }
}
