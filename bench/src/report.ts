/**
 * A workload that measures and formats its own table, for comparisons that do not fit one gradstream
 * column against one tfjs column (three ways to train, a heap over time). List it in `run.ts`'s REPORTS.
 */
export interface Report {
  /** Printed above the table; the words of the command line pick workloads by their title. */
  readonly title: string
  /** Runs the measurements and returns the table, with any lines that go under it (a run may be asynchronous). */
  readonly run: () => string | Promise<string>
}
