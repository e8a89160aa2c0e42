// Runs examples/09-csv-classifier.ts as the demo does: the Iris CSV file read
// with readCsv, a seeded stratified split, standardisation, and a softmax
// classifier evaluated on the test set. Its run is deterministic; the bound
// leaves room for float32 rounding changes.
import { beforeAll, describe, expect, it } from 'vitest'
import { EXAMPLE_TIMEOUT, runExample } from './seedExample'

describe('examples/09-csv-classifier.ts', () => {
  let output = ''
  beforeAll(() => {
    output = runExample('09-csv-classifier.ts')
  }, EXAMPLE_TIMEOUT)

  it('reads the 150 rows, the four measurements and the three species from the CSV file', () => {
    expect(output).toContain(
      'read 150 rows of sepal_length, sepal_width, petal_length, petal_width; classes setosa, versicolor, virginica',
    )
  })

  it('prints the test loss and accuracy every 10 epochs', () => {
    expect(output).toMatch(/^epoch 10: test loss \d\.\d{4}, accuracy \d\.\d{4}$/m)
    expect(output).toMatch(/^epoch 60: test loss \d\.\d{4}, accuracy \d\.\d{4}$/m)
  })

  it('classifies the 30 test flowers (measured: 0.9667, one flower wrong)', () => {
    const [, accuracy] = /^test accuracy: (\d\.\d{4}) \(30 flowers\)$/m.exec(output) ?? []
    expect(Number(accuracy)).toBeGreaterThanOrEqual(0.93)
  })
})
