// numpy's _formatArray: nested brackets, rows wrapped at the line width with a
// hanging indent, blank lines between blocks of rank >= 3, and "..." in place
// of the middle of long axes when the array is summarized.
import { stridesOf } from '../shape'
import type { ElementFormatter } from './floatFormat'

export interface LayoutOptions {
  readonly lineWidth: number
  /** What stands in front of the first element's line: a space for "[" plus the prefix (e.g. "array("). */
  readonly nextLinePrefix: string
  readonly separator: string
  /** Elements kept at each end of a summarized axis, or undefined to show every element. */
  readonly edgeItems: number | undefined
  /** numpy 1.13 placed wraps and the summary marker slightly differently. */
  readonly legacy: boolean
}

/** Flat indices of the elements an array of `shape` shows, in row-major order. */
export function shownIndices(shape: readonly number[], edgeItems: number | undefined): number[] {
  const strides = stridesOf(shape)
  const out: number[] = []
  const visit = (axis: number, offset: number): void => {
    if (axis === shape.length) {
      out.push(offset)
      return
    }
    for (const i of axisIndices(shape[axis]!, edgeItems)) visit(axis + 1, offset + i * strides[axis]!)
  }
  visit(0, 0)
  return out
}

/** The text of an array of `shape` from its flat `values`, without any prefix such as "array(". */
export function layoutArray(
  values: ArrayLike<number>,
  shape: readonly number[],
  format: ElementFormatter,
  options: LayoutOptions,
): string {
  const strides = stridesOf(shape)
  const { separator, legacy } = options
  const closing = separator.trimEnd()

  const recurse = (axis: number, offset: number, indent: string, width: number): string => {
    if (axis === shape.length) return format(values[offset]!)
    const indices = axisIndices(shape[axis]!, options.edgeItems)
    const summarized = indices.length < shape[axis]!
    const children = indices.map((i) =>
      recurse(axis + 1, offset + i * strides[axis]!, indent + ' ', legacy ? width : width - 1),
    )
    const body =
      axis === shape.length - 1
        ? row(children, summarized, indent, width)
        : block(children, summarized, indent, shape.length - axis)
    return '[' + body.slice(indent.length) + ']'
  }

  const row = (children: readonly string[], summarized: boolean, indent: string, width: number): string => {
    const state = { text: '', line: indent }
    const innerWidth = width - Math.max(closing.length, legacy ? 0 : 1)
    children.forEach((child, k) => {
      const last = k === children.length - 1
      if (summarized && k === children.length / 2) {
        extendLine(state, '...', innerWidth, indent, legacy)
        state.line += legacy ? ', ' : separator
      }
      // numpy 1.13 did not count the separator after the last element.
      extendLine(state, child, last && legacy ? width : innerWidth, indent, legacy)
      if (!last) state.line += separator
    })
    return state.text + state.line
  }

  const block = (children: readonly string[], summarized: boolean, indent: string, axesLeft: number): string => {
    const lineSeparator = closing + '\n'.repeat(axesLeft - 1)
    const lines = children.map((child, k) => indent + child + (k === children.length - 1 ? '' : lineSeparator))
    if (summarized) lines.splice(lines.length / 2, 0, indent + '...' + (legacy ? ', \n' : lineSeparator))
    return lines.join('')
  }

  return recurse(0, 0, options.nextLinePrefix, options.lineWidth)
}

function axisIndices(length: number, edgeItems: number | undefined): number[] {
  if (edgeItems === undefined || 2 * edgeItems >= length) return Array.from({ length }, (_, i) => i)
  return [
    ...Array.from({ length: edgeItems }, (_, i) => i),
    ...Array.from({ length: edgeItems }, (_, i) => length - edgeItems + i),
  ]
}

/** Appends `word`, first moving to a new line when it would pass `width`. */
function extendLine(
  state: { text: string; line: string },
  word: string,
  width: number,
  indent: string,
  legacy: boolean,
) {
  let wrap = state.line.length + word.length > width
  // Wrapping a line that holds only the indent would not help (numpy >= 1.14).
  if (!legacy && state.line.length <= indent.length) wrap = false
  if (wrap) {
    state.text += state.line.trimEnd() + '\n'
    state.line = indent
  }
  state.line += word
}
