import { describe, isPlainObject } from '@gradstream/core'
import type { GradientTransformation } from '@gradstream/optimizers'
import type { Params, RandomKey } from '@gradstream/tensor'
import { produce } from 'immer'
import type { Draft } from 'immer'
import type { Observable, Subscription } from 'rxjs'
import { trainStateOf } from '../trainStateOf'
import { checkEdited } from './checkEdited'
import { StateEditError } from './stateEditError'

/** The part of a snapshot (or of a run's start) that edits see and change. */
type EditableState = Readonly<{
  step: number
  params: Params
  optimizer: unknown
  ema?: Params | undefined
  modelState?: Params | undefined
  runKey?: RandomKey | undefined
}>

/** The recipes `control` sent since the last step, and how to apply them before the next. */
export interface EditQueue {
  /**
   * `prev` with every recipe that arrived since the last step applied, in
   * order, in one `produce`; `prev` itself when none did.
   * @throws StateEditError when a recipe throws or leaves the state malformed, or the stream failed
   */
  readonly applyTo: <T extends EditableState>(prev: T, optimizer: () => GradientTransformation<unknown>) => T
  readonly close: () => void
}

const PARTS = ['params', 'optimizer', 'ema', 'modelState'] as const

/** Subscribes to a run's `control` stream (once per run) and queues what it sends. */
export function editQueue(control$: Observable<unknown>): EditQueue {
  let queued: unknown[] = []
  let failure: { readonly error: unknown } | undefined
  const subscription: Subscription = control$.subscribe({
    next: (recipe) => queued.push(recipe),
    error: (error: unknown) => {
      failure = { error }
    },
  })
  return {
    applyTo: (prev, optimizer) => {
      if (failure !== undefined) {
        const reason = `could not be read: the control stream failed: ${messageOf(failure.error)}`
        throw new StateEditError(prev.step + 1, reason, { cause: failure.error })
      }
      if (queued.length === 0) return prev
      const recipes = queued
      queued = []
      return applied(prev, recipes, optimizer)
    },
    close: () => subscription.unsubscribe(),
  }
}

/** `prev` with `recipes` applied, the edited parts checked against the parts they replace and frozen. */
function applied<T extends EditableState>(
  prev: T,
  recipes: readonly unknown[],
  optimizer: () => GradientTransformation<unknown>,
): T {
  const step = prev.step + 1
  const notRecipe = recipes.findIndex((recipe) => typeof recipe !== 'function')
  if (notRecipe !== -1) {
    const got = describe(recipes[notRecipe])
    throw new StateEditError(step, `received ${got} from control, expected a recipe (draft) => void`)
  }
  // A run's start has no optimizer state yet: the edit sees the one the first step would make.
  const base = trainStateOf({ ...prev, optimizer: prev.optimizer ?? optimizer().init(prev.params) })
  let edited: EditableState
  try {
    edited = produce(base, (draft: Draft<EditableState>) => {
      // A recipe edits the draft; a value it returns (`(d) => d.x = 1` returns 1) is not a replacement.
      for (const recipe of recipes) (recipe as (draft: Draft<EditableState>) => unknown)(draft)
    })
  } catch (error) {
    throw new StateEditError(step, `threw: ${messageOf(error)}`, { cause: error })
  }
  if (edited === base) return prev
  const fault = faultOf(base, edited)
  if (fault !== undefined) throw new StateEditError(step, fault)
  return { ...prev, ...edited }
}

function faultOf(base: EditableState, edited: EditableState): string | undefined {
  const added = Object.keys(edited).find((name) => !Object.hasOwn(base, name))
  if (added !== undefined) return `added ${added}, which the run does not keep`
  const removed = Object.keys(base).find((name) => !Object.hasOwn(edited, name))
  if (removed !== undefined) return `removed ${removed}`
  if (edited.step !== base.step) {
    return `changed step from ${base.step} to ${describe(edited.step)}; step counts the updates made and is not editable`
  }
  if (edited.runKey !== base.runKey) return 'changed runKey; the run key is the seed of every step and is not editable'
  for (const part of PARTS) {
    const fault = checkEdited(part, base[part], edited[part])
    if (fault !== undefined) return fault
  }
  return learningRateFault(edited.optimizer)
}

/** A learning rate in the state (a function of the rate's run) must be >= 0, as the `learningRate` option. */
function learningRateFault(optimizer: unknown): string | undefined {
  const hyperparams = isPlainObject(optimizer) ? optimizer.hyperparams : undefined
  const rate = isPlainObject(hyperparams) ? hyperparams.learningRate : undefined
  if (typeof rate === 'number' && rate < 0) {
    return `set optimizer.hyperparams.learningRate to ${rate}; a learning rate must be >= 0`
  }
  return undefined
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
