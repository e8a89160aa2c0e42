/** Distinct warnings kept per run, then one that says the rest are not shown: a source failing differently each step stays bounded. */
export const MAX_WARNINGS = 10
/** Characters of a warning kept; a callback or a log line may hold any text. */
const MAX_WARNING_LENGTH = 300

/** A run's warnings for the page: distinct, each cut at 300 characters, at most MAX_WARNINGS and a last one saying so. */
export class WarningList {
  readonly #items: string[] = []

  get items(): readonly string[] {
    return this.#items
  }

  add(text: string): void {
    const warning = text.length > MAX_WARNING_LENGTH ? `${text.slice(0, MAX_WARNING_LENGTH)}…` : text
    if (this.#items.length > MAX_WARNINGS || this.#items.includes(warning)) return
    this.#items.push(
      this.#items.length < MAX_WARNINGS
        ? warning
        : `more than ${MAX_WARNINGS} different warnings; the rest are not shown`,
    )
  }
}
