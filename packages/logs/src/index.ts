export { jsonlLog } from './jsonlLog'
export type { JsonlLogOptions } from './jsonlLog'
export { csvLog } from './csvLog'
export type { CsvLogOptions } from './csvLog'
export { loggedValues } from './loggedSnapshot'
export type { LoggedSnapshot, LoggedValue } from './loggedSnapshot'
export { flattenHParams } from './hparams'
export type { HParams, HParamValue } from '@gradstream/core'
export { LogWriteError } from './LogWriteError'
export { tensorBoard } from './tensorboard/tensorBoard'
export type { TensorBoardOptions, TensorBoardSnapshot } from './tensorboard/tensorBoard'
export { readTensorBoardEvents, EventFileReader } from './tensorboard/eventFileReader'
export type {
  TensorBoardEvent,
  TensorBoardScalar,
  TensorBoardHistogram,
  TensorBoardHParamValue,
} from './tensorboard/eventDecoder'
export type { HistogramFields } from './tensorboard/eventMessages'
export { EventFileError } from './tensorboard/EventFileError'
