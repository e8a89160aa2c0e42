/**
 * Whether the command line picks the workload titled `title`: with no words every workload runs, otherwise
 * those whose title contains one of the words, ignoring case (`pnpm bench memory`, `pnpm bench -- autodiff`).
 */
export function isPicked(title: string, words: readonly string[] = process.argv.slice(2)): boolean {
  const picks = words.filter((word) => word !== '--').map((word) => word.toLowerCase())
  return picks.length === 0 || picks.some((pick) => title.toLowerCase().includes(pick))
}
