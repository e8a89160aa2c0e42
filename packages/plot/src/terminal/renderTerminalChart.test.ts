import { ConfigError, StructureError } from '@gradstream/core'
import { describe, expect, it } from 'vitest'
import { formatTick, renderTerminalChart } from './renderTerminalChart'

describe('renderTerminalChart', () => {
  it('resamples by linear interpolation and draws an asciichart with an x axis', () => {
    // [1, 1] and [3, 3] at 3 columns give the column values 1, 2, 3; asciichart draws
    // the first value on the axis (┼) and one rising step (╯ then ╭) per column after it.
    const text = renderTerminalChart(
      [
        {
          name: 'a',
          points: [
            [1, 1],
            [3, 3],
          ],
        },
      ],
      { width: 3, height: 2 },
    )
    expect(text.split('\n')).toEqual(['         3 ┤ ╭ ', '         2 ┤╭╯ ', '         1 ┼╯  ', '           1 3'])
  })

  it('labels a log scale with the values, not their logarithms', () => {
    const text = renderTerminalChart(
      [
        {
          name: 'loss',
          points: [
            [1, 100],
            [2, 10],
            [3, 1],
          ],
        },
      ],
      { width: 3, height: 2, logY: true },
    )
    expect(text.split('\n').map((line) => line.slice(0, 10).trim())).toEqual(['100', '10', '1', ''])
  })

  it('adds a title and a legend naming each line when there are several', () => {
    const text = renderTerminalChart(
      [
        {
          name: 'loss',
          points: [
            [0, 1],
            [10, 0.5],
          ],
        },
        {
          name: 'mse',
          points: [
            [0, 0.8],
            [10, 0.1],
          ],
        },
      ],
      { title: 'run A' },
    )
    const lines = text.split('\n')
    expect(lines[0]).toBe('run A')
    expect(lines.at(-1)).toBe('── loss   ── mse')
    expect(lines).toHaveLength(1 + 11 + 1 + 1) // title, height + 1 rows, x axis, legend
  })

  it('colours lines with ANSI codes only when asked', () => {
    const series = [
      {
        name: 'loss',
        points: [
          [0, 1],
          [1, 2],
        ] as const,
      },
    ]
    expect(renderTerminalChart(series, { colors: true })).toContain('\x1b[34m')
    expect(renderTerminalChart(series)).not.toContain('\x1b[')
  })

  it('leaves out non-finite values and, on a log scale, non-positive ones', () => {
    const text = renderTerminalChart(
      [
        {
          name: 'loss',
          points: [
            [1, 0],
            [2, NaN],
            [3, 10],
            [4, 1],
          ],
        },
      ],
      { width: 4, height: 1, logY: true },
    )
    expect(text.split('\n').at(-1)!.trim()).toBe('3  4')
  })

  it('throws when nothing is drawable', () => {
    expect(() => renderTerminalChart([{ name: 'loss', points: [[1, NaN]] }])).toThrow(
      'renderTerminalChart: no finite values to draw',
    )
    expect(() => renderTerminalChart([{ name: 'loss', points: [[1, -1]] }], { logY: true })).toThrow(
      'renderTerminalChart: no positive finite values to draw on a log scale',
    )
  })

  it('throws on a width below 2 and on sizes beyond any terminal', () => {
    expect(() => renderTerminalChart([], { width: 1 })).toThrow(
      'renderTerminalChart: width must be an integer >= 2 and <= 1000, got 1',
    )
    expect(() => renderTerminalChart([], { height: 1e9 })).toThrow(
      'renderTerminalChart: height must be an integer >= 1 and <= 1000, got 1000000000',
    )
  })

  it('refuses unknown layout options and series that are not lines of [x, y] pairs', () => {
    // @ts-expect-error: not a layout option
    expect(() => renderTerminalChart([], { hieght: 5 })).toThrow(
      "renderTerminalChart: unknown option 'hieght'; expected one of width, height, logY, colors, title",
    )
    // @ts-expect-error: logY is a boolean
    expect(() => renderTerminalChart([], { logY: 'yes' })).toThrow(
      'renderTerminalChart: logY must be a boolean, got "yes"',
    )
    // @ts-expect-error: series is an array
    expect(() => renderTerminalChart({ name: 'loss', points: [] })).toThrow(
      new ConfigError('renderTerminalChart', 'series must be an array, got an object'),
    )
    // @ts-expect-error: points are [x, y] pairs
    expect(() => renderTerminalChart([{ name: 'loss', points: [[1, 2, 3]] }])).toThrow(
      new StructureError('renderTerminalChart', 'series[0].points[0] must be an [x, y] pair of numbers, got an array'),
    )
  })
})

describe('formatTick', () => {
  it('keeps four significant digits and switches to exponents outside [1e-3, 1e5)', () => {
    expect([0, 0.0421683, 1234.56, 0.000123, 123456, -2.5].map(formatTick)).toEqual([
      '0',
      '0.04217',
      '1235',
      '1.23e-4',
      '1.23e+5',
      '-2.5',
    ])
  })
})
