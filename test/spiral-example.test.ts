// Runs examples/08-spiral.ts by the command its header gives: a 3-class spiral classifier
// with batch norm and dropout, evaluated every epoch and stopped early on
// the validation loss. Its run is deterministic (seeded data, split, init,
// shuffling and dropout); the bounds leave room for float32 rounding changes.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { PNG } from 'pngjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { EXAMPLE_TIMEOUT, runExample } from './seedExample'

const printed = (output: string, label: string): number => {
  const match = new RegExp(`^${label}: (\\d\\.\\d{4})$`, 'm').exec(output)
  if (match === null) throw new Error(`the example printed no "${label}" line:\n${output}`)
  return Number(match[1])
}

describe('examples/08-spiral.ts', () => {
  let output = ''
  beforeAll(() => {
    output = runExample('08-spiral.ts')
  }, EXAMPLE_TIMEOUT)

  it('prints the validation loss and accuracy every 20 epochs', () => {
    expect(output).toMatch(/^epoch {2}20: validation loss \d\.\d{4}, accuracy \d\.\d{4}$/m)
  })

  it('stops early, before its 300 epochs', () => {
    const [, epoch] = /^stopped early after epoch (\d+) \(step \d+\)/m.exec(output) ?? []
    expect(Number(epoch)).toBeLessThan(300)
  })

  it('classifies the validation and training sets (measured: 1.0000 and 0.9917)', () => {
    expect(printed(output, 'validation accuracy')).toBeGreaterThanOrEqual(0.95)
    expect(printed(output, 'train accuracy')).toBeGreaterThanOrEqual(0.95)
  })

  it('saves the decision regions as a 640 x 480 PNG under examples/out', () => {
    expect(output).toMatch(/^decision regions saved to examples\/out\/spiral-regions\.png$/m)
    const file = fileURLToPath(new URL('../examples/out/spiral-regions.png', import.meta.url))
    const png = PNG.sync.read(readFileSync(file))
    expect([png.width, png.height]).toEqual([640, 480])
  })
})
