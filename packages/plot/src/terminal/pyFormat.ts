import { ConfigError, checkString, describe } from '@gradstream/core'
import { exponentialHalfEven, fixedHalfEven } from './pyNumbers'

// %[flags][width][.precision]conversion, or %%
const SPEC = /%([-+ 0]*)(\d*)(?:\.(\d+))?([a-zA-Z%])/g

// toFixed and toExponential stop at 100 digits, and a half-to-even tie needs one more.
const MAX_PRECISION = 99
// A field wider than any log line; a width of 1e9 would build a gigabyte of spaces.
const MAX_WIDTH = 1000

interface Spec {
  readonly flags: string
  readonly width: number
  readonly precision: number | undefined
  readonly conversion: string
}

/**
 * Python's `template % values` for the conversions training logs use:
 * `%d`/`%i` (truncated toward zero), `%f` and `%e` (default 6 decimals,
 * rounded half-to-even as CPython does), `%s` and `%%`, with the flags
 * `-`, `+`, space and `0` and a field width. As in Python, `%d` of NaN or an
 * infinity is an error; precisions above 99 and widths above 1000 are refused.
 *
 * @example
 * pyFormat('After %d steps, mse_loss: %f', 2000, 0.0421683) // 'After 2000 steps, mse_loss: 0.042168'
 */
export function pyFormat(template: string, ...values: readonly unknown[]): string {
  checkString('pyFormat', 'template', template)
  const specs = [...template.matchAll(SPEC)]
  const needed = specs.filter((match) => match[4] !== '%').length
  if (needed !== values.length) {
    throw new ConfigError(
      'pyFormat',
      `the template takes ${needed} values, got ${values.length}: ${JSON.stringify(template)}`,
    )
  }
  for (const match of specs) {
    if (!'difes%'.includes(match[4]!)) {
      throw new ConfigError('pyFormat', `unsupported conversion '${match[0]}' at index ${match.index}`)
    }
    if (Number(match[3] ?? 0) > MAX_PRECISION || Number(match[2]) > MAX_WIDTH) {
      throw new ConfigError(
        'pyFormat',
        `'${match[0]}' at index ${match.index}: the precision must be at most ${MAX_PRECISION} and the width at most ${MAX_WIDTH}`,
      )
    }
  }
  let next = 0
  return template.replace(
    SPEC,
    (_, flags: string, width: string, precision: string | undefined, conversion: string) => {
      if (conversion === '%') return '%'
      const spec = {
        flags,
        width: Number(width),
        precision: precision === undefined ? undefined : Number(precision),
        conversion,
      }
      return convert(spec, values[next++])
    },
  )
}

function convert(spec: Spec, value: unknown): string {
  if (spec.conversion === 's') return pad(asText(value), spec, false)
  if (typeof value !== 'number') {
    throw new ConfigError('pyFormat', `%${spec.conversion} needs a number, got ${describe(value)}`)
  }
  if ((spec.conversion === 'd' || spec.conversion === 'i') && !Number.isFinite(value)) {
    // Python: ValueError for NaN, OverflowError for an infinity ("cannot convert float NaN to integer")
    throw new ConfigError('pyFormat', `%${spec.conversion} needs a finite number, got ${describe(value)}`)
  }
  return pad(signed(formatNumber(spec, value), spec.flags), spec, Number.isFinite(value))
}

/** `str(value)` for %s; a value without a usable toString is refused rather than thrown at from inside. */
function asText(value: unknown): string {
  try {
    return String(value)
  } catch {
    throw new ConfigError('pyFormat', `%s cannot turn ${describe(value)} into text`)
  }
}

function formatNumber({ conversion, precision = 6 }: Spec, value: number): string {
  if (conversion === 'd' || conversion === 'i') return BigInt(Math.trunc(value)).toString()
  if (Number.isNaN(value)) return 'nan'
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf'
  return conversion === 'f' ? fixedHalfEven(value, precision) : exponentialHalfEven(value, precision)
}

function signed(text: string, flags: string): string {
  if (text.startsWith('-')) return text
  if (flags.includes('+')) return `+${text}`
  return flags.includes(' ') ? ` ${text}` : text
}

/** Pads to the field width: left-justified with `-`, zero-filled after the sign with `0` (numbers only). */
function pad(text: string, { flags, width }: Spec, zeroFillable: boolean): string {
  if (text.length >= width) return text
  if (flags.includes('-')) return text.padEnd(width)
  if (!flags.includes('0') || !zeroFillable) return text.padStart(width)
  const sign = /^[-+ ]/.test(text) ? text[0]! : ''
  return sign + text.slice(sign.length).padStart(width - sign.length, '0')
}
