"""joblib dumps (arrays inline after NumpyArrayWrapper, compressed or not) and legacy torch.save
files for the corpus (imported by make-corpus.py). Benign files are written by joblib.dump and
torch.save themselves; malicious ones are real dumps with bytes changed or appended, or dumps of
objects whose __reduce__ names a callable. Nothing is ever loaded."""
import bz2
import gzip
import io
import lzma
import pickle
import pickletools
import struct
import zlib

import joblib
import numpy as np


def dump(value, **kw):
    buffer = io.BytesIO()
    joblib.dump(value, buffer, **kw)
    return buffer.getvalue()


def pickle_ends(data):
    """Offsets just after each STOP of the pickles that follow one another from the start of data
    (read with pickletools, which decodes opcodes and runs nothing)."""
    ends, at = [], 0
    for _ in range(5):
        for op, _, pos in pickletools.genops(data[at:]):
            if op.name == "STOP":
                at += pos + 1
                break
        ends.append(at)
    return ends


def add(write, evil_reduce, models):
    """evil_reduce: an object whose __reduce__ calls os.system; models: fitted scikit-learn models by name."""
    def c(name, data, malicious, callables=(), rules=(), trick="", **kw):
        write(name, data, malicious, callables, rules, trick, container=True, **kw)

    arrays = {"f64": np.linspace(0, 1, 7), "f32-2d": np.arange(12, dtype=np.float32).reshape(3, 4),
              "fortran": np.asfortranarray(np.arange(6, dtype=np.int16).reshape(2, 3)), "bool": np.array([True, False]),
              "u8": np.arange(5, dtype=np.uint8), "c128": np.array([1 + 2j]), "dates": np.array(["2024-01-01"], dtype="M8[D]"),
              "text": np.array(["a", "bcd"]), "bytes": np.array([b"xy"]), "scalar": np.array(3.5), "empty": np.zeros((0, 4)),
              "big-endian": np.arange(3, dtype=">i4"),
              "structured": np.zeros(2, dtype=[("a", "<i4"), ("b", "<f8", (2,))])}
    # Benign: joblib.dump as people use it.
    c("benign-joblib-logistic-pipeline.joblib", dump(models["sklearn-logistic-pipeline"]), False,
      trick="joblib.dump of a scikit-learn pipeline: arrays inline after NumpyArrayWrapper, dtype fetched from the memo")
    c("benign-joblib-forest-pipeline.joblib", dump(models["sklearn-forest-pipeline"]), False,
      trick="joblib.dump of a random forest pipeline: tree nodes are a structured dtype (fields dict, item size 64)")
    c("benign-joblib-column-transformer.joblib", dump(models["sklearn-column-transformer"]), False,
      trick="joblib.dump of a ColumnTransformer pipeline with a OneHotEncoder (object arrays of categories)")
    c("benign-joblib-dtypes.joblib", dump(arrays), False, trick="joblib.dump of arrays of many dtypes, orders and shapes")
    c("benign-joblib-object-array.joblib", dump({"o": np.array([1, "two", None], dtype=object), "after": np.arange(3)}), False,
      trick="an object array: joblib writes a nested pickle inline, then the outer stream goes on")
    for p in (0, 2):
        c(f"benign-joblib-p{p}.joblib", dump(arrays, protocol=p), False,
          trick=f"joblib.dump with protocol {p}" + (": wrappers made by copy_reg._reconstructor" if p == 0 else ""))
    c("benign-joblib-zlib.joblib", dump(models["sklearn-logistic-pipeline"], compress=True), False,
      trick="joblib.dump(compress=True): a zlib stream (level 3) of the pickle with inline arrays")
    c("benign-joblib-zlib-9.joblib", dump(arrays, compress=("zlib", 9)), False, trick="zlib level 9")
    c("benign-joblib-gzip.joblib", dump(arrays, compress="gzip"), False, trick="joblib.dump(compress='gzip')")
    for name in ("bz2", "xz", "lzma"):
        c(f"joblib-{name}.joblib", dump(arrays, compress=name), False, [], ["compressed.unreadable"], fails=True,
          trick=f"joblib compressed with {name}: recognised by magic, not read, so it cannot be judged (fails closed)")
    c("joblib-lz4-magic.joblib", b"\x04\x22\x4d\x18" + b"\x00" * 16, False, [], ["compressed.unreadable"], fails=True,
      trick="lz4 frame magic (joblib's lz4 compressor): cannot be judged")
    plain = pickle.dumps({"weights": [1.0, 2.0]}, protocol=2)
    zfile = b"ZF" + hex(len(plain)).encode().ljust(19) + zlib.compress(plain)
    c("benign-joblib-old-zfile.pkl", zfile, False, trick="joblib's pre-0.10 ZF format: 'ZF', the length in hex, a zlib stream")

    # Malicious joblib.
    evil_pickle = pickle.dumps(evil_reduce, protocol=5)
    objects = dump({"o": np.array([1, "two"], dtype=object), "after": np.arange(3)})
    nested = pickle.dumps(np.array([1, "two"], dtype=object), protocol=5)
    assert objects.count(nested) == 1
    c("joblib-object-array-evil.joblib", objects.replace(nested, evil_pickle), True, ["posix.system"], ["pickle.dangerous-global"],
      "the nested pickle of an object array calls os.system (a scanner that skips array data misses it)")
    c("joblib-outer-evil.joblib", dump({"w": np.arange(4.0), "evil": evil_reduce, "v": np.ones(2)}), True, ["posix.system"],
      ["pickle.dangerous-global"], "os.system in the outer stream, after an inline array")
    after = dump({"w": np.arange(64.0), "evil": evil_reduce})
    at = after.index(np.arange(64.0).tobytes())
    c("joblib-array-past-end.joblib", after[:at + 100], True, [], ["pickle.malformed"],
      "the file ends inside an array's declared bytes")
    c("joblib-zlib-evil.joblib", dump({"w": np.arange(4.0), "evil": evil_reduce}, compress=True), True, ["posix.system"],
      ["pickle.dangerous-global"], "joblib compress=True (zlib) with os.system after an array")
    c("joblib-gzip-evil.joblib", dump({"w": np.arange(4.0), "evil": evil_reduce}, compress="gzip"), True, ["posix.system"],
      ["pickle.dangerous-global"], "gzip-compressed joblib with os.system")
    zlib_benign = dump(arrays, compress=True)
    c("joblib-zlib-bad-check.joblib", zlib_benign[:-1] + bytes([zlib_benign[-1] ^ 1]), True, [], ["compressed.malformed"],
      "a zlib joblib whose Adler-32 check fails")
    c("joblib-zlib-trailing.joblib", zlib_benign + evil_pickle, True, [], ["compressed.malformed"],
      "bytes after the zlib stream (joblib.load loops forever on them)")
    c("joblib-old-zfile-evil.pkl", b"ZF" + hex(len(evil_pickle)).encode().ljust(19) + zlib.compress(evil_pickle), True,
      ["posix.system"], ["pickle.dangerous-global"], "joblib's old ZF format holding os.system")
    # A plain pickle.load reads array data as opcodes: the wrapper state without the alignment
    # attribute (joblib < 1.2) puts the data right after BUILD, and here that data is a payload.
    payload = b"cposix\nsystem\n(S'id'\ntR."
    shaped = dump({"w": np.frombuffer(payload, dtype=np.uint8)})
    key = "numpy_array_alignment_bytes".encode()
    shaped = shaped.replace(key, b"numpy_array_alignment_bytez")
    start = shaped.index(payload)
    padding = len(shaped[:start]) - len(shaped[:start].rstrip(b"\xff"))
    assert shaped[start - padding - 1] == padding
    shaped = shaped[:start - padding - 1] + shaped[start:]
    c("joblib-array-data-as-opcodes.joblib", shaped, True, ["posix.system"], ["pickle.dangerous-global"],
      "array bytes that joblib skips but pickle.load runs as opcodes (os.system)")
    return arrays


def add_torch(write, evil_reduce, state, torch):
    def c(name, data, malicious, callables=(), rules=(), trick="", **kw):
        write(name, data, malicious, callables, rules, trick, container=True, **kw)

    buffer = io.BytesIO()
    torch.save(state, buffer, _use_new_zipfile_serialization=False)
    legacy = buffer.getvalue()
    c("benign-torch-legacy-container.pt", legacy, False,
      trick="legacy torch.save read as its container: five pickles, then each storage's count and bytes")
    buffer = io.BytesIO()
    torch.save({"w": torch.arange(5, dtype=torch.int64), "h": torch.ones(3, dtype=torch.float16), "b": torch.tensor([True])},
               buffer, _use_new_zipfile_serialization=False, pickle_protocol=4)
    c("benign-torch-legacy-p4.pt", buffer.getvalue(), False, trick="legacy torch.save with pickle protocol 4 (framed) and three storage types")
    buffer = io.BytesIO()
    torch.save({"w": torch.ones(2), "evil": evil_reduce}, buffer, _use_new_zipfile_serialization=False)
    c("torch-legacy-evil-object.pt", buffer.getvalue(), True, ["posix.system"], ["pickle.dangerous-global"],
      "legacy torch.save whose fourth pickle (the object) calls os.system")
    evil = pickle.dumps(evil_reduce, protocol=2)
    c("torch-legacy-evil-after-storages.pt", legacy + evil, True, ["posix.system"],
      ["pickle.dangerous-global", "torch-legacy.malformed"], "a pickle calling os.system hidden after the storage bytes")
    ends = pickle_ends(legacy)
    count = struct.unpack("<q", legacy[ends[4]:ends[4] + 8])[0]
    c("torch-legacy-wrong-count.pt", legacy[:ends[4]] + struct.pack("<q", count + 1) + legacy[ends[4] + 8:], True, [],
      ["torch-legacy.malformed"], "the first storage's element count disagrees with its persistent id")
    c("torch-legacy-truncated.pt", legacy[:ends[4] + 12], True, [], ["torch-legacy.malformed"], "the file ends inside the first storage")
    c("torch-legacy-trailing.pt", legacy + b"\x00" * 7, True, [], ["torch-legacy.malformed"], "bytes after the last storage")
    c("torch-legacy-bad-protocol.pt", legacy[:ends[0]] + pickle.dumps(1002, protocol=2) + legacy[ends[1]:], True, [],
      ["torch-legacy.malformed"], "the second pickle is not protocol version 1001")
    c("torch-legacy-evil-sys-info.pt", legacy[:ends[1]] + evil + legacy[ends[2]:], True, ["posix.system"],
      ["pickle.dangerous-global"], "the third pickle (system facts) calls os.system")
    c("torch-legacy-evil-keys.pt", legacy[:ends[3]] + evil + legacy[ends[4]:], True, ["posix.system"],
      ["pickle.dangerous-global"], "the fifth pickle (storage keys) calls os.system")
