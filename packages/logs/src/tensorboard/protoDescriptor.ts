// The messages of proto/*.proto as a protobufjs JSON descriptor, so the writer needs no .proto parser at run time.
// protoDescriptor.test.ts checks it equals what protobufjs parses from those files; regenerate it from them after a change.
import type { INamespace } from 'protobufjs/light.js'

// protobufjs's INamespace has no `protoName` (which its own toJSON writes): typed through a variable, not the literal.
const descriptor = {
  nested: {
    tensorflow: {
      nested: {
        Event: {
          oneofs: { what: { oneof: ['fileVersion', 'summary'] } },
          fields: {
            wallTime: { type: 'double', id: 1, protoName: 'wall_time' },
            step: { type: 'int64', id: 2 },
            fileVersion: { type: 'string', id: 3, protoName: 'file_version' },
            summary: { type: 'Summary', id: 5 },
          },
        },
        HistogramProto: {
          fields: {
            min: { type: 'double', id: 1 },
            max: { type: 'double', id: 2 },
            num: { type: 'double', id: 3 },
            sum: { type: 'double', id: 4 },
            sumSquares: { type: 'double', id: 5, protoName: 'sum_squares' },
            bucketLimit: {
              rule: 'repeated',
              type: 'double',
              id: 6,
              protoName: 'bucket_limit',
              options: { packed: true },
            },
            bucket: { rule: 'repeated', type: 'double', id: 7, options: { packed: true } },
          },
        },
        SummaryMetadata: {
          fields: {
            pluginData: { type: 'PluginData', id: 1, protoName: 'plugin_data' },
            displayName: { type: 'string', id: 2, protoName: 'display_name' },
            summaryDescription: { type: 'string', id: 3, protoName: 'summary_description' },
            dataClass: { type: 'DataClass', id: 4, protoName: 'data_class' },
          },
          nested: {
            PluginData: {
              fields: {
                pluginName: { type: 'string', id: 1, protoName: 'plugin_name' },
                content: { type: 'bytes', id: 2 },
              },
            },
          },
        },
        DataClass: {
          values: { DATA_CLASS_UNKNOWN: 0, DATA_CLASS_SCALAR: 1, DATA_CLASS_TENSOR: 2, DATA_CLASS_BLOB_SEQUENCE: 3 },
        },
        Summary: {
          fields: { value: { rule: 'repeated', type: 'Value', id: 1 } },
          nested: {
            Value: {
              oneofs: { value: { oneof: ['simpleValue', 'histo', 'tensor'] } },
              fields: {
                nodeName: { type: 'string', id: 7, protoName: 'node_name' },
                tag: { type: 'string', id: 1 },
                metadata: { type: 'SummaryMetadata', id: 9 },
                simpleValue: { type: 'float', id: 2, protoName: 'simple_value' },
                histo: { type: 'HistogramProto', id: 5 },
                tensor: { type: 'TensorProto', id: 8 },
              },
            },
          },
        },
        DataType: { values: { DT_INVALID: 0, DT_FLOAT: 1, DT_DOUBLE: 2, DT_INT32: 3, DT_STRING: 7 } },
        TensorShapeProto: {
          fields: {
            dim: { rule: 'repeated', type: 'Dim', id: 2 },
            unknownRank: { type: 'bool', id: 3, protoName: 'unknown_rank' },
          },
          nested: { Dim: { fields: { size: { type: 'int64', id: 1 }, name: { type: 'string', id: 2 } } } },
        },
        TensorProto: {
          fields: {
            dtype: { type: 'DataType', id: 1 },
            tensorShape: { type: 'TensorShapeProto', id: 2, protoName: 'tensor_shape' },
            versionNumber: { type: 'int32', id: 3, protoName: 'version_number' },
            tensorContent: { type: 'bytes', id: 4, protoName: 'tensor_content' },
            floatVal: { rule: 'repeated', type: 'float', id: 5, protoName: 'float_val', options: { packed: true } },
            doubleVal: { rule: 'repeated', type: 'double', id: 6, protoName: 'double_val', options: { packed: true } },
            intVal: { rule: 'repeated', type: 'int32', id: 7, protoName: 'int_val', options: { packed: true } },
            stringVal: { rule: 'repeated', type: 'bytes', id: 8, protoName: 'string_val' },
          },
        },
      },
    },
    tensorboard: {
      nested: {
        hparams: {
          nested: {
            HParamsPluginData: {
              oneofs: { data: { oneof: ['experiment', 'sessionStartInfo', 'sessionEndInfo'] } },
              fields: {
                version: { type: 'int32', id: 1 },
                experiment: { type: 'Experiment', id: 2 },
                sessionStartInfo: { type: 'SessionStartInfo', id: 3, protoName: 'session_start_info' },
                sessionEndInfo: { type: 'SessionEndInfo', id: 4, protoName: 'session_end_info' },
              },
            },
            SessionStartInfo: {
              fields: {
                hparams: { keyType: 'string', type: 'google.protobuf.Value', id: 1 },
                modelUri: { type: 'string', id: 2, protoName: 'model_uri' },
                monitorUrl: { type: 'string', id: 3, protoName: 'monitor_url' },
                groupName: { type: 'string', id: 4, protoName: 'group_name' },
                startTimeSecs: { type: 'double', id: 5, protoName: 'start_time_secs' },
              },
            },
            SessionEndInfo: {
              fields: {
                status: { type: 'Status', id: 1 },
                endTimeSecs: { type: 'double', id: 2, protoName: 'end_time_secs' },
              },
            },
            Experiment: {
              fields: {
                name: { type: 'string', id: 6 },
                description: { type: 'string', id: 1 },
                user: { type: 'string', id: 2 },
                timeCreatedSecs: { type: 'double', id: 3, protoName: 'time_created_secs' },
                hparamInfos: { rule: 'repeated', type: 'HParamInfo', id: 4, protoName: 'hparam_infos' },
                metricInfos: { rule: 'repeated', type: 'MetricInfo', id: 5, protoName: 'metric_infos' },
              },
            },
            HParamInfo: {
              oneofs: { domain: { oneof: ['domainDiscrete', 'domainInterval'] } },
              fields: {
                name: { type: 'string', id: 1 },
                displayName: { type: 'string', id: 2, protoName: 'display_name' },
                description: { type: 'string', id: 3 },
                type: { type: 'DataType', id: 4 },
                domainDiscrete: { type: 'google.protobuf.ListValue', id: 5, protoName: 'domain_discrete' },
                domainInterval: { type: 'Interval', id: 6, protoName: 'domain_interval' },
              },
            },
            DataType: { values: { DATA_TYPE_UNSET: 0, DATA_TYPE_STRING: 1, DATA_TYPE_BOOL: 2, DATA_TYPE_FLOAT64: 3 } },
            Interval: {
              fields: {
                minValue: { type: 'double', id: 1, protoName: 'min_value' },
                maxValue: { type: 'double', id: 2, protoName: 'max_value' },
              },
            },
            MetricName: { fields: { group: { type: 'string', id: 1 }, tag: { type: 'string', id: 2 } } },
            MetricInfo: {
              fields: {
                name: { type: 'MetricName', id: 1 },
                displayName: { type: 'string', id: 3, protoName: 'display_name' },
                description: { type: 'string', id: 4 },
                datasetType: { type: 'DatasetType', id: 5, protoName: 'dataset_type' },
              },
            },
            DatasetType: { values: { DATASET_UNKNOWN: 0, DATASET_TRAINING: 1, DATASET_VALIDATION: 2 } },
            Status: { values: { STATUS_UNKNOWN: 0, STATUS_SUCCESS: 1, STATUS_FAILURE: 2, STATUS_RUNNING: 3 } },
          },
        },
      },
    },
    google: {
      nested: {
        protobuf: {
          nested: {
            Struct: { fields: { fields: { keyType: 'string', type: 'Value', id: 1 } } },
            Value: {
              oneofs: {
                kind: { oneof: ['nullValue', 'numberValue', 'stringValue', 'boolValue', 'structValue', 'listValue'] },
              },
              fields: {
                nullValue: { type: 'NullValue', id: 1, protoName: 'null_value' },
                numberValue: { type: 'double', id: 2, protoName: 'number_value' },
                stringValue: { type: 'string', id: 3, protoName: 'string_value' },
                boolValue: { type: 'bool', id: 4, protoName: 'bool_value' },
                structValue: { type: 'Struct', id: 5, protoName: 'struct_value' },
                listValue: { type: 'ListValue', id: 6, protoName: 'list_value' },
              },
            },
            NullValue: { values: { NULL_VALUE: 0 } },
            ListValue: { fields: { values: { rule: 'repeated', type: 'Value', id: 1 } } },
          },
        },
      },
    },
  },
}

export const protoDescriptor: INamespace = descriptor
