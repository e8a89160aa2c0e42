import {
  ConfigError,
  ShapeError,
  StructureError,
  checkBoolean,
  checkNonNegative,
  checkOptions,
  checkString,
  describe,
} from '@gradstream/core'
import { Tensor } from '@gradstream/tensor'
import { checkClassNames, namesOfClasses } from './classNames'
import { blues, textColorOn } from './palette'
import { escapeXml, px, svgDocument } from './svg'

/**
 * Options of {@link confusionMatrixFigure}.
 * @example const options: ConfusionMatrixFigureOptions = { classNames: ['cat', 'dog'], normalize: true }
 */
export interface ConfusionMatrixFigureOptions {
  /** One name per class, for both axes (default `0`, `1`, ..., `k - 1`). */
  readonly classNames?: readonly string[]
  readonly title?: string
  /** Show each row as fractions of its true class (default false: the counts). */
  readonly normalize?: boolean
  /** The label under the columns (default 'predicted'). */
  readonly xLabel?: string
  /** The label beside the rows (default 'true'). */
  readonly yLabel?: string
}

/** Most classes a figure draws: 100 x 100 cells of 14 pixels. */
const MAX_CLASSES = 100
/** Approximate width of one character at the figure's 12 px font, for margins. */
const CHAR_WIDTH = 7

/**
 * A confusion matrix as an SVG heat map: rows are the true classes, columns
 * the predicted ones, as `confusionMatrix` of `@gradstream/metrics` returns
 * them (pass its `.toArray()`). Each cell is shaded on matplotlib's Blues
 * map, relative to the largest count, and shows its count in black or white,
 * whichever reads better on its shade (cells too small for the text, from
 * about 20 classes on, are left unlabelled; at most 100 classes). With `normalize` each row is
 * divided by its sum, as scikit-learn's `normalize='true'`, and a row with
 * no samples shows zeros. The axes are labelled `xLabel` (default
 * 'predicted') and `yLabel` (default 'true'), as the other figures' options are.
 *
 * @example
 * const svg = confusionMatrixFigure([[5, 1], [0, 6]], { classNames: ['cat', 'dog'], title: 'test set', yLabel: 'label' })
 * saveFigure('out/confusion.png', svg)
 */
export function confusionMatrixFigure(
  matrix: readonly (readonly number[])[],
  options: ConfusionMatrixFigureOptions = {},
): string {
  const fn = 'confusionMatrixFigure'
  checkOptions(fn, options, ['classNames', 'title', 'normalize', 'xLabel', 'yLabel'])
  const { title, normalize = false, xLabel = 'predicted', yLabel = 'true' } = options
  if (title !== undefined) checkString(fn, 'title', title)
  checkString(fn, 'xLabel', xLabel)
  checkString(fn, 'yLabel', yLabel)
  checkBoolean(fn, 'normalize', normalize)
  checkClassNames(fn, options.classNames)
  const counts = checkMatrix(fn, matrix)
  const names = namesOfClasses(fn, options.classNames, counts.length)
  const shown = normalize ? counts.map(rowFractions) : counts
  return drawMatrix(shown, names, normalize, { title, xLabel, yLabel })
}

/** The rows of a square matrix of finite numbers >= 0, copied. */
function checkMatrix(fn: string, matrix: unknown): number[][] {
  if (!Array.isArray(matrix)) {
    const hint = matrix instanceof Tensor ? ' (pass a tensor as tensor.toArray())' : ''
    throw new ConfigError(fn, `matrix must be an array of rows of numbers${hint}, got ${describe(matrix)}`)
  }
  const k = matrix.length
  if (k < 1 || k > MAX_CLASSES) {
    throw new ShapeError(fn, `matrix must have between 1 and ${MAX_CLASSES} classes, got ${k}`)
  }
  return Array.from(matrix, (row: unknown, i) => {
    if (!Array.isArray(row))
      throw new StructureError(fn, `matrix[${i}] must be an array of numbers, got ${describe(row)}`)
    if (row.length !== k) {
      throw new ShapeError(fn, `matrix must be square: it has ${k} rows but matrix[${i}] has ${row.length} entries`)
    }
    return Array.from(row, (value: unknown, j) => {
      checkNonNegative(fn, `matrix[${i}][${j}]`, value)
      return value
    })
  })
}

/** A row divided by its sum; all zeros when the row has no samples. */
function rowFractions(row: readonly number[]): number[] {
  const total = row.reduce((sum, value) => sum + value, 0)
  return row.map((value) => (total > 0 ? value / total : 0))
}

/** A count as written in its cell: whole numbers as they are, others to 3 significant digits. */
function formatValue(value: number, normalize: boolean): string {
  if (normalize) return value.toFixed(2)
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(3)))
}

/** Where the grid sits: its top-left corner, cell size and class count. */
interface GridPlace {
  readonly left: number
  readonly top: number
  readonly cell: number
  readonly k: number
}

/** The texts around the grid. */
interface MatrixLabels {
  readonly title: string | undefined
  readonly xLabel: string
  readonly yLabel: string
}

function drawMatrix(
  values: readonly (readonly number[])[],
  names: readonly string[],
  normalize: boolean,
  { title, xLabel, yLabel }: MatrixLabels,
) {
  const k = values.length
  const cell = Math.min(72, Math.max(14, Math.round(440 / k)))
  const nameWidth = CHAR_WIDTH * Math.max(...names.map((name) => name.length))
  const rotateNames = nameWidth > cell - 4 // column names that do not fit under their cell are turned 45°
  const place = { left: 36 + nameWidth + 8, top: title ? 40 : 16, cell, k }
  const width = Math.max(place.left + k * cell + 16, (title?.length ?? 0) * 8 + 40, 200)
  const height = place.top + k * cell + (rotateNames ? nameWidth * 0.71 + 14 : 22) + 30
  const middle = (from: number) => px(from + (k * cell) / 2)
  return svgDocument(width, height, [
    ...cellMarks(values, normalize, place),
    ...nameMarks(names, rotateNames, place),
    `<text class="label x" x="${middle(place.left)}" y="${px(height - 12)}" text-anchor="middle">${escapeXml(xLabel)}</text>`,
    `<text class="label y" transform="translate(16 ${middle(place.top)}) rotate(-90)" text-anchor="middle">${escapeXml(yLabel)}</text>`,
    ...(title
      ? [
          `<text class="title" x="${px(width / 2)}" y="24" text-anchor="middle" font-size="15">${escapeXml(title)}</text>`,
        ]
      : []),
  ])
}

/** The shaded cells, then the values written on those wide enough for them. */
function cellMarks(values: readonly (readonly number[])[], normalize: boolean, { left, top, cell }: GridPlace) {
  const largest = Math.max(...values.flat())
  const shade = (value: number) => blues(normalize ? value : largest > 0 ? value / largest : 0)
  const cells: string[] = []
  const texts: string[] = []
  values.forEach((row, t) =>
    row.forEach((value, p) => {
      const [x, y, fill] = [left + p * cell, top + t * cell, shade(value)]
      cells.push(
        `<rect class="cell" data-true="${t}" data-predicted="${p}" data-value="${value}" x="${x}" y="${y}" width="${cell}" height="${cell}" fill="${fill}"/>`,
      )
      const text = formatValue(value, normalize)
      const fontSize = Math.min(12, (cell - 4) / (0.62 * text.length)) // about 0.62 em per digit
      if (fontSize >= 7) {
        texts.push(
          `<text class="value" x="${px(x + cell / 2)}" y="${px(y + cell / 2)}" dy="0.35em" font-size="${px(fontSize)}" fill="${textColorOn(fill)}">${text}</text>`,
        )
      }
    }),
  )
  return [
    '<g class="cells" stroke="white" stroke-width="1">',
    ...cells,
    '</g>',
    '<g class="values" text-anchor="middle">',
    ...texts,
    '</g>',
  ]
}

/** The class names: true classes left of the rows, predicted ones under the columns. */
function nameMarks(names: readonly string[], rotate: boolean, { left, top, cell, k }: GridPlace) {
  const below = top + k * cell
  return [
    '<g class="class-names" fill="#333">',
    ...names.map(
      (name, t) =>
        `<text class="class-name true" x="${left - 6}" y="${px(top + (t + 0.5) * cell)}" dy="0.32em" text-anchor="end">${escapeXml(name)}</text>`,
    ),
    ...names.map((name, p) => {
      const x = px(left + (p + 0.5) * cell)
      return rotate
        ? `<text class="class-name predicted" transform="translate(${x} ${below + 8}) rotate(-45)" dy="0.32em" text-anchor="end">${escapeXml(name)}</text>`
        : `<text class="class-name predicted" x="${x}" y="${below + 16}" text-anchor="middle">${escapeXml(name)}</text>`
    }),
    '</g>',
  ]
}
