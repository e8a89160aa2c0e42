import { flattenHParams } from '../hparams'
import type { HParamValue, HParams } from '@gradstream/core'
import { encodeHParamsPluginData } from './eventMessages'
import type { HistogramFields, ProtoValue, SummaryValue } from './eventMessages'

/** The version every events file starts with (`tensorflow/core/util/events_writer.cc`). */
export const FILE_VERSION = 'brain.Event:2'

/** A TF1 scalar summary: `simple_value`, a float32, as `tf.summary.scalar` writes. */
export const scalarValue = (tag: string, value: number): SummaryValue => ({ tag, simpleValue: value })

/** A TF1 histogram summary (`tf.summary.histogram`). */
export const histogramValue = (tag: string, histo: HistogramFields): SummaryValue => ({ tag, histo })

/** A text summary as `tf.summary.text` writes it: a string scalar tensor for TensorBoard's text plugin (Markdown). */
export const textValue = (tag: string, text: string): SummaryValue => ({
  tag,
  metadata: { pluginData: { pluginName: 'text' } },
  tensor: { dtype: 'DT_STRING', tensorShape: {}, stringVal: [new TextEncoder().encode(text)] },
})

// The HParams plugin's tags and data version (tensorboard/plugins/hparams/metadata.py).
const SESSION_START_INFO_TAG = '_hparams_/session_start_info'
const SESSION_END_INFO_TAG = '_hparams_/session_end_info'
const PLUGIN_DATA_VERSION = 0

/**
 * The HParams plugin's session start: the run's hyper-parameters (nested
 * names joined with `.`), as
 * `tensorboard.plugins.hparams.summary.session_start_pb` writes it (the
 * data in the metadata's plugin content, beside a float scalar 0 tensor).
 * No experiment summary is written: TensorBoard then builds the experiment
 * from the runs, with every scalar tag as a metric.
 */
export function sessionStartValue(hparams: HParams, startTimeSecs: number): SummaryValue {
  const values: Record<string, ProtoValue> = {}
  for (const [name, value] of flattenHParams(hparams)) values[name] = protoValue(value)
  const content = encodeHParamsPluginData({
    version: PLUGIN_DATA_VERSION,
    sessionStartInfo: { hparams: values, startTimeSecs },
  })
  return hparamsValue(SESSION_START_INFO_TAG, content)
}

/** The HParams plugin's session end, with the run's status. */
export function sessionEndValue(status: 'STATUS_SUCCESS' | 'STATUS_FAILURE', endTimeSecs: number): SummaryValue {
  const content = encodeHParamsPluginData({ version: PLUGIN_DATA_VERSION, sessionEndInfo: { status, endTimeSecs } })
  return hparamsValue(SESSION_END_INFO_TAG, content)
}

function hparamsValue(tag: string, content: Uint8Array): SummaryValue {
  return {
    tag,
    metadata: { pluginData: { pluginName: 'hparams', content } },
    tensor: { dtype: 'DT_FLOAT', tensorShape: {}, floatVal: [0] },
  }
}

function protoValue(value: HParamValue): ProtoValue {
  if (typeof value === 'number') return { numberValue: value }
  return typeof value === 'string' ? { stringValue: value } : { boolValue: value }
}
