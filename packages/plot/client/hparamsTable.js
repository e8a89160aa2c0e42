// A table of the runs' hyper-parameters (the hparams record of jsonlLog)
// beside the final and best value of a metric, sortable by any column.
/* global document, Option */

function element(tag, className, text) {
  const node = document.createElement(tag)
  if (className) node.className = className
  if (text !== undefined) node.textContent = text
  return node
}

/** `{ optimizer: { name: 'adam' } }` -> `{ 'optimizer.name': 'adam' }`: one column per leaf. */
export function flattenHParams(hparams, prefix = '', into = {}) {
  for (const [key, value] of Object.entries(hparams ?? {})) {
    const name = prefix + key
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) flattenHParams(value, `${name}.`, into)
    else into[name] = Array.isArray(value) ? JSON.stringify(value) : value
  }
  return into
}

/** A loss or an error is best when smallest; anything else (an accuracy, a score) when largest. */
export const lowerIsBetter = (metric) => /loss|error/i.test(metric)

/** Missing values sort last either way; numbers by value, text by locale. */
function compareCells(a, b, direction) {
  if (a === undefined || a === null) return b === undefined || b === null ? 0 : 1
  if (b === undefined || b === null) return -1
  const order = typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b))
  return order * direction
}

const formatCell = (value) =>
  value === undefined || value === null
    ? ''
    : typeof value === 'number'
      ? String(Number(value.toPrecision(6)))
      : String(value)

/**
 * The table inside `holder`. `update(runs, metrics)` redraws it from
 * `runs` ([{ id, name, color, hparams, shown, summary(metric) -> { final,
 * best } | undefined }]) and the metric names seen so far.
 */
export function createHParamsTable(holder) {
  const heading = element('div', 'hparams-heading')
  const picker = element('select', 'hparams-metric')
  picker.setAttribute('aria-label', 'metric for the final and best columns')
  heading.append(element('h2', '', 'hyper-parameters'), element('label', '', 'final and best of '), picker)
  const table = element('table', 'hparams')
  holder.append(heading, table)
  let sort = { column: 'run', direction: 1 }
  let last = { runs: [], metrics: [] }
  picker.addEventListener('change', () => update(last.runs, last.metrics))

  function update(runs, metrics) {
    last = { runs, metrics }
    if (picker.options.length !== metrics.length) {
      const chosen = picker.value || (metrics.includes('loss') ? 'loss' : metrics[0])
      picker.replaceChildren(...metrics.map((metric) => new Option(metric, metric)))
      if (chosen !== undefined) picker.value = chosen
    }
    const metric = picker.value
    const rows = runs.map((run) => {
      const summary = metric ? run.summary(metric) : undefined
      return {
        run,
        cells: { run: run.name, ...flattenHParams(run.hparams), final: summary?.final, best: summary?.best },
      }
    })
    const keys = [...new Set(rows.flatMap((row) => Object.keys(row.cells)))].filter(
      (key) => key !== 'run' && key !== 'final' && key !== 'best',
    )
    const columns = ['run', ...keys.sort(), 'final', 'best']
    rows.sort((a, b) => compareCells(a.cells[sort.column], b.cells[sort.column], sort.direction))
    const head = element('tr')
    for (const column of columns) {
      const label = column === 'final' || column === 'best' ? `${column} ${metric ?? ''}`.trim() : column
      const cell = element('th', '', label)
      cell.dataset.column = column
      cell.tabIndex = 0
      if (sort.column === column) cell.setAttribute('aria-sort', sort.direction > 0 ? 'ascending' : 'descending')
      const resort = () => {
        sort = { column, direction: sort.column === column ? -sort.direction : 1 }
        update(last.runs, last.metrics)
      }
      cell.addEventListener('click', resort)
      cell.addEventListener('keydown', (event) => event.key === 'Enter' && resort())
      head.append(cell)
    }
    const body = rows.map(({ run, cells }) => {
      const row = element('tr')
      row.dataset.run = run.id
      row.hidden = !run.shown
      for (const column of columns) row.append(element('td', '', formatCell(cells[column])))
      row.firstChild.style.borderLeft = `4px solid ${run.color}`
      return row
    })
    const caption = metric
      ? `best: the ${lowerIsBetter(metric) ? 'smallest' : 'largest'} ${metric} of every logged step`
      : ''
    table.replaceChildren(element('caption', '', caption), element('thead'), element('tbody'))
    table.tHead.append(head)
    table.tBodies[0].append(...body)
  }

  return { update }
}
