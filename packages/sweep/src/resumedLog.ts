import { readFile, rename, writeFile } from 'node:fs/promises'

/**
 * What a resumed run keeps of its log: whether the hyper-parameters line is
 * there, and each kept step's numbers as `{ step, ...scalars }` (the record
 * a `finished` event's `final` and `best` hold).
 */
export interface KeptLog {
  readonly hasHParams: boolean
  readonly steps: readonly Readonly<Record<string, number>>[]
}

// Fields of a step line that are not logged values.
const NOT_SCALARS = new Set(['type', 'step', 'epoch', 'wall_time'])

/**
 * Cuts the log at `path` back to the step of the checkpoint a run resumes
 * from, so that the resumed run appends exactly what an uninterrupted run
 * would have written: the first hyper-parameters line and the step lines up
 * to `checkpointStep` stay, in order; step lines past it (logged after the
 * checkpoint by the attempt that stopped), any second hyper-parameters line
 * and lines that do not parse (a line torn by a process killed mid-write)
 * go. The file is replaced atomically (a temporary file renamed over it), so
 * a process killed here leaves either the old log or the new one. A missing
 * log is left missing.
 * @example await keepLogUpTo('runs/lr=0.1/log.jsonl', 400) // { hasHParams: true, steps: [{ step: 1, loss: 0.9 }, ...] }
 */
export async function keepLogUpTo(path: string, checkpointStep: number): Promise<KeptLog> {
  const text = await readFile(path, 'utf8').catch((error: unknown) => {
    if ((error as { code?: unknown }).code === 'ENOENT') return undefined
    throw error
  })
  if (text === undefined) return { hasHParams: false, steps: [] }
  const kept: string[] = []
  const steps: Record<string, number>[] = []
  let hasHParams = false
  for (const line of text.split('\n')) {
    const record = parseLine(line)
    if (record?.type === 'hparams' && !hasHParams) {
      hasHParams = true
      kept.push(line)
    } else if (record?.type === 'step' && typeof record.step === 'number' && record.step <= checkpointStep) {
      kept.push(line)
      steps.push(stepRecord(record))
    }
  }
  const temporary = `${path}.resuming`
  await writeFile(temporary, kept.map((line) => `${line}\n`).join(''))
  await rename(temporary, path)
  return { hasHParams, steps }
}

function parseLine(line: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(line)
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : undefined
  } catch {
    return undefined // an empty or torn line
  }
}

/** A step line's numbers; the log writes non-finite values as the strings 'NaN', 'Infinity' and '-Infinity'. */
function stepRecord(line: Record<string, unknown>): Record<string, number> {
  const record: Record<string, number> = { step: line.step as number }
  for (const [name, value] of Object.entries(line)) {
    if (!NOT_SCALARS.has(name)) record[name] = Number(value)
  }
  return record
}
