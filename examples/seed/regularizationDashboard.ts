// What the dashboard shows of a regularization run: the output layer's three
// weights, and the data with the network's decision boundary.
import type { MlpParams } from '@gradstream/nn'
import type { DashboardOptions } from '@gradstream/plot'
import type { Snapshot } from '@gradstream/train'
import { circleData, net } from './regularizationModel'

export function regularizationDashboard(): DashboardOptions<Snapshot<MlpParams>> {
  const data = circleData()
  return {
    title: 'regularization: [2, 10, 5, 3, 1] ELU network',
    params: (s) => Object.fromEntries(s.params.layers[3]!.w.toFlatArray().map((w, i) => [`w4[${i}]`, w])),
    classifier: {
      points: data.x,
      labels: data.y,
      predict: (s, grid) => net.apply(s.params, grid),
      region: { x: [-1.2, 1.2], y: [-0.2, 2.2], step: 0.03 },
      everySteps: 500,
    },
  }
}
