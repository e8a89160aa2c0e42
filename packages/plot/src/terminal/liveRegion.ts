import { fstatSync } from 'node:fs'
import { fitToWidth, textWidth } from './textWidth'
import type { TextOutput } from './textOutput'

/** Lines one writer keeps live at the bottom of a terminal: a progress bar, a chart being redrawn. */
export interface LiveBlock {
  /** Shows `lines` in place of the block's previous lines. */
  update(lines: readonly string[]): void
  /** Leaves the live region: `finalLines` (default: none) are printed for good above what stays live. */
  close(finalLines?: readonly string[]): void
}

interface BlockState {
  /** Where the block's final lines go: its writer's stream, which may be another stream on the same terminal. */
  readonly output: TextOutput
  lines: readonly string[]
  /** Bars stay below charts, where the eye looks for them. */
  readonly bottom: boolean
}

/**
 * Erases the `rows` rows above the cursor and leaves it on the first: up n
 * rows (ECMA-48 CUU), then each row erased (EL) on the way down (CUD) and up
 * again. Not "erase to the end of the screen" (ED): tmux moves a screen
 * cleared from its top-left corner into the scrollback, which would keep
 * every old frame of a region drawn at the top of the screen.
 */
function eraseRowsAbove(rows: number): string {
  return rows > 0 ? `\x1b[${rows}A${'\x1b[2K\x1b[1B'.repeat(rows)}\x1b[${rows}A` : ''
}

const DEFAULT_COLUMNS = 80
const DEFAULT_ROWS = 24

/**
 * The lines at the bottom of one terminal that are redrawn in place, and the
 * one way to print above them. Every writer to that terminal goes through it:
 * a printed line erases the live lines, is written whole, and the live lines
 * are drawn again below it; a redraw rewrites only the rows from the first
 * changed line down. The cursor always rests at the start of the row below
 * the live lines, so moving up by the rows they take finds them again.
 * Live lines are cut to the terminal's width less one column, so none wraps
 * (a wrapped line takes rows the count would miss); after a resize the rows
 * are counted at the new width, as terminals that reflow text (tmux, VTE,
 * iTerm2, Windows Terminal, kitty) rewrap them.
 */
class LiveRegion {
  readonly #terminal: TextOutput
  readonly #blocks: BlockState[] = []
  /** The lines on screen now, top to bottom. */
  #drawn: readonly string[] = []
  readonly #onResize = () => this.#redraw(true)

  constructor(terminal: TextOutput) {
    this.#terminal = terminal
    emitterOf(terminal)?.on('resize', this.#onResize)
  }

  get isEmpty(): boolean {
    return this.#blocks.length === 0
  }

  open(output: TextOutput, bottom: boolean): BlockState {
    const block: BlockState = { output, lines: [], bottom }
    const firstBottom = this.#blocks.findIndex((other) => other.bottom)
    this.#blocks.splice(bottom || firstBottom < 0 ? this.#blocks.length : firstBottom, 0, block)
    return block
  }

  update(block: BlockState, lines: readonly string[]): void {
    block.lines = [...lines]
    this.#redraw(false)
  }

  close(block: BlockState, finalLines: readonly string[]): void {
    this.#blocks.splice(this.#blocks.indexOf(block), 1)
    if (this.isEmpty) emitterOf(this.#terminal)?.off('resize', this.#onResize)
    if (finalLines.length > 0) this.print(block.output, finalLines.map((line) => `${line}\n`).join(''))
    else this.#redraw(false)
  }

  /** Writes `text` (whole lines, ending with a newline) to `output` above the live lines. */
  print(output: TextOutput, text: string): void {
    const erase = eraseRowsAbove(this.#rowsOf(this.#drawn))
    this.#drawn = []
    const frame = this.#frame()
    if (output === this.#terminal) {
      output.write(erase + text + frame.text)
    } else {
      // another stream on the same terminal (stdout beside stderr): written in order, between erase and redraw
      if (erase !== '') this.#terminal.write(erase)
      output.write(text)
      if (frame.text !== '') this.#terminal.write(frame.text)
    }
    this.#drawn = frame.lines
  }

  /** Draws the live lines again from the first one that changed (from the top after a resize). */
  #redraw(all: boolean): void {
    const { lines } = this.#frame()
    const same = all ? 0 : sameLinesAtStart(lines, this.#drawn)
    if (same === lines.length && same === this.#drawn.length) return
    const changed = lines.slice(same)
    const erase = eraseRowsAbove(this.#rowsOf(this.#drawn.slice(same)))
    this.#terminal.write(erase + changed.map((line) => `${line}\n`).join(''))
    this.#drawn = lines
  }

  /** The live lines as drawn now: each cut to one row, and the top ones left out if they would not fit the screen. */
  #frame(): { readonly lines: readonly string[]; readonly text: string } {
    const cells = this.#columns() - 1
    // trailing blanks trimmed: a terminal that narrows rewraps them onto rows of their own
    const all = this.#blocks.flatMap((block) => block.lines.map((line) => fitToWidth(line.trimEnd(), cells).text))
    const rows = this.#terminal.rows ?? DEFAULT_ROWS
    const lines = all.slice(Math.max(all.length - Math.max(rows - 1, 1), 0))
    return { lines, text: lines.map((line) => `${line}\n`).join('') }
  }

  /** Rows `lines` take at the terminal's present width (more than one each if the terminal narrowed since). */
  #rowsOf(lines: readonly string[]): number {
    const columns = this.#columns()
    return lines.reduce((rows, line) => rows + Math.max(1, Math.ceil(textWidth(line) / columns)), 0)
  }

  #columns(): number {
    const columns = this.#terminal.columns
    return typeof columns === 'number' && columns >= 2 ? columns : DEFAULT_COLUMNS
  }
}

/** How many lines `a` and `b` have in common from the start. */
function sameLinesAtStart(a: readonly string[], b: readonly string[]): number {
  let same = 0
  while (same < a.length && same < b.length && a[same] === b[same]) same++
  return same
}

interface ResizeEmitter {
  on(event: 'resize', listener: () => void): unknown
  off(event: 'resize', listener: () => void): unknown
}

/** A Node TTY stream emits 'resize' when its terminal changes size; other outputs never do. */
function emitterOf(output: TextOutput): ResizeEmitter | undefined {
  const emitter: TextOutput & Partial<ResizeEmitter> = output
  return typeof emitter.on === 'function' && typeof emitter.off === 'function' ? (emitter as ResizeEmitter) : undefined
}

// The terminal is shared by every operator that writes to it, and they do not know one another, so the
// regions are kept here, one per terminal, for as long as something is live on it.
const regions = new Map<unknown, LiveRegion>()

/**
 * What identifies the terminal `output` writes to: the device for a Node TTY
 * stream, so process.stdout and process.stderr on one terminal share a region;
 * the object itself otherwise.
 */
function screenOf(output: TextOutput): unknown {
  const fd = (output as { readonly fd?: unknown }).fd
  if (output.isTTY !== true || typeof fd !== 'number') return output
  try {
    return `tty ${fstatSync(fd).rdev}`
  } catch {
    return output // a closed descriptor: nothing else can share it
  }
}

/**
 * Writes `text` (whole lines, each ending with a newline) to `output`: above
 * the live lines of its terminal if it has any, else as it is.
 */
export function printAbove(output: TextOutput, text: string): void {
  const region = output.isTTY === true ? regions.get(screenOf(output)) : undefined
  if (region === undefined) output.write(text)
  else region.print(output, text)
}

/**
 * Opens a block of live lines at the bottom of the terminal `output` (a TTY)
 * writes to; `bottom` blocks (progress bars) stay below the others.
 */
export function openLiveBlock(output: TextOutput, { bottom }: { readonly bottom: boolean }): LiveBlock {
  const screen = screenOf(output)
  const region = regions.get(screen) ?? new LiveRegion(output)
  regions.set(screen, region)
  const block = region.open(output, bottom)
  let open = true
  return {
    update: (lines) => {
      if (open) region.update(block, lines)
    },
    close: (finalLines = []) => {
      if (!open) return
      open = false
      region.close(block, finalLines)
      if (region.isEmpty) regions.delete(screen)
    },
  }
}
