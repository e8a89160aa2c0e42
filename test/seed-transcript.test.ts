// Runs the seed's examples (examples/02 to 05; 01 has its own test in
// common-ops.test.ts) and checks every number they print against the golden
// transcript, within the tolerance the golden file states for each.
import { readFileSync } from 'node:fs'
import { PNG } from 'pngjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { EXAMPLE_TIMEOUT, goldenSection, printedNumbers, printedTolerance, runExample } from './seedExample'
import type { GoldenNumber, GoldenSection } from './seedExample'

interface CustomLossSection extends GoldenSection {
  readonly runs: readonly {
    readonly run: string
    readonly prints: readonly {
      readonly label: string
      readonly w1: readonly GoldenNumber[]
      readonly tolerance?: number
    }[]
  }[]
}

/** A printed number is right when it is within the golden tolerance (or half its last printed digit). */
function expectClose(printed: string, golden: GoldenNumber, tolerance = printedTolerance(golden.printed)): void {
  expect(Math.abs(Number(printed) - golden.value)).toBeLessThanOrEqual(tolerance)
}

describe('examples/02-custom-loss.ts (自定义损失函数)', () => {
  const section = goldenSection<CustomLossSection>('custom_loss_and_mse')
  let prints: { label: string; w1: string[] }[] = []
  beforeAll(() => {
    const output = runExample('02-custom-loss.ts')
    prints = Array.from(
      output.matchAll(
        /(After \d+ training step\(s\), w1 is:|Final w1 is:)\s*\n\s*\[\[\s*(\S+?)\s*\]\s*\n\s*\[\s*(\S+?)\s*\]\]/g,
      ),
      ([, label, a, b]) => ({ label: label!, w1: [a!, b!] }),
    )
  }, EXAMPLE_TIMEOUT)
  const expected = section.runs.flatMap((run) => run.prints.map((print) => ({ run: run.run, ...print })))

  it('prints w1 after steps 0, 1000, ..., 4000 and at the end of each of the three runs', () => {
    expect(prints.map((p) => p.label)).toEqual(expected.map((p) => p.label))
  })

  it.each(expected.map((print, i) => [`${print.run}: ${print.label}`, i] as const))('%s', (_, i) => {
    const golden = expected[i]!
    prints[i]!.w1.forEach((printed, k) => expectClose(printed, golden.w1[k]!, golden.tolerance))
  })

  it('reproduces all 36 printed values to every digit', () => {
    const matches = expected.flatMap((golden, i) => golden.w1.map((g, k) => prints[i]!.w1[k] === g.printed))
    expect(matches.length).toBe(36)
    expect(matches.filter(Boolean).length).toBe(36)
  })
})

interface LearningRateSection extends GoldenSection {
  readonly subsections: readonly {
    readonly id: string
    readonly prints: readonly ({ readonly iteration: number } & Partial<GoldenNumber> & {
        x?: GoldenNumber
        learning_rate?: GoldenNumber
      })[]
  }[]
}

describe('examples/03-learning-rate.ts (学习率的设置)', () => {
  const section = goldenSection<LearningRateSection>('learning_rate')
  let lines: string[] = []
  beforeAll(() => {
    lines = runExample('03-learning-rate.ts').trim().split('\n')
  }, EXAMPLE_TIMEOUT)
  const expected = section.subsections.flatMap((sub) => sub.prints.map((print) => ({ sub: sub.id, ...print })))

  it("prints one line per golden print, with the seed's iteration numbers", () => {
    expect(lines.length).toBe(expected.length)
    lines.forEach((line, i) =>
      expect(line).toMatch(
        new RegExp(`^After ${expected[i]!.iteration} iteration\\(s\\): x${expected[i]!.iteration} is `),
      ),
    )
  })

  it.each(expected.map((print, i) => [`${print.sub} iteration ${print.iteration}`, i] as const))('%s', (_, i) => {
    const golden = expected[i]!
    const [, , x, rate] = printedNumbers(lines[i]!).map(String)
    if (golden.x !== undefined) {
      expect(x).toBe(golden.x.printed)
      expect(rate).toBe(golden.learning_rate!.printed)
      expectClose(rate!, golden.learning_rate!)
    } else {
      expect(x).toBe(golden.printed)
    }
    expectClose(x!, golden.x ?? (golden as GoldenNumber))
  })
})

interface EmaSection extends GoldenSection {
  readonly prints: readonly { readonly v1: GoldenNumber; readonly shadow: GoldenNumber }[]
}

describe('examples/05-moving-average.ts (滑动平均模型)', () => {
  const section = goldenSection<EmaSection>('ema')
  let lines: string[] = []
  beforeAll(() => {
    lines = runExample('05-moving-average.ts').trim().split('\n')
  }, EXAMPLE_TIMEOUT)

  it('prints [v1, shadow] as the seed does, exactly', () => {
    expect(lines).toEqual(section.prints.map((p) => `[${p.v1.printed}, ${p.shadow.printed}]`))
  })
})

interface RegularizersSection extends GoldenSection {
  readonly prints: readonly GoldenNumber[]
}

interface MlpSection extends GoldenSection {
  readonly printed_mse_loss: readonly { readonly step: number; readonly value: number }[]
  readonly printed_loss_with_l2: readonly { readonly step: number; readonly value: number }[]
}

describe('examples/04-regularization.ts (正则化)', () => {
  let lines: string[] = []
  beforeAll(() => {
    lines = runExample('04-regularization.ts').trim().split('\n')
  }, EXAMPLE_TIMEOUT)
  const lossLines = (label: string) =>
    lines.flatMap((line) => {
      const match = new RegExp(`^After (\\d+) steps, ${label}: (\\S+)$`).exec(line)
      return match ? [{ step: Number(match[1]), value: Number(match[2]) }] : []
    })

  it('prints the L1 and L2 regularizers of w exactly', () => {
    const golden = goldenSection<RegularizersSection>('regularizers')
    expect(lines.slice(0, 2)).toEqual(golden.prints.map((p) => p.printed))
  })

  // The seed's weights were unseeded, so its losses cannot be reproduced
  // number for number; the runs must show what the seed shows.
  const section = goldenSection<MlpSection>('regularization_mlp')

  it('prints the loss every 2000 steps of both 40000-step runs', () => {
    expect(lossLines('mse_loss').map((l) => l.step)).toEqual(section.printed_mse_loss.map((p) => p.step))
    expect(lossLines('loss').map((l) => l.step)).toEqual(section.printed_loss_with_l2.map((p) => p.step))
  })

  it('over-fits without L2: the mean squared error falls below 1e-4', () => {
    expect(lossLines('mse_loss').at(-1)!.value).toBeLessThan(1e-4)
  })

  it("settles near the seed's 0.05495 with L2", () => {
    const final = lossLines('loss').at(-1)!.value
    expect(Math.abs(final - 0.05495)).toBeLessThan(0.001)
  })

  it('says where each of its six figures went', () => {
    expect(lines.filter((line) => line.startsWith('saved '))).toEqual(
      ['data', 'boundary-no-L2', 'boundary-with-L2'].map(
        (name) => `saved examples/out/${name}.svg and examples/out/${name}.png`,
      ),
    )
  })

  it.each(['data', 'boundary-no-L2', 'boundary-with-L2'])('writes the figure %s as SVG and PNG', (name) => {
    const svg = readFileSync(new URL(`../examples/out/${name}.svg`, import.meta.url), 'utf8')
    expect(svg.match(/<circle class="point"/g)).toHaveLength(150)
    // The over-fitted boundary falls into several closed pieces; the data figure has none.
    const contours = svg.match(/<path class="contour"/g)?.length ?? 0
    if (name === 'data') expect(contours).toBe(0)
    else expect(contours).toBeGreaterThanOrEqual(1)
    const png = PNG.sync.read(readFileSync(new URL(`../examples/out/${name}.png`, import.meta.url)))
    expect([png.width, png.height]).toEqual([640, 480])
    expect(
      new Set(Array.from({ length: png.width * png.height }, (_, i) => png.data.readUInt32BE(i * 4))).size,
    ).toBeGreaterThan(10)
  })
})
