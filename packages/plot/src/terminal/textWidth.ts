// Terminal cells taken by text, so a live line can be cut to fit one row: a line that wraps would
// take more rows than the live region counts, and its redraw would leave pieces behind.

// an ECMA-48 control sequence (SGR colours, cursor moves): matching ESC is the point
// eslint-disable-next-line no-control-regex
const ESCAPE = /\x1b\[[0-9;?]*[A-Za-z]/y
const ESCAPES = new RegExp(ESCAPE.source, 'g')

/** Cells a code point takes: 0 for controls and combining marks, 2 for wide East Asian characters and emoji. */
function cellsOf(codePoint: number): number {
  if (codePoint < 0x20 || (codePoint >= 0x7f && codePoint < 0xa0)) return 0
  if (
    (codePoint >= 0x300 && codePoint <= 0x36f) ||
    codePoint === 0x200d ||
    (codePoint >= 0xfe00 && codePoint <= 0xfe0f)
  )
    return 0
  const wide =
    (codePoint >= 0x1100 && codePoint <= 0x115f) ||
    (codePoint >= 0x2e80 && codePoint <= 0xa4cf) ||
    (codePoint >= 0xac00 && codePoint <= 0xd7a3) ||
    (codePoint >= 0xf900 && codePoint <= 0xfaff) ||
    (codePoint >= 0xfe30 && codePoint <= 0xfe4f) ||
    (codePoint >= 0xff00 && codePoint <= 0xff60) ||
    (codePoint >= 0xffe0 && codePoint <= 0xffe6) ||
    (codePoint >= 0x1f300 && codePoint <= 0x1faff) ||
    (codePoint >= 0x20000 && codePoint <= 0x3fffd)
  return wide ? 2 : 1
}

/** Cells `text` (one line) takes in a terminal; control sequences take none. */
export function textWidth(text: string): number {
  return fitToWidth(text, Infinity).width
}

/**
 * `text` (one line) cut to at most `cells` terminal cells, with `…` where it
 * was cut; control sequences are kept, and a colour reset follows a cut one.
 */
export function fitToWidth(text: string, cells: number): { readonly text: string; readonly width: number } {
  let width = 0
  let kept = ''
  let colored = false
  for (let i = 0; i < text.length; ) {
    ESCAPE.lastIndex = i
    const escape = ESCAPE.exec(text)
    if (escape !== null) {
      kept += escape[0]
      colored = escape[0].endsWith('m') && escape[0] !== '\x1b[0m' && escape[0] !== '\x1b[m'
      i += escape[0].length
      continue
    }
    const codePoint = text.codePointAt(i)!
    const char = String.fromCodePoint(codePoint)
    const cellCount = cellsOf(codePoint)
    const filled = width + cellCount >= cells
    if (filled && (width + cellCount > cells || text.slice(i + char.length).replace(ESCAPES, '') !== '')) {
      if (cells < 1) return { text: '', width: 0 }
      return { text: `${kept}…${colored ? '\x1b[0m' : ''}`, width: width + 1 }
    }
    kept += char
    width += cellCount
    i += char.length
  }
  return { text: kept, width }
}
