import { ConfigError, GradstreamError, ShapeError, StructureError } from '@gradstream/core'
import { tensor } from '@gradstream/tensor'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { confusionMatrixFigure } from './confusionMatrixFigure'

const cells = (svg: string) =>
  Array.from(
    svg.matchAll(
      /<rect class="cell" data-true="(\d+)" data-predicted="(\d+)" data-value="([^"]+)" [^>]*fill="([^"]+)"/g,
    ),
    ([, t, p, value, fill]) => ({ t: Number(t), p: Number(p), value: Number(value), fill: fill! }),
  )
const values = (svg: string) =>
  Array.from(svg.matchAll(/<text class="value" [^>]*fill="(white|black)">([^<]*)<\/text>/g), ([, color, text]) => ({
    color: color!,
    text: text!,
  }))
const names = (svg: string, axis: 'true' | 'predicted') =>
  Array.from(svg.matchAll(new RegExp(`<text class="class-name ${axis}"[^>]*>([^<]*)</text>`, 'g')), ([, name]) => name)

const counts = [
  [5, 1, 0],
  [0, 6, 2],
  [1, 0, 9],
]

describe('confusionMatrixFigure', () => {
  it('draws one cell per entry, rows the true class and columns the prediction, with its count', () => {
    const svg = confusionMatrixFigure(counts)
    expect(cells(svg).map(({ t, p, value }) => [t, p, value])).toEqual(
      counts.flatMap((row, t) => row.map((value, p) => [t, p, value])),
    )
    expect(values(svg).map((v) => v.text)).toEqual(['5', '1', '0', '0', '6', '2', '1', '0', '9'])
    // centred under the three 72-pixel columns, which start at x = 51
    expect(svg).toContain('<text class="label x" x="159" y="272" text-anchor="middle">predicted</text>')
    expect(svg).toMatch(/<text class="label y" [^>]*>true<\/text>/)
  })

  it('labels the axes with xLabel and yLabel, escaped', () => {
    const svg = confusionMatrixFigure(counts, { xLabel: 'model says', yLabel: 'label <gold>' })
    expect(svg).toMatch(/<text class="label x" [^>]*>model says<\/text>/)
    expect(svg).toMatch(/<text class="label y" [^>]*>label &lt;gold&gt;<\/text>/)
    expect(svg).not.toContain('>predicted</text>')
  })

  it('shades relative to the largest count: white-ish for 0, darkest for the largest', () => {
    const drawn = cells(confusionMatrixFigure(counts))
    expect(drawn.find((c) => c.value === 0)!.fill).toBe('rgb(247, 251, 255)') // Blues(0)
    expect(drawn.find((c) => c.value === 9)!.fill).toBe('rgb(8, 48, 107)') // Blues(1)
  })

  it('writes black on light cells and white on dark ones', () => {
    const written = values(confusionMatrixFigure(counts))
    expect(written.find((v) => v.text === '9')!.color).toBe('white')
    expect(written.filter((v) => v.text === '0').every((v) => v.color === 'black')).toBe(true)
  })

  it('normalizes each row by its sum, and a row with no samples to zeros', () => {
    const svg = confusionMatrixFigure(
      [
        [3, 1],
        [0, 0],
      ],
      { normalize: true },
    )
    expect(cells(svg).map((c) => c.value)).toEqual([0.75, 0.25, 0, 0])
    expect(values(svg).map((v) => v.text)).toEqual(['0.75', '0.25', '0.00', '0.00'])
  })

  it('labels both axes with the class names (default 0..k-1), escaped', () => {
    expect(names(confusionMatrixFigure(counts), 'true')).toEqual(['0', '1', '2'])
    const svg = confusionMatrixFigure(counts, { classNames: ['a<b', 'dog', '"c"'], title: 'R&D' })
    expect(names(svg, 'true')).toEqual(['a&lt;b', 'dog', '&quot;c&quot;'])
    expect(names(svg, 'predicted')).toEqual(['a&lt;b', 'dog', '&quot;c&quot;'])
    expect(svg).toContain('<text class="title" x="')
    expect(svg).toContain('>R&amp;D</text>')
  })

  it('turns column names that are wider than a cell', () => {
    const svg = confusionMatrixFigure(counts, { classNames: ['a very long class name', 'b', 'c'] })
    expect(svg).toMatch(/<text class="class-name predicted" transform="translate\([^)]+\) rotate\(-45\)"/)
  })

  it('writes counts that are not whole to 3 significant digits, and leaves cells too small for text empty', () => {
    expect(values(confusionMatrixFigure([[2 / 3]])).map((v) => v.text)).toEqual(['0.667'])
    const many = Array.from({ length: 40 }, () => new Array<number>(40).fill(100)) // 14 px cells
    const svg = confusionMatrixFigure(many)
    expect(cells(svg)).toHaveLength(1600)
    expect(values(svg)).toHaveLength(0)
  })

  it('names a matrix that is not square or not counts', () => {
    expect(() => confusionMatrixFigure([[1, 2], [3]])).toThrow(
      new ShapeError('confusionMatrixFigure', 'matrix must be square: it has 2 rows but matrix[1] has 1 entries'),
    )
    expect(() => confusionMatrixFigure([])).toThrow(
      new ShapeError('confusionMatrixFigure', 'matrix must have between 1 and 100 classes, got 0'),
    )
    expect(() =>
      confusionMatrixFigure([
        [1, -1],
        [0, 1],
      ]),
    ).toThrow(new ConfigError('confusionMatrixFigure', 'matrix[0][1] must be a finite number >= 0, got -1'))
    expect(() => confusionMatrixFigure([[1, 0], 'ab'] as never)).toThrow(
      new StructureError('confusionMatrixFigure', 'matrix[1] must be an array of numbers, got "ab"'),
    )
    expect(() => confusionMatrixFigure(tensor([[1]]) as never)).toThrow(
      new ConfigError(
        'confusionMatrixFigure',
        'matrix must be an array of rows of numbers (pass a tensor as tensor.toArray()), got a Tensor',
      ),
    )
  })

  it('names bad options', () => {
    expect(() => confusionMatrixFigure(counts, { classNames: ['a', 'b'] })).toThrow(
      new ShapeError('confusionMatrixFigure', 'classNames has 2 names for 3 classes'),
    )
    expect(() => confusionMatrixFigure(counts, { classNames: ['a', 'b', 3] as never })).toThrow(
      new ConfigError('confusionMatrixFigure', 'classNames[2] must be a string, got 3'),
    )
    expect(() => confusionMatrixFigure(counts, { normalize: 1 as never })).toThrow(
      new ConfigError('confusionMatrixFigure', 'normalize must be a boolean, got 1'),
    )
    expect(() => confusionMatrixFigure(counts, { normalise: true } as never)).toThrow(
      "confusionMatrixFigure: unknown option 'normalise'; expected one of classNames, title, normalize, xLabel, yLabel",
    )
    expect(() => confusionMatrixFigure(counts, { xLabel: 3 as never })).toThrow(
      new ConfigError('confusionMatrixFigure', 'xLabel must be a string, got 3'),
    )
    expect(() => confusionMatrixFigure(counts, { yLabel: null as never })).toThrow(
      new ConfigError('confusionMatrixFigure', 'yLabel must be a string, got null'),
    )
    expect(confusionMatrixFigure(counts, undefined)).toBe(confusionMatrixFigure(counts, {}))
  })

  it('draws or throws a named error for random input, and leaves it untouched', () => {
    const entry = fc.oneof(fc.nat(1000), fc.double(), fc.string({ maxLength: 2 }), fc.constant(undefined))
    const matrix = fc.array(fc.array(entry, { maxLength: 4 }), { maxLength: 4 })
    const options = fc.record(
      { classNames: fc.array(fc.string({ maxLength: 3 }), { maxLength: 4 }), normalize: fc.boolean() },
      { requiredKeys: [] },
    )
    fc.assert(
      fc.property(matrix, options, (m, o) => {
        const before = JSON.stringify([m, o])
        try {
          expect(confusionMatrixFigure(m as number[][], o)).toMatch(/^<svg /)
        } catch (error) {
          expect(error).toBeInstanceOf(GradstreamError)
          expect((error as Error).message).toMatch(/^confusionMatrixFigure: /)
        }
        expect(JSON.stringify([m, o])).toBe(before)
      }),
      { numRuns: 200 },
    )
  })
})
