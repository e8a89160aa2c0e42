import { valueAndGrad } from '@gradstream/autodiff'
import { treeLeaves } from '@gradstream/tensor'
import type { Params } from '@gradstream/tensor'
import * as tf from '@tensorflow/tfjs-core'
import { maxRelativeDifference } from '../data'
import { batchAt, linearProblem, mlpProblem, totalLoss } from '../seedProblems'
import type { Problem } from '../seedProblems'
import { tfjsLinear, tfjsMlp } from '../tfjsProblems'
import type { TfjsProblem } from '../tfjsProblems'
import type { Metric, Workload, WorkloadCase } from '../workload'

const MICROSECONDS_PER_PASS: Metric = { unit: 'µs/pass', value: (n, s) => (s * 1e6) / n, higherIsBetter: false }

/** gradstream's pass: the loss and its gradient with respect to every parameter. */
function ourPass<P extends Params>(problem: Problem<P>) {
  const batch = batchAt(problem, 0)
  const valueAndGradOf = valueAndGrad((params: P) => totalLoss(problem.loss(params, batch)))
  return () => valueAndGradOf(problem.params)
}

/** tfjs's pass on the same batch; the caller disposes what it makes inside a tidy. */
function theirPass(problem: TfjsProblem) {
  const batch = problem.batchAt(0)
  return () => tf.variableGrads(() => problem.loss(batch), [...problem.variables])
}

/** The largest relative difference over the loss and every gradient leaf. */
function difference<P extends Params>(problem: Problem<P>, theirs: TfjsProblem): number {
  const ours = ourPass(problem)()
  return tf.tidy(() => {
    const { value, grads } = theirPass(theirs)()
    const leaves = treeLeaves(ours.grads)
    const gradDifferences = theirs.variables.map((v, i) =>
      maxRelativeDifference(leaves[i]!.dataSync(), grads[v.name]!.dataSync()),
    )
    return Math.max(maxRelativeDifference([ours.value.item()], value.dataSync()), ...gradDifferences)
  })
}

/** A case whose problems are built on first use, after the bench has chosen tfjs's backend. */
function autodiffCase<P extends Params>(
  label: string,
  makeProblem: () => Problem<P>,
  makeTheirs: (problem: Problem<P>) => TfjsProblem,
): WorkloadCase {
  let built: { problem: Problem<P>; theirs: TfjsProblem } | undefined
  const problems = () => {
    if (built === undefined) {
      const problem = makeProblem()
      built = { problem, theirs: makeTheirs(problem) }
    }
    return built
  }
  return {
    label,
    work: 1,
    samples: 11,
    gradstream: () => {
      const pass = ourPass(problems().problem)
      return () => void pass().value.item()
    },
    tfjs: () => {
      const pass = theirPass(problems().theirs)
      return () => tf.tidy(() => void pass().value.dataSync())
    },
    check: () => {
      const { problem, theirs } = problems()
      const worst = difference(problem, theirs)
      return worst > 1e-5 ? `loss or gradients differ by up to ${worst.toExponential(2)}` : undefined
    },
  }
}

/**
 * One forward and backward pass of the seed's two models: gradstream's `valueAndGrad` against tfjs's
 * `variableGrads` on the same function, batch and parameter values.
 */
export const autodiffWorkload: Workload = {
  title: 'autodiff: loss and gradients of the seed models, valueAndGrad vs tf.variableGrads, float32',
  metric: MICROSECONDS_PER_PASS,
  cases: [
    autodiffCase(
      'linear y = x·w1, mean squared error, batch 8',
      () => linearProblem('mse'),
      (problem) => tfjsLinear(problem, 'mse'),
    ),
    autodiffCase('MLP [2, 10, 5, 3, 1] elu, L2 0.003 + mse, 150 points', mlpProblem, tfjsMlp),
  ],
}
