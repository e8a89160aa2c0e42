import { tensor } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import { CsvDataError } from './CsvDataError'
import { RecordFault } from './RecordFault'
import { columnLayout } from './columnLayout'
import type { ColumnLayout } from './columnLayout'
import type { CsvDType, ResolvedCsvOptions } from './csvOptions'
import { parseValue } from './parseValue'

/** Rows read from a CSV source: x is [rows, features], y is [rows] when there is a label column. */
export interface CsvRows {
  readonly x: Tensor
  readonly y: Tensor | undefined
}

/**
 * Turns the records of a CSV parser, in order, into rows of numbers: the first
 * record is the header (or fixes the column count without one), every later
 * one is checked for its field count and each used field parsed. Rows gather
 * until `take()` makes tensors of them, so the same decoder serves a whole
 * file at once and a stream of batches.
 */
export class CsvTableDecoder {
  readonly #fn: string
  readonly #source: string
  readonly #options: ResolvedCsvOptions
  readonly #classIndex = new Map<string, number>()
  #layout: ColumnLayout | undefined
  #features: number[] = []
  #labels: number[] = []
  #rows = 0
  #totalRows = 0
  #records = 0

  /** `source` names what is read in errors: 'the file' or 'the text'. */
  constructor(fn: string, source: string, options: ResolvedCsvOptions) {
    this.#fn = fn
    this.#source = source
    this.#options = options
    options.classes?.forEach((name, i) => this.#classIndex.set(name, i))
  }

  /** Rows gathered since the last `take()`. */
  get rows(): number {
    return this.#rows
  }

  /** Reads the next record of the parser; a fault in it is a {@link RecordFault} with its number. */
  add(record: readonly string[]): void {
    const recordNumber = ++this.#records
    if (this.#layout === undefined) {
      this.#layout = this.#readLayout(record, recordNumber)
      if (this.#options.header) return
    }
    const { names, featureIndexes, labelIndex } = this.#layout
    if (record.length !== names.length) {
      const expected = this.#options.header ? 'the header has' : 'the first row has'
      throw new RecordFault(
        recordNumber,
        {},
        `${record.length} field${record.length === 1 ? '' : 's'}, but ${expected} ${names.length}`,
      )
    }
    for (const column of featureIndexes)
      this.#features.push(this.#number(record, recordNumber, column, this.#options.dtype))
    if (labelIndex !== undefined) this.#labels.push(this.#label(record, recordNumber, labelIndex))
    this.#rows++
    this.#totalRows++
  }

  /** Throws unless the source held at least one data row; call at its end. */
  finish(): void {
    if (this.#layout === undefined) throw new CsvDataError(this.#fn, {}, `${this.#source} has no rows`)
    if (this.#totalRows === 0) throw new CsvDataError(this.#fn, {}, `${this.#source} has a header but no data rows`)
  }

  /** Tensors of the rows gathered since the last call, which are then forgotten. */
  take(): CsvRows {
    const { featureIndexes, labelIndex } = this.#layout!
    const x = tensor(storage(this.#options.dtype, this.#features), [this.#rows, featureIndexes.length])
    const labelDType = this.#options.labelType === 'class' ? 'int32' : this.#options.labelType
    const y = labelIndex === undefined ? undefined : tensor(storage(labelDType, this.#labels), [this.#rows])
    this.#features = []
    this.#labels = []
    this.#rows = 0
    return { x, y }
  }

  /** The names of x's columns, in order. */
  get featureNames(): readonly string[] {
    const { names, featureIndexes } = this.#layout!
    return featureIndexes.map((i) => names[i]!)
  }

  /** The label column's name, if there is one. */
  get labelName(): string | undefined {
    const { names, labelIndex } = this.#layout!
    return labelIndex === undefined ? undefined : names[labelIndex]
  }

  /** With labelType 'class': the class names in index order, as far as they are known. */
  get classes(): readonly string[] | undefined {
    return this.#options.labelType === 'class' ? [...this.#classIndex.keys()] : undefined
  }

  #readLayout(record: readonly string[], recordNumber: number): ColumnLayout {
    const names = this.#options.header ? record : record.map((_, i) => String(i))
    const repeated = names.findIndex((name, i) => names.indexOf(name) !== i)
    if (repeated >= 0) {
      const first = names.indexOf(names[repeated]!)
      const message = `column name ${JSON.stringify(names[repeated])} appears twice, at indexes ${first} and ${repeated}`
      throw new RecordFault(recordNumber, {}, message)
    }
    return columnLayout(this.#fn, names, this.#options)
  }

  #number(record: readonly string[], recordNumber: number, column: number, dtype: CsvDType): number {
    const value = parseValue(record[column]!, dtype, this.#options.allowNonFinite)
    if (typeof value === 'string') throw this.#valueError(recordNumber, column, value)
    return value
  }

  #label(record: readonly string[], recordNumber: number, column: number): number {
    if (this.#options.labelType !== 'class') return this.#number(record, recordNumber, column, this.#options.labelType)
    const name = record[column]!.trim()
    if (name === '') throw this.#valueError(recordNumber, column, 'the label is missing')
    const index = this.#classIndex.get(name)
    if (index !== undefined) return index
    if (this.#options.classes !== undefined) {
      const known = this.#options.classes.map((c) => JSON.stringify(c)).join(', ')
      throw this.#valueError(recordNumber, column, `${JSON.stringify(name)} is not one of the classes ${known}`)
    }
    this.#classIndex.set(name, this.#classIndex.size)
    return this.#classIndex.size - 1
  }

  #valueError(record: number, column: number, message: string): RecordFault {
    return new RecordFault(record, { column, columnName: this.#layout!.names[column]! }, message)
  }
}

function storage(dtype: CsvDType, values: readonly number[]): Float32Array | Float64Array | Int32Array {
  if (dtype === 'float64') return Float64Array.from(values)
  return dtype === 'int32' ? Int32Array.from(values) : Float32Array.from(values)
}
