#!/usr/bin/env python3
"""Writes the protobuf wire-format fixtures of ModelFilesTests (Fixtures/protobuf): messages encoded
by Google's protobuf library, and hand-made broken ones, with what Google's own decoder reads in
each (expected.json). ProtobufReaderTests read every file with our reader and compare.

Run from the repository root:  python3 Tests/ModelFilesTests/Fixtures/make-protobuf.py
Needs protobuf and onnx (pip install onnx protobuf). The generated files are committed, so CI needs
no Python.

Each entry of expected.json:
  file      the fixture, in Fixtures/protobuf
  google    "accepts" or "refuses": whether Google's decoder reads the bytes (as google.protobuf.Empty,
            so every field is an unknown field and only the wire format is judged)
  ours      "accepts" or "refuses": what our reader must do; it differs from google only where
            `why` says (groups are refused; varints past 64 bits are refused)
  fields    when accepted: every field in wire order, {number, wire, value}; value is a decimal
            string for varint/fixed32/fixed64, hex for length-delimited; a length-delimited field
            that holds a message of the sample schema has `message`, its own fields
"""
import json
import os
import struct

from google.protobuf import descriptor_pb2, descriptor_pool, empty_pb2, message_factory, unknown_fields
from google.protobuf.message import DecodeError

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "protobuf")

# A schema with every scalar type, nesting, packed and unpacked repeats, and the largest field number.
file_proto = descriptor_pb2.FileDescriptorProto(name="sample.proto", package="modelgate.test", syntax="proto2")
sample = file_proto.message_type.add(name="Sample")
T = descriptor_pb2.FieldDescriptorProto
for name, number, kind, label, extra in [
    ("i32", 1, T.TYPE_INT32, T.LABEL_OPTIONAL, {}), ("i64", 2, T.TYPE_INT64, T.LABEL_OPTIONAL, {}),
    ("u64", 3, T.TYPE_UINT64, T.LABEL_OPTIONAL, {}), ("s64", 4, T.TYPE_SINT64, T.LABEL_OPTIONAL, {}),
    ("b", 5, T.TYPE_BOOL, T.LABEL_OPTIONAL, {}), ("f32", 6, T.TYPE_FIXED32, T.LABEL_OPTIONAL, {}),
    ("f64", 7, T.TYPE_FIXED64, T.LABEL_OPTIONAL, {}), ("sf32", 8, T.TYPE_SFIXED32, T.LABEL_OPTIONAL, {}),
    ("d", 9, T.TYPE_DOUBLE, T.LABEL_OPTIONAL, {}), ("f", 10, T.TYPE_FLOAT, T.LABEL_OPTIONAL, {}),
    ("s", 11, T.TYPE_STRING, T.LABEL_OPTIONAL, {}), ("by", 12, T.TYPE_BYTES, T.LABEL_OPTIONAL, {}),
    ("child", 13, T.TYPE_MESSAGE, T.LABEL_OPTIONAL, {"type_name": ".modelgate.test.Sample"}),
    ("packed", 14, T.TYPE_INT64, T.LABEL_REPEATED, {"options": descriptor_pb2.FieldOptions(packed=True)}),
    ("unpacked", 15, T.TYPE_INT32, T.LABEL_REPEATED, {}),
    ("children", 16, T.TYPE_MESSAGE, T.LABEL_REPEATED, {"type_name": ".modelgate.test.Sample"}),
    ("mid", 2047, T.TYPE_UINT32, T.LABEL_OPTIONAL, {}),
    ("far", 536870911, T.TYPE_STRING, T.LABEL_OPTIONAL, {}),
]:
    sample.field.add(name=name, number=number, type=kind, label=label, **extra)
pool = descriptor_pool.DescriptorPool()
pool.Add(file_proto)
Sample = message_factory.GetMessageClass(pool.FindMessageTypeByName("modelgate.test.Sample"))
MESSAGE_FIELDS = {13, 16}


def fields_of(data, schema=True):
    """Every field of `data` as Google's decoder reads it."""
    message = empty_pb2.Empty()
    message.ParseFromString(data)
    out = []
    for field in unknown_fields.UnknownFieldSet(message):
        if field.wire_type == 2:
            entry = {"number": field.field_number, "wire": 2, "value": field.data.hex()}
            if schema and field.field_number in MESSAGE_FIELDS:
                entry["message"] = fields_of(field.data)
        elif field.wire_type in (0, 1, 5):
            entry = {"number": field.field_number, "wire": field.wire_type, "value": str(field.data)}
        else:
            entry = {"number": field.field_number, "wire": field.wire_type, "value": "group"}
        out.append(entry)
    return out


entries = []


def write(name, data, ours="accepts", why="", schema=True):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)
    entry = {"file": name}
    try:
        entry["fields"] = fields_of(data, schema)
        entry["google"] = "accepts"
    except DecodeError:
        entry["google"] = "refuses"
        entry.pop("fields", None)
    entry["ours"] = ours
    if why:
        entry["why"] = why
    assert ours == entry["google"] or why, f"{name}: ours differs from Google's without a reason"
    if ours == "refuses":
        entry.pop("fields", None)
    entries.append(entry)


# Encoded by Google's library
write("empty.bin", Sample().SerializeToString())
write("scalars.bin", Sample(i32=150, i64=1 << 40, u64=3, s64=-3, b=True, f32=0xDEADBEEF, f64=1 << 60, sf32=-2, d=2.5,
                            f=-1.25, s="héllo", by=b"\x00\xff").SerializeToString())
write("extremes.bin", Sample(i32=-(1 << 31), i64=-1, u64=(1 << 64) - 1, s64=-(1 << 63), f64=(1 << 64) - 1, sf32=-(1 << 31),
                             d=float("inf"), mid=(1 << 32) - 1, far="x").SerializeToString())
deep = Sample(i32=0)
for level in range(1, 6):
    deep = Sample(i32=level, child=deep)
write("nested.bin", deep.SerializeToString())
write("lengths.bin", Sample(s="a" * 300, by=bytes(range(256)) * 274).SerializeToString())
write("repeated.bin", Sample(packed=[0, 1, -1, 1 << 62], unpacked=[7, -7, 0], children=[Sample(s="one"), Sample(b=False), Sample()]).SerializeToString())

# An ONNX model as onnx writes it: the reader must walk its top level like Google's does.
import onnx
from onnx import TensorProto, helper

graph = helper.make_graph([helper.make_node("Relu", ["x"], ["y"], name="relu")], "g",
                          [helper.make_tensor_value_info("x", TensorProto.FLOAT, [2])],
                          [helper.make_tensor_value_info("y", TensorProto.FLOAT, [2])],
                          [helper.make_tensor("w", TensorProto.FLOAT, [2], [1.0, 2.0])])
model = helper.make_model(graph, producer_name="modelgate", opset_imports=[helper.make_opsetid("", 17)])
write("onnx-model.bin", model.SerializeToString(), schema=False)

# Broken by hand
write("truncated-varint.bin", b"\x08\x80", ours="refuses")
write("truncated-length.bin", b"\x5a\x05abc", ours="refuses")
write("truncated-fixed32.bin", b"\x35\x01\x02", ours="refuses")
write("truncated-fixed64.bin", b"\x39\x01\x02\x03\x04\x05\x06\x07", ours="refuses")
write("truncated-tag.bin", b"\x08\x01\x80", ours="refuses")
write("field-zero.bin", b"\x00\x01", ours="refuses",
      why="field number 0 does not exist; Google's Python decoder ends the message there, ours refuses")
write("wire-type-6.bin", b"\x0e\x01", ours="refuses")
write("wire-type-7.bin", b"\x0f\x01", ours="refuses")
write("varint-eleven-bytes.bin", b"\x08" + b"\xff" * 10 + b"\x01", ours="refuses")
write("varint-past-64-bits.bin", b"\x08" + b"\xff" * 9 + b"\x02", ours="refuses",
      why="a tenth varint byte above 1 sets bits past the 64th: refused rather than truncated")
write("varint-ten-bytes.bin", b"\x08" + b"\xff" * 9 + b"\x01")
write("length-past-end.bin", b"\x5a\xff\xff\xff\xff\x0f" + b"x" * 8, ours="refuses")
write("length-past-int64.bin", b"\x5a" + b"\xff" * 9 + b"\x01", ours="refuses")
write("field-number-past-max.bin", b"\x80\x80\x80\x80\x10\x00", ours="refuses")
write("nested-past-end.bin", b"\x6a\x05\x5a\x09abc", schema=False)
try:
    fields_of(b"\x5a\x09abc")
    raise SystemExit("Google's decoder reads a child whose field runs past its end")
except DecodeError:
    entries[-1]["brokenChild"] = 13  # the top level reads; field 13's message does not
write("group.bin", b"\x0b\x08\x01\x0c", ours="refuses", why="groups are deprecated and unused by ONNX: refused")
write("end-group-alone.bin", b"\x0c", ours="refuses")

with open(os.path.join(OUT, "expected.json"), "w") as f:
    json.dump(entries, f, indent=1)
    f.write("\n")
print(f"wrote {len(entries)} files to {OUT}")
