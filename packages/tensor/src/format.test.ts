import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { scalar, tensor } from './creation'
import { ConfigError } from './errors'
import { formatTensor } from './format'
import type { FormatOptions } from './format'
import type { Tensor } from './tensor'

// Expected strings come from numpy 2.4.6 (`str(a)` / `repr(a)`) unless a case
// says otherwise, and from the seed's printed arrays for the 1.13 legacy mode.
const str = (t: Tensor, options: FormatOptions = {}) => formatTensor(t, { ...options, style: 'str' })
const repr = (t: Tensor, options: FormatOptions = {}) => formatTensor(t, { ...options, style: 'repr' })
const legacy = { legacy: '1.13' } as const

function float32FromBits(hex: string): number {
  const view = new DataView(new ArrayBuffer(4))
  view.setUint32(0, Number.parseInt(hex, 16))
  return view.getFloat32(0)
}

describe('formatTensor (numpy >= 1.14 str)', () => {
  it('aligns decimal points and pads trimmed fractions with spaces', () => {
    expect(
      str(
        tensor([
          [2.5, 2.5, 3],
          [4, 4.5, 4.5],
        ]),
      ),
    ).toBe('[[2.5 2.5 3. ]\n [4.  4.5 4.5]]')
  })

  it('prints float32 values with their shortest float32 digits', () => {
    const logs = tensor([
      [0, 0.6931471824645996, 1.0986123085021973],
      [1.3862943649291992, 1.6094379425048828, 1.7917594909667969],
    ])
    expect(str(logs)).toBe('[[0.        0.6931472 1.0986123]\n [1.3862944 1.609438  1.7917595]]')
  })

  it('prints float64 values with at most 8 digits after the point, rounding the rest', () => {
    expect(str(tensor([0.1 + 0.2, 1 / 3, 2], undefined, 'float64'))).toBe('[0.3        0.33333333 2.        ]')
    expect(str(tensor([0.1, 0.25], undefined, 'float64'))).toBe('[0.1  0.25]')
  })

  it('keeps a column for the minus sign only when a value is negative', () => {
    expect(str(tensor([-0.8113182, 1.4845988, 0.06532937]))).toBe('[-0.8113182   1.4845988   0.06532937]')
    expect(str(tensor([-0, 1]))).toBe('[-0.  1.]')
  })

  it('switches to scientific notation for a wide range or tiny values', () => {
    expect(str(tensor([1e-5, 1, 123.25]))).toBe('[1.0000e-05 1.0000e+00 1.2325e+02]')
    expect(str(tensor([1e-5, 0.12345678], undefined, 'float64'))).toBe('[1.0000000e-05 1.2345678e-01]')
  })

  it('switches float32 to scientific notation from 1e6, as numpy 2 does', () => {
    expect(str(tensor([1234567, 2]))).toBe('[1.234567e+06 2.000000e+00]')
  })

  it('right-aligns nan and inf to the width of the numbers', () => {
    expect(str(tensor([NaN, 1.5, -Infinity]))).toBe('[ nan  1.5 -inf]')
    expect(str(tensor([NaN, Infinity], undefined, 'float64'))).toBe('[nan inf]')
  })

  it('prints bools as True/False and int32 right-aligned', () => {
    expect(str(tensor([true, false]))).toBe('[ True False]')
    expect(
      str(
        tensor(
          [
            [1, -20],
            [300, 4],
          ],
          undefined,
          'int32',
        ),
      ),
    ).toBe('[[  1 -20]\n [300   4]]')
  })

  it('wraps rows at 75 columns with a hanging indent', () => {
    const quarters = tensor(Array.from({ length: 30 }, (_, i) => i / 4))
    expect(str(quarters)).toBe(
      '[0.   0.25 0.5  0.75 1.   1.25 1.5  1.75 2.   2.25 2.5  2.75 3.   3.25\n' +
        ' 3.5  3.75 4.   4.25 4.5  4.75 5.   5.25 5.5  5.75 6.   6.25 6.5  6.75\n' +
        ' 7.   7.25]',
    )
  })

  it('separates the blocks of a rank-3 tensor with a blank line', () => {
    expect(
      str(
        tensor([
          [
            [0, 1],
            [2, 3],
          ],
          [
            [4, 5],
            [6, 7],
          ],
        ]),
      ),
    ).toBe('[[[0. 1.]\n  [2. 3.]]\n\n [[4. 5.]\n  [6. 7.]]]')
  })

  it('summarizes tensors over 1000 elements with three items at each end', () => {
    const long = tensor(Array.from({ length: 2000 }, (_, i) => i))
    expect(str(long)).toBe('[0.000e+00 1.000e+00 2.000e+00 ... 1.997e+03 1.998e+03 1.999e+03]')
    const square = tensor(new Int32Array(1600).fill(1), [40, 40])
    const row = ' [1 1 1 ... 1 1 1]'
    expect(str(square)).toBe(['[' + row.slice(1), row, row, ' ...', row, row, row + ']'].join('\n'))
  })

  it('prints an empty tensor as []', () => {
    expect(str(tensor([]))).toBe('[]')
    expect(str(tensor([], [2, 0]))).toBe('[]')
  })

  it('prints a rank-0 tensor as a numpy scalar, with shortest digits and no precision limit', () => {
    expect(str(scalar(3.5))).toBe('3.5')
    expect(str(scalar(16))).toBe('16.0')
    expect(str(scalar(0.6931472))).toBe('0.6931472')
    expect(str(scalar(1e-5))).toBe('1e-05')
    expect(str(scalar(1234567))).toBe('1.234567e+06')
    expect(str(scalar(NaN))).toBe('nan')
    expect(str(scalar(-Infinity))).toBe('-inf')
    expect(str(scalar(0.1 + 0.2, 'float64'))).toBe('0.30000000000000004')
    expect(str(scalar(1e16, 'float64'))).toBe('1e+16')
    expect(str(scalar(true))).toBe('True')
    expect(str(scalar(7, 'int32'))).toBe('7')
  })

  it('rounds to the precision option', () => {
    const constants = tensor([Math.PI, Math.E])
    expect(str(constants)).toBe('[3.1415927 2.7182817]')
    expect(str(constants, { precision: 3 })).toBe('[3.142 2.718]')
  })
})

describe('formatTensor (numpy >= 1.14 repr)', () => {
  it('indents continuation rows under the first and names the float32 dtype', () => {
    expect(
      repr(
        tensor([
          [2.5, 2.5, 3],
          [4, 4.5, 4.5],
        ]),
      ),
    ).toBe('array([[2.5, 2.5, 3. ],\n       [4. , 4.5, 4.5]], dtype=float32)')
  })

  it('leaves out the dtype for float64 and bool, as numpy does for its defaults', () => {
    expect(repr(tensor([0.1, 0.25], undefined, 'float64'))).toBe('array([0.1 , 0.25])')
    expect(repr(tensor([true, false]))).toBe('array([ True, False])')
    expect(
      repr(
        tensor(
          [
            [1, -20],
            [300, 4],
          ],
          undefined,
          'int32',
        ),
      ),
    ).toBe('array([[  1, -20],\n       [300,   4]], dtype=int32)')
  })

  it('wraps after the separator and keeps room for the closing parenthesis', () => {
    const quarters = tensor(Array.from({ length: 30 }, (_, i) => i / 4))
    expect(repr(quarters)).toBe(
      'array([0.  , 0.25, 0.5 , 0.75, 1.  , 1.25, 1.5 , 1.75, 2.  , 2.25, 2.5 ,\n' +
        '       2.75, 3.  , 3.25, 3.5 , 3.75, 4.  , 4.25, 4.5 , 4.75, 5.  , 5.25,\n' +
        '       5.5 , 5.75, 6.  , 6.25, 6.5 , 6.75, 7.  , 7.25], dtype=float32)',
    )
  })

  it('adds the shape of a summarized tensor, on a new line when the last one is full', () => {
    const long = tensor(Array.from({ length: 2000 }, (_, i) => i))
    expect(repr(long)).toBe(
      'array([0.000e+00, 1.000e+00, 2.000e+00, ..., 1.997e+03, 1.998e+03,\n' +
        '       1.999e+03], shape=(2000,), dtype=float32)',
    )
  })

  it('shows the dtype of any empty tensor and the shape unless it is (0,)', () => {
    expect(repr(tensor([]))).toBe('array([], dtype=float32)')
    expect(repr(tensor([], [2, 0]))).toBe('array([], shape=(2, 0), dtype=float32)')
    expect(repr(tensor([], undefined, 'float64'))).toBe('array([], dtype=float64)')
  })

  it('prints a rank-0 tensor inside array(...)', () => {
    expect(repr(scalar(3.5))).toBe('array(3.5, dtype=float32)')
    expect(repr(scalar(16))).toBe('array(16., dtype=float32)')
    expect(repr(scalar(true))).toBe('array(True)')
    expect(repr(scalar(7, 'int32'))).toBe('array(7, dtype=int32)')
  })

  it('is what toString() returns', () => {
    const t = tensor([
      [2.5, 2.5, 3],
      [4, 4.5, 4.5],
    ])
    expect(String(t)).toBe(repr(t))
  })
})

describe("formatTensor (legacy: '1.13', as the seed prints)", () => {
  // The seed's text lost its line breaks and runs of spaces; these are the
  // full numpy 1.13 strings, whose whitespace-collapsed forms are the seed's lines.
  it('prints clip_by_value and log results with exact %.8f digits', () => {
    expect(
      repr(
        tensor([
          [2.5, 2.5, 3],
          [4, 4.5, 4.5],
        ]),
        legacy,
      ),
    ).toBe('array([[ 2.5,  2.5,  3. ],\n       [ 4. ,  4.5,  4.5]], dtype=float32)')
    const logs = tensor([
      [0, 0.6931471824645996, 1.0986123085021973],
      [1.3862943649291992, 1.6094379425048828, 1.7917594909667969],
    ])
    expect(repr(logs, legacy)).toBe(
      'array([[ 0.        ,  0.69314718,  1.09861231],\n       [ 1.38629436,  1.60943794,  1.79175949]], dtype=float32)',
    )
  })

  it('prints whole numbers with a trailing point, right-aligned', () => {
    expect(
      repr(
        tensor([
          [5, 12],
          [21, 32],
        ]),
        legacy,
      ),
    ).toBe('array([[  5.,  12.],\n       [ 21.,  32.]], dtype=float32)')
    expect(str(tensor([1, 2]), legacy)).toBe('[ 1.  2.]')
    expect(str(tensor([1.5, 1.5]), legacy)).toBe('[ 1.5  1.5]')
  })

  it('names the bool dtype, as numpy 1.13 did', () => {
    expect(repr(tensor([false, false, true, true]), legacy)).toBe('array([False, False,  True,  True], dtype=bool)')
    expect(repr(tensor([4, 3, 3, 4]), legacy)).toBe('array([ 4.,  3.,  3.,  4.], dtype=float32)')
  })

  it('prints the w1 column vectors of the custom-loss runs', () => {
    const w1 = (a: string, b: string) => tensor([[float32FromBits(a)], [float32FromBits(b)]])
    expect(str(w1('bf4f7104', '3fbe281a'), legacy)).toBe('[[-0.81031823]\n [ 1.4855988 ]]')
    expect(str(w1('3c4c53ac', '4008ddeb'), legacy)).toBe('[[ 0.01247112]\n [ 2.1385448 ]]')
  })

  it('reproduces every printed w1 digit of the golden transcript', () => {
    const golden = JSON.parse(
      readFileSync(new URL('../../../test/golden/seed-transcript.json', import.meta.url), 'utf8'),
    ) as { sections: { id: string; runs?: { prints: { w1: { printed: string; sim_f32_bits: string }[] }[] }[] }[] }
    const runs = golden.sections.find((s) => s.id === 'custom_loss_and_mse')!.runs!
    const prints = runs.flatMap((run) => run.prints)
    expect(prints.length).toBe(18)
    for (const { w1 } of prints) {
      const text = str(tensor([[float32FromBits(w1[0]!.sim_f32_bits)], [float32FromBits(w1[1]!.sim_f32_bits)]]), legacy)
      expect(text.match(/-?\d+\.\d*/g)).toEqual(w1.map((v) => v.printed))
    }
  })

  it("uses '%.8e' for a wide range, as numpy 2.4 with legacy='1.13' does", () => {
    expect(repr(tensor([1e-5, 1]), legacy)).toBe('array([  9.99999975e-06,   1.00000000e+00], dtype=float32)')
  })

  it("matches numpy 2.4 with legacy='1.13' for nan, int32, empty and summarized tensors", () => {
    expect(str(tensor([NaN, 1.5, -Infinity]), legacy)).toBe('[ nan  1.5 -inf]')
    expect(
      repr(
        tensor(
          [
            [1, -20],
            [300, 4],
          ],
          undefined,
          'int32',
        ),
        legacy,
      ),
    ).toBe('array([[  1, -20],\n       [300,   4]], dtype=int32)')
    expect(repr(tensor([], [2, 0]), legacy)).toBe('array([], shape=(2, 0), dtype=float32)')
    expect(str(tensor(Array.from({ length: 2000 }, (_, i) => i)), legacy)).toBe(
      '[  0.00000000e+00   1.00000000e+00   2.00000000e+00 ...,   1.99700000e+03\n' +
        '   1.99800000e+03   1.99900000e+03]',
    )
  })

  it('prints a rank-0 float32 as numpy 1.13 showed a float32 scalar (%.8g)', () => {
    expect(str(scalar(3.5), legacy)).toBe('3.5')
    expect(str(scalar(16), legacy)).toBe('16.0')
    expect(str(scalar(4.555), legacy)).toBe('4.5549998') // the seed's EMA print
    expect(str(scalar(0.1, 'float64'), legacy)).toBe('0.10000000000000001') // repr(np.float64(0.1)) in 1.13
  })

  it("prints a rank-0 repr with Python's repr of the value, as numpy 1.13 did", () => {
    expect(repr(scalar(3.5), legacy)).toBe('array(3.5, dtype=float32)')
    expect(repr(scalar(0.1), legacy)).toBe('array(0.10000000149011612, dtype=float32)')
    expect(repr(scalar(true), legacy)).toBe('array(True, dtype=bool)')
  })
})

describe('formatTensor (options)', () => {
  it('defaults to the str style', () => {
    expect(formatTensor(tensor([1.5, 2]))).toBe('[1.5 2. ]')
  })

  it('rejects an unknown style, legacy mode or a bad precision', () => {
    const t = tensor([1])
    const bad = (options: object) => () => formatTensor(t, options as FormatOptions)
    expect(bad({ style: 'pretty' })).toThrow(ConfigError)
    expect(bad({ style: 'pretty' })).toThrow(`formatTensor: style must be one of 'str', 'repr', got "pretty"`)
    expect(bad({ legacy: '1.12' })).toThrow(`formatTensor: legacy must be one of '1.13', false, got "1.12"`)
    expect(bad({ precision: -1 })).toThrow('formatTensor: precision must be an integer >= 0, got -1')
    expect(bad({ precision: 2.5 })).toThrow('formatTensor: precision must be an integer >= 0, got 2.5')
  })
})
