import type { Tensor } from '@gradstream/tensor'

/** A CSV table read into tensors. @example const { x, y, columns, classes } = await readCsv('iris.csv', { label: 'species', labelType: 'class' }) */
export interface CsvData {
  /** The feature columns, [rows, columns.length], of the `dtype` asked for. */
  readonly x: Tensor
  /** The label column, [rows]: numbers of `labelType`, or int32 class indices; undefined without `label`. */
  readonly y: Tensor | undefined
  /** The names of x's columns, in order. */
  readonly columns: readonly string[]
  /** The label column's name; undefined without `label`. */
  readonly label: string | undefined
  /** With `labelType: 'class'`: the class names, `classes[i]` for index i; otherwise undefined. */
  readonly classes: readonly string[] | undefined
}

/** A CSV table read with a `label` column: `y` is always there. @example const { x, y } = parseCsv(text, { label: 'y' }) */
export interface LabeledCsvData extends CsvData {
  readonly y: Tensor
  readonly label: string
}

/** The options that make a result labeled: a `label` column. @example parseCsv(text, { label: 'y' }).y // a Tensor, never undefined */
export interface WithLabel {
  readonly label: string | number
}
