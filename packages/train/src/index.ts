export type { Batch } from './batch'
export { batches } from './batches'
export type { BatchesOptions, BatchOrder } from './batches'
export { train } from './train'
export type {
  TrainOptions,
  LossOutput,
  LossResult,
  StepContext,
  Optimizer,
  StateInsideLearningRate,
} from './trainOptions'
export type { RateFunction } from './train'
export type { StateEdit, StateDraft } from './control/stateEdit'
export { StateEditError } from './control/stateEditError'
export type { LearningRateState } from './control/learningRateState'
export { fit } from './fit'
export type { FitOptions, FitData } from './fit'
export { runTraining } from './runTraining'
export type { Branch, TrainingOutcome } from './runTraining'
export type { Snapshot, TrainState, LossTerms } from './snapshot'
export type { EpochPosition } from './epochs'
export type { LearningRateInput } from './learningRate'
export { TrainStepError, NonFiniteError, CheckpointError } from './errors'
export { everySteps } from './operators/everySteps'
export type { EveryStepsOptions } from './operators/everySteps'
export { stopWhen } from './operators/stopWhen'
export { nanGuard } from './operators/nanGuard'
export { withEma } from './operators/withEma'
export type { WithEmaOptions } from './operators/withEma'
export { history } from './operators/history'
export type { HistoryOptions } from './operators/history'
export { checkpoint } from './operators/checkpoint'
export type { CheckpointOptions, CheckpointWriter } from './operators/checkpoint'
export { checkpointToFile } from './operators/checkpointToFile'
export { evaluate } from './operators/evaluate'
export type { EvaluateOptions, EvaluationContext, ModelStateOf } from './operators/evaluate'
export { EvaluationError } from './operators/evaluationError'
export { earlyStopping } from './operators/earlyStopping'
export type { EarlyStoppingOptions } from './operators/earlyStopping'
export { reduceOnPlateau } from './operators/reduceOnPlateau'
export type { ReduceOnPlateauOptions, LearningRateEdit } from './operators/reduceOnPlateau'
export { resume } from './checkpoint/resume'
export type { ResumeOptions, ResettablePart } from './checkpoint/resumeOptions'
export {
  serializeCheckpoint,
  parseCheckpoint,
  checkpointHParams,
  CHECKPOINT_FORMAT,
  CHECKPOINT_VERSION,
} from './checkpoint/format'
export type { CheckpointDocument, SerializeCheckpointOptions } from './checkpoint/format'
