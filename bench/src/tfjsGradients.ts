// tfjs-core registers op gradients only on request; `tf.variableGrads` and `minimize` need them.
import '@tensorflow/tfjs-core/dist/register_all_gradients'
import * as tf from '@tensorflow/tfjs-core'

// tfjs has no gradient for Greater, which the seed's asymmetric loss feeds to `where`. TF declares comparisons
// not differentiable; this gives zeros, as tfjs's own GreaterEqual gradient does, so the same function runs in both.
if (tf.getGradient('Greater') === undefined) {
  tf.registerGradient({
    kernelName: 'Greater',
    inputsToSave: ['a', 'b'],
    gradFunc: (_dy, saved) => {
      const [a, b] = saved
      return { a: () => tf.zerosLike(a!), b: () => tf.zerosLike(b!) }
    },
  })
}
