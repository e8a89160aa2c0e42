"""Reads a TensorBoard events file without TensorFlow or the protobuf package, for tensorBoard.test.ts.

Independent of the writer: the CRC-32C of tfrecordcrc.py, its own protobuf wire-format reader, and the field
numbers of TensorFlow's event.proto, summary.proto, tensor.proto and TensorBoard's hparams plugin_data.proto / api.proto and protobuf's
struct.proto, written out below. Prints one JSON document: the records with their CRC verdicts and decoded events.
"""
import json
import struct
import sys

from tfrecordcrc import masked


def varint(buf, pos):
    result = shift = 0
    while True:
        byte = buf[pos]
        pos += 1
        result |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            return result, pos


def fields(buf):
    """(field number, wire type, value) of each field; value is an int, float bytes or a byte string."""
    pos = 0
    out = []
    while pos < len(buf):
        key, pos = varint(buf, pos)
        number, wire = key >> 3, key & 7
        if wire == 0:
            value, pos = varint(buf, pos)
        elif wire == 1:
            value, pos = buf[pos : pos + 8], pos + 8
        elif wire == 2:
            size, pos = varint(buf, pos)
            value, pos = buf[pos : pos + size], pos + size
        elif wire == 5:
            value, pos = buf[pos : pos + 4], pos + 4
        else:
            raise ValueError("wire type %d" % wire)
        out.append((number, wire, value))
    return out


def f64(b):
    return struct.unpack("<d", b)[0]


def f32(b):
    return struct.unpack("<f", b)[0]


def packed_f64(b):
    return [f64(b[i : i + 8]) for i in range(0, len(b), 8)]


def struct_value(buf):  # google.protobuf.Value
    for number, _, v in fields(buf):
        if number == 2:
            return f64(v)
        if number == 3:
            return v.decode("utf-8")
        if number == 4:
            return bool(v)
    return None


def plugin_data(buf):  # tensorboard.hparams.HParamsPluginData
    out = {}
    for number, _, v in fields(buf):
        if number == 1:
            out["version"] = v
        elif number == 3:  # SessionStartInfo
            start = {"hparams": {}}
            for n, _, w in fields(v):
                if n == 1:  # map entry: key = 1, value = 2
                    entry = {k: x for k, _, x in fields(w)}
                    start["hparams"][entry[1].decode("utf-8")] = struct_value(entry.get(2, b""))
                elif n == 5:
                    start["start_time_secs"] = f64(w)
            out["session_start_info"] = start
        elif number == 4:  # SessionEndInfo
            end = {}
            for n, _, w in fields(v):
                if n == 1:
                    end["status"] = w
                elif n == 2:
                    end["end_time_secs"] = f64(w)
            out["session_end_info"] = end
    return out


def tensor(buf):  # tensorflow.TensorProto
    out = {"dtype": 0, "shape": [], "string_val": [], "float_val": []}
    for number, wire, v in fields(buf):
        if number == 1:
            out["dtype"] = v
        elif number == 2:
            out["shape"] = [dict((k, x) for k, _, x in fields(d)).get(1, 0) for n, _, d in fields(v) if n == 2]
        elif number == 5:
            out["float_val"] += [f32(v[i : i + 4]) for i in range(0, len(v), 4)] if wire == 2 else [f32(v)]
        elif number == 8:
            out["string_val"].append(v.decode("utf-8"))
    return out


def histo(buf):  # tensorflow.HistogramProto
    names = {1: "min", 2: "max", 3: "num", 4: "sum", 5: "sum_squares"}
    out = {"bucket_limit": [], "bucket": []}
    for number, _, v in fields(buf):
        if number in names:
            out[names[number]] = f64(v)
        elif number == 6:
            out["bucket_limit"] += packed_f64(v)
        elif number == 7:
            out["bucket"] += packed_f64(v)
    return out


def summary_value(buf):  # tensorflow.Summary.Value
    out = {}
    for number, _, v in fields(buf):
        if number == 1:
            out["tag"] = v.decode("utf-8")
        elif number == 2:
            out["simple_value"] = f32(v)
        elif number == 5:
            out["histo"] = histo(v)
        elif number == 8:
            out["tensor"] = tensor(v)
        elif number == 9:  # SummaryMetadata.plugin_data: plugin_name = 1, content = 2
            plugin = {n: w for n, _, w in fields(dict((n, w) for n, _, w in fields(v))[1])}
            name = plugin[1].decode("utf-8")
            out["plugin"] = name
            if name == "hparams":
                out["hparams"] = plugin_data(plugin.get(2, b""))
    return out


def event(buf):  # tensorflow.Event
    out = {"field_numbers": [number for number, _, _ in fields(buf)]}
    for number, _, v in fields(buf):
        if number == 1:
            out["wall_time"] = f64(v)
        elif number == 2:
            out["step"] = v
        elif number == 3:
            out["file_version"] = v.decode("utf-8")
        elif number == 5:
            out["summary"] = [summary_value(w) for n, _, w in fields(v) if n == 1]
    return out


def read(path):
    data = open(path, "rb").read()
    pos = 0
    records = []
    while pos < len(data):
        header = data[pos : pos + 8]
        (length,) = struct.unpack("<Q", header)
        (length_crc,) = struct.unpack("<I", data[pos + 8 : pos + 12])
        body = data[pos + 12 : pos + 12 + length]
        (body_crc,) = struct.unpack("<I", data[pos + 12 + length : pos + 16 + length])
        records.append(
            {
                "length": length,
                "length_crc_ok": length_crc == masked(header),
                "data_crc_ok": body_crc == masked(body) and len(body) == length,
                "hex": data[pos : pos + 16 + length].hex() if len(records) == 0 else None,
                "event": event(body),
            }
        )
        pos += 16 + length
    return {"bytes": len(data), "end": pos, "records": records}


print(json.dumps(read(sys.argv[1])))
