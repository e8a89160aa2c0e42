import { ConfigError } from '@gradstream/core'
import { describe, expect, it } from 'vitest'
import { CsvDataError } from './CsvDataError'
import { parseCsv } from './parseCsv'

/** The error `run` throws, which the test needs to look at. */
function thrown(run: () => unknown): Error {
  try {
    run()
  } catch (error) {
    return error as Error
  }
  throw new Error('nothing was thrown')
}

describe('parseCsv', () => {
  it('reads the features and a numeric label, float32 by default', () => {
    const data = parseCsv('a,b,y\n1,2.5,0.5\n-3,4e-1,1\n', { label: 'y' })
    expect(data.x.dtype).toBe('float32')
    expect(data.x.shape).toEqual([2, 2])
    expect(data.x.toArray()).toEqual([
      [1, 2.5],
      [-3, Math.fround(0.4)],
    ])
    expect(data.y.dtype).toBe('float32')
    expect(data.y.toArray()).toEqual([0.5, 1])
    expect(data).toMatchObject({ columns: ['a', 'b'], label: 'y', classes: undefined })
  })

  it('has no y without a label: every column is a feature', () => {
    const data = parseCsv('a,b\n1,2\n')
    expect(data.x.toArray()).toEqual([[1, 2]])
    expect(data).toMatchObject({ y: undefined, label: undefined, columns: ['a', 'b'] })
  })

  it('drops a byte order mark and reads CRLF line ends', () => {
    const data = parseCsv('\ufeffa,b\r\n1,2\r\n3,4\r\n', { label: 'b' })
    expect(data.columns).toEqual(['a'])
    expect(data.x.toArray()).toEqual([[1], [3]])
    expect(data.y.toArray()).toEqual([2, 4])
  })

  it('reads CR line ends', () => {
    expect(parseCsv('a,b\r1,2\r3,4\r').x.toArray()).toEqual([
      [1, 2],
      [3, 4],
    ])
  })

  it('reads quoted fields holding delimiters, quotes and line breaks', () => {
    const text = 'name,"x, first","say ""hi"""\n"a\nb","1","2"\n"c",3,4\n'
    const data = parseCsv(text, { columns: ['x, first', 'say "hi"'] })
    expect(data.x.toArray()).toEqual([
      [1, 2],
      [3, 4],
    ])
  })

  it('skips blank lines and takes spaces around numbers', () => {
    expect(parseCsv('a,b\n\n 1 ,2\t\n\n3,4\n\n').x.toArray()).toEqual([
      [1, 2],
      [3, 4],
    ])
  })

  it('reads a file without a trailing line break', () => {
    expect(parseCsv('a\n1\n2').x.toArray()).toEqual([[1], [2]])
  })

  it('takes columns by name or index, in the order given, and leaves the others unread', () => {
    const data = parseCsv('a,b,c,d\n1,2,x,4\n5,6,y,8\n', { columns: ['d', 0], label: 1 })
    expect(data.columns).toEqual(['d', 'a'])
    expect(data.x.toArray()).toEqual([
      [4, 1],
      [8, 5],
    ])
    expect(data.y.toArray()).toEqual([2, 6])
  })

  it('names the columns by index without a header, and reads the first row as data', () => {
    const data = parseCsv('1,2,0\n3,4,1\n', { header: false, label: 2, labelType: 'int32' })
    expect(data.columns).toEqual(['0', '1'])
    expect(data.label).toBe('2')
    expect(data.x.toArray()).toEqual([
      [1, 2],
      [3, 4],
    ])
    expect(data.y.dtype).toBe('int32')
    expect(data.y.toArray()).toEqual([0, 1])
  })

  it('reads float64 and int32 features exactly', () => {
    const float64 = parseCsv('a\n0.1\n', { dtype: 'float64' }).x
    expect(float64.dtype).toBe('float64')
    expect(float64.toArray()).toEqual([[0.1]])
    const int32 = parseCsv('a,b\n-2147483648,2147483647\n', { dtype: 'int32' }).x
    expect(int32.dtype).toBe('int32')
    expect(int32.toArray()).toEqual([[-2147483648, 2147483647]])
  })

  it('rounds float32 values once from their decimal text', () => {
    // 16777217 lies halfway between two float32s; its text rounds to even, 16777216
    const data = parseCsv('a,b\n16777217,3.4028234663852886e38\n')
    expect(data.x.toArray()).toEqual([[16777216, 3.4028234663852886e38]])
  })

  it('maps class names to int32 indices in order of first appearance', () => {
    const data = parseCsv('x,species\n1,virginica\n2,setosa\n3,virginica\n4, versicolor \n', {
      label: 'species',
      labelType: 'class',
    })
    expect(data.classes).toEqual(['virginica', 'setosa', 'versicolor'])
    expect(data.y.dtype).toBe('int32')
    expect(data.y.toArray()).toEqual([0, 1, 0, 2])
  })

  it('maps class names to their index in classes when given', () => {
    const data = parseCsv('x,species\n1,virginica\n2,setosa\n', {
      label: 'species',
      labelType: 'class',
      classes: ['setosa', 'versicolor', 'virginica'],
    })
    expect(data.classes).toEqual(['setosa', 'versicolor', 'virginica'])
    expect(data.y.toArray()).toEqual([2, 0])
  })

  it('reads NaN, infinities and missing values with allowNonFinite', () => {
    const data = parseCsv('a,b,c,d,e\nnan,-inf,Infinity,,1e39\n', { allowNonFinite: true })
    expect(data.x.toArray()).toEqual([[NaN, -Infinity, Infinity, NaN, Infinity]])
  })

  it('reads another delimiter', () => {
    expect(parseCsv('a;b\n1,5;2\n', { delimiter: ';', columns: ['b'] }).x.toArray()).toEqual([[2]])
  })

  it('treats undefined options as none', () => {
    expect(parseCsv('a\n1\n', undefined).x.toArray()).toEqual([[1]])
  })
})

describe('parseCsv errors name the line and the column', () => {
  const cases: [string, string, object, string][] = [
    ['a non-number', 'a,b\n1,2\n3,x4\n', {}, 'parseCsv: line 3, column "b" (index 1): "x4" is not a number'],
    ['a missing value', 'a,b\n1,\n', {}, 'parseCsv: line 2, column "b" (index 1): the value is missing'],
    [
      'NaN',
      'a,b\n1,NaN\n',
      {},
      'parseCsv: line 2, column "b" (index 1): "NaN" is not finite (pass allowNonFinite: true to read it)',
    ],
    [
      'an infinity',
      'a,b\n-inf,1\n',
      {},
      'parseCsv: line 2, column "a" (index 0): "-inf" is not finite (pass allowNonFinite: true to read it)',
    ],
    [
      'a float32 overflow',
      'a\n1e39\n',
      {},
      `parseCsv: line 2, column "a" (index 0): "1e39" is out of float32's range (pass allowNonFinite: true to read it as an infinity)`,
    ],
    [
      'a non-integer int32',
      'a\n1.5\n',
      { dtype: 'int32' },
      'parseCsv: line 2, column "a" (index 0): "1.5" is not an int32',
    ],
    [
      'an int32 overflow',
      'a\n2147483648\n',
      { dtype: 'int32' },
      'parseCsv: line 2, column "a" (index 0): "2147483648" is not an int32',
    ],
    ['a hex number', 'a\n0x10\n', {}, 'parseCsv: line 2, column "a" (index 0): "0x10" is not a number'],
    [
      'a class name where numbers are read',
      'x,y\n1,cat\n',
      { label: 'y' },
      'parseCsv: line 2, column "y" (index 1): "cat" is not a number',
    ],
    [
      'a class outside classes',
      'x,y\n1,cat\n2,dog\n',
      { label: 'y', labelType: 'class', classes: ['cat'] },
      'parseCsv: line 3, column "y" (index 1): "dog" is not one of the classes "cat"',
    ],
    [
      'a missing label',
      'x,y\n1,\n',
      { label: 'y', labelType: 'class' },
      'parseCsv: line 2, column "y" (index 1): the label is missing',
    ],
    ['a short row', 'a,b,c\n1,2,3\n4,5\n', {}, 'parseCsv: line 3: 2 fields, but the header has 3'],
    ['a long row', 'a\n1\n2,3\n', {}, 'parseCsv: line 3: 2 fields, but the header has 1'],
    [
      'a ragged row without header',
      '1,2\n3\n',
      { header: false },
      'parseCsv: line 2: 1 field, but the first row has 2',
    ],
    ['no rows', '', {}, 'parseCsv: the text has no rows'],
    ['only blank lines and a BOM', '\ufeff\r\n\r\n', {}, 'parseCsv: the text has no rows'],
    ['a header only', 'a,b\r\n', {}, 'parseCsv: the text has a header but no data rows'],
    [
      'a repeated column name',
      'a,b,a\n1,2,3\n',
      {},
      'parseCsv: line 1: column name "a" appears twice, at indexes 0 and 2',
    ],
  ]
  it.each(cases)('%s', (_, text, options, message) => {
    const error = thrown(() => parseCsv(text, options))
    expect(error).toBeInstanceOf(CsvDataError)
    expect(error.message).toBe(message)
  })

  it('keeps the place in fields of the error', () => {
    const error = thrown(() => parseCsv('a,b\n1,2\n3,x\n')) as CsvDataError
    expect([error.line, error.column, error.columnName]).toEqual([3, 1, 'b'])
  })

  it('counts the lines of quoted fields that span lines, with LF and with CRLF', () => {
    for (const end of ['\n', '\r\n']) {
      const text = ['n,a', '"one', 'two",1', '', '"3', '', '4",x', ''].join(end)
      expect(thrown(() => parseCsv(text, { columns: ['a'] })).message).toBe(
        'parseCsv: line 5, column "a" (index 1): "x" is not a number',
      )
    }
  })

  it('names the line of malformed quoting', () => {
    const error = thrown(() => parseCsv('a,b\n1,2\n3,"4\n5,6\n'))
    expect(error).toBeInstanceOf(CsvDataError)
    expect(error.message).toMatch(/^parseCsv: line 4: malformed CSV \(Quote Not Closed: /)
    const afterQuote = thrown(() => parseCsv('a,b\n1,"2"x\n'))
    expect(afterQuote.message).toMatch(/^parseCsv: line 2: malformed CSV \(Invalid Closing Quote: /)
  })
})

describe('parseCsv option errors are ConfigErrors', () => {
  const text = 'a,b,c\n1,2,3\n'
  const cases: [string, unknown, string][] = [
    [
      'an unknown option',
      { lable: 'c' },
      "parseCsv: unknown option 'lable'; expected one of header, columns, label, dtype, labelType, classes, allowNonFinite, delimiter",
    ],
    [
      'a label not in the file',
      { label: 'd' },
      'parseCsv: label names column "d", which is not in the file; its columns are "a", "b", "c"',
    ],
    [
      'a column not in the file',
      { columns: ['a', 'e'] },
      'parseCsv: columns[1] names column "e", which is not in the file; its columns are "a", "b", "c"',
    ],
    [
      'an index past the last column',
      { label: 3 },
      'parseCsv: label is column index 3, but the file has 3 columns (0 to 2)',
    ],
    ['a negative index', { label: -1 }, 'parseCsv: label must be a column name or a 0-based column index, got -1'],
    [
      'an empty columns list',
      { columns: [] },
      'parseCsv: columns must be a non-empty array of column names or indexes, got an array',
    ],
    ['a repeated column', { columns: ['a', 0] }, 'parseCsv: columns names column "a" (index 0) twice'],
    [
      'the label among the columns',
      { columns: ['a', 'b'], label: 'b' },
      'parseCsv: the label column "b" is also in columns',
    ],
    [
      'an unknown dtype',
      { dtype: 'float16' },
      `parseCsv: dtype must be one of 'float32', 'float64', 'int32', got "float16"`,
    ],
    [
      'an unknown labelType',
      { labelType: 'string' },
      `parseCsv: labelType must be one of 'float32', 'float64', 'int32', 'class', got "string"`,
    ],
    [
      'labelType without a label',
      { labelType: 'class' },
      'parseCsv: labelType needs a label column; pass label as well',
    ],
    [
      'classes without labelType class',
      { label: 'c', classes: ['x'] },
      `parseCsv: classes needs labelType: 'class', got labelType "float32"`,
    ],
    [
      'repeated classes',
      { label: 'c', labelType: 'class', classes: ['x', 'x'] },
      'parseCsv: classes must be distinct, got "x" twice',
    ],
    [
      'a two-character delimiter',
      { delimiter: '::' },
      'parseCsv: delimiter must be one character other than a quote or a line break, got "::"',
    ],
    ['a non-boolean header', { header: 1 }, 'parseCsv: header must be a boolean, got 1'],
  ]
  it.each(cases)('%s', (_, options, message) => {
    const error = thrown(() => parseCsv(text, options as object))
    expect(error).toBeInstanceOf(ConfigError)
    expect(error.message).toBe(message)
  })

  it('refuses text that is not a string', () => {
    expect(() => parseCsv(5 as unknown as string)).toThrow(new ConfigError('parseCsv', 'text must be a string, got 5'))
  })

  it('refuses a file whose only column is the label', () => {
    expect(() => parseCsv('y\n1\n', { label: 'y' })).toThrow(
      'parseCsv: no feature columns: the file\'s only column is the label "y"',
    )
  })
})
