// The LeNet-style network of the convolution issue, for 28x28 grey images
// and ten classes; the MNIST example, its test and the bench train this one.
import { conv2d, dense, flatten, maxPool, sequential } from '@gradstream/nn'
import { relu } from '@gradstream/tensor'

/**
 * conv 5x5x6 VALID relu, max pool 2, conv 5x5x16 VALID relu, max pool 2,
 * flatten, dense 256-120-84-10 (relu on the hidden ones): logits [batch, 10]
 * of images [batch, 28, 28, 1]. Glorot-uniform kernels and zero biases, as
 * `tf.layers` makes them.
 *
 * @example
 * const model = lenet()
 * const params = model.init(1)
 * console.log(model.apply(params, zeros([2, 28, 28, 1])).output.shape) // [2, 10]
 */
export function lenet() {
  return sequential({
    conv1: conv2d({ inChannels: 1, filters: 6, kernelSize: 5, activation: relu }),
    pool1: maxPool({ ksize: 2 }),
    conv2: conv2d({ inChannels: 6, filters: 16, kernelSize: 5, activation: relu }),
    pool2: maxPool({ ksize: 2 }),
    flat: flatten(),
    fc1: dense({ inputSize: 256, outputSize: 120, activation: relu }),
    fc2: dense({ inputSize: 120, outputSize: 84, activation: relu }),
    out: dense({ inputSize: 84, outputSize: 10 }),
  })
}

/** The LeNet model, its params and its (empty) state as `lenet` types them. */
export type Lenet = ReturnType<typeof lenet>
