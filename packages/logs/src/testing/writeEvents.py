"""Writes a TensorBoard events file as TensorFlow 2 and TF1 writers lay it out, without TensorFlow or the protobuf
package, for eventFileReader.test.ts.

Independent of the reader under test: the CRC-32C of tfrecordcrc.py, its own protobuf wire-format encoder, and
the field numbers of TensorFlow's event.proto, summary.proto, tensor.proto, tensor_shape.proto, TensorBoard's hparams plugin_data.proto
and protobuf's struct.proto, written out below. Usage: writeEvents.py <path>.
"""
import struct
import sys

from tfrecordcrc import masked


def varint(n):
    out = b""
    while True:
        byte = n & 0x7F
        n >>= 7
        if n:
            out += bytes([byte | 0x80])
        else:
            return out + bytes([byte])


def key(number, wire):
    return varint(number << 3 | wire)


def vint(number, n):
    return key(number, 0) + varint(n)


def f64(number, x):
    return key(number, 1) + struct.pack("<d", x)


def f32(number, x):
    return key(number, 5) + struct.pack("<f", x)


def message(number, body):
    if isinstance(body, str):
        body = body.encode("utf-8")
    return key(number, 2) + varint(len(body)) + body


def packed_f64(number, xs):
    return message(number, b"".join(struct.pack("<d", x) for x in xs))


def shape(*dims):  # TensorShapeProto: dim = 2, Dim.size = 1
    return b"".join(message(2, vint(1, d)) for d in dims)


def metadata(plugin, content=b""):  # SummaryMetadata.plugin_data = 1: plugin_name = 1, content = 2
    data = message(1, plugin) + (message(2, content) if content else b"")
    return message(9, message(1, data))


def value(tag, *fields):  # Summary.Value: tag = 1
    return message(1, message(1, tag) + b"".join(fields))


def event(wall_time, step, *values, extra=b""):  # Event: wall_time = 1, step = 2, summary = 5
    body = f64(1, wall_time) + (vint(2, step) if step else b"") + extra
    return body + (message(5, b"".join(values)) if values else b"")


def record(data):
    length = struct.pack("<Q", len(data))
    return length + struct.pack("<I", masked(length)) + data + struct.pack("<I", masked(data))


DT_FLOAT, DT_DOUBLE = 1, 2


def tensor(dtype, dims, content=b"", typed=b""):  # TensorProto: dtype = 1, tensor_shape = 2, tensor_content = 4
    return message(8, vint(1, dtype) + message(2, shape(*dims)) + (message(4, content) if content else b"") + typed)


def histo(low, high, num, total, squares, limits, counts):  # HistogramProto: fields 1 to 7
    moments = f64(1, low) + f64(2, high) + f64(3, num) + f64(4, total) + f64(5, squares)
    return moments + packed_f64(6, limits) + packed_f64(7, counts)


def hparams_start():  # HParamsPluginData: version = 1, session_start_info = 3; SessionStartInfo.hparams = 1 (map)
    entries = [("lr", f64(2, 0.1)), ("optimizer", message(3, "adam")), ("nesterov", vint(4, 1))]
    start = b"".join(message(1, message(1, name) + message(2, v)) for name, v in entries) + f64(5, 1764770000.0)
    return vint(1, 0) + message(3, start)


records = [
    f64(1, 1764770000.25) + message(3, "brain.Event:2"),
    # TF2 scalar: a float tensor in tensor_content, the plugin named on the tag's first summary only;
    # a TF1 simple_value of 0; an image summary (Value field 4) and a graph (Event field 4), both skipped
    event(
        1764770001.5,
        1,
        value("loss", metadata("scalars"), tensor(DT_FLOAT, [], struct.pack("<f", 0.5))),
        value("accuracy", f32(2, 0.0)),
        value("picture", message(4, vint(1, 2))),
        extra=message(4, b"\x0a\x00"),
    ),
    # the plugin remembered from step 1; a double scalar in double_val (tensor.proto field 6)
    event(
        1764770002.5,
        2,
        value("loss", tensor(DT_FLOAT, [], typed=message(5, struct.pack("<f", 0.25)))),
        value("lr", metadata("scalars"), tensor(DT_DOUBLE, [], typed=message(6, struct.pack("<d", 0.1)))),
    ),
    # TF2 histogram: (left, right, count) rows of a [2, 3] double tensor; a TF1 HistogramProto; a step past 2^32
    event(
        1764770003.5,
        2**40,
        value(
            "params/w",
            metadata("histograms"),
            tensor(DT_DOUBLE, [2, 3], struct.pack("<6d", -1.0, 0.0, 3.0, 0.0, 2.0, 1.0)),
        ),
        value("params/b", message(5, histo(-0.5, 1.5, 4.0, 2.0, 3.5, [0.0, 1.0, 1.7976931348623157e308], [1.0, 2.0, 1.0]))),
    ),
    # the HParams plugin's session start beside its float scalar 0 tensor, which is no scalar of the run
    event(
        1764770000.0,
        0,
        value(
            "_hparams_/session_start_info",
            metadata("hparams", hparams_start()),
            tensor(DT_FLOAT, [], typed=message(5, struct.pack("<f", 0.0))),
        ),
    ),
]

with open(sys.argv[1], "wb") as out:
    for data in records:
        out.write(record(data))
