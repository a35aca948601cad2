#!/usr/bin/env python3
"""Writes the pickle corpus of ModelFilesTests: malicious and benign pickles and expected.json.

Run from the repository root:  python3 Tests/ModelFilesTests/Fixtures/make-corpus.py
Needs numpy, scikit-learn, joblib, torch (CPU wheel), onnx, skl2onnx and onnxruntime. Nothing here is ever unpickled: the
malicious files are written with pickle.dumps of objects whose __reduce__ names the callable (the
class itself never runs), or assembled opcode by opcode. The generated files are committed, so CI
needs no Python.

expected.json lists, for each file:
  malicious   the file is crafted to harm whoever loads it
  fails       the scan must fail at the default threshold (a finding of severity high or worse)
  flagged     the scan must report at least one finding; a file with neither is benign and must
              give no finding at all
  callables   `module.name` values that must appear among the findings' callables
  rules       rule ids that must appear among the findings
  container   scanned by ModelFileScanner (zips, NumPy, safetensors, GGUF, Keras, joblib, legacy torch),
              not as a bare pickle
  pickles     optional: scan only this many pickles (a container format whose reader comes later)
  trick, source   what the file exercises and where the technique was published
  onnxruntime     for a benign ONNX model: the onnxruntime version that loaded and ran it here
"""
import collections
import io
import json
import os
import pickle
import struct
import sys
import zipfile

# Sets and dict orders must not change from run to run, so the committed files only change when
# this script does.
if os.environ.get("PYTHONHASHSEED") != "0":
    os.execve(sys.executable, [sys.executable] + sys.argv, dict(os.environ, PYTHONHASHSEED="0"))

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "corpus")
entries = []


def write(name, data, malicious, callables=(), rules=(), trick="", source="", flagged=None, pickles=None,
          fails=None, container=False):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)
    fails = malicious if fails is None else fails
    entry = {"file": name, "malicious": malicious, "fails": fails, "flagged": fails if flagged is None else flagged,
             "callables": list(callables), "rules": list(rules), "trick": trick}
    if source:
        entry["source"] = source
    if pickles is not None:
        entry["pickles"] = pickles
    if container:
        entry["container"] = True
    entries.append(entry)


class Reduce:
    """An object that pickles as `callable(*args)`; only its __reduce__ is ever used."""

    def __init__(self, func, args):
        self.func, self.args = func, args

    def __reduce__(self):
        return self.func, self.args


# --- opcode assembly -------------------------------------------------------------------------
def proto(n): return b"\x80" + bytes([n])
def frame(n): return b"\x95" + struct.pack("<Q", n)
def sbu(s): b = s.encode(); return b"\x8c" + bytes([len(b)]) + b            # SHORT_BINUNICODE
def bu(s): b = s.encode(); return b"X" + struct.pack("<I", len(b)) + b       # BINUNICODE
def bu8(s): b = s.encode(); return b"\x8d" + struct.pack("<Q", len(b)) + b   # BINUNICODE8
def sbs(s): b = s.encode(); return b"U" + bytes([len(b)]) + b                # SHORT_BINSTRING
def glob(m, n): return b"c" + m.encode() + b"\n" + n.encode() + b"\n"        # GLOBAL
def sglob(m, n): return sbu(m) + sbu(n) + b"\x93"                            # STACK_GLOBAL
def binput(i): return b"q" + bytes([i])
def binget(i): return b"h" + bytes([i])
MARK, STOP, REDUCE, BUILD, TUPLE1, TUPLE2, EMPTY_TUPLE, EMPTY_DICT, MEMOIZE, POP = (
    b"(", b".", b"R", b"b", b"\x85", b"\x86", b")", b"}", b"\x94", b"0")


def call(module, name, *args, p=4):
    """A protocol-p pickle (p >= 4: STACK_GLOBAL) calling module.name with string arguments."""
    body = sglob(module, name) + MARK + b"".join(sbu(a) for a in args) + b"t" + REDUCE + STOP
    return proto(p) + body


# --- malicious: every protocol, via __reduce__ ------------------------------------------------
for p in range(6):
    write(f"reduce-os-system-p{p}.pkl", pickle.dumps(Reduce(os.system, ("echo pwned",)), protocol=p), True,
          ["posix.system"], ["pickle.dangerous-global"], f"REDUCE of os.system, protocol {p} (os.system pickles as posix.system)")
write("builtin-eval-p2.pkl", pickle.dumps(Reduce(eval, ("1+1",)), protocol=2), True, ["builtins.eval"],
      ["pickle.dangerous-global"], "protocol 2 writes builtins as `__builtin__`: the compatibility rename must apply")
write("builtin-exec-p1.pkl", pickle.dumps(Reduce(exec, ("pass",)), protocol=1), True, ["builtins.exec"],
      ["pickle.dangerous-global"], "`__builtin__.exec` in a protocol 1 GLOBAL")
write("pickle-loads-nested.pkl", pickle.dumps(Reduce(pickle.loads, (b"cbuiltins\nprint\n(S'x'\ntR.",)), protocol=4),
      True, ["_pickle.loads"], ["pickle.dangerous-global"], "nested pickle.loads",
      "https://github.com/protectai/modelscan/issues/267")
import functools
write("functools-partial.pkl", pickle.dumps(Reduce(functools.partial(os.system, "id"), ()), protocol=4), True,
      ["functools.partial", "posix.system"], ["pickle.dangerous-global", "pickle.indirect-call"],
      "functools.partial wrapping os.system, then called")
import subprocess
write("subprocess-popen-p3.pkl", pickle.dumps(Reduce(subprocess.Popen, (["id"],)), protocol=3), True,
      ["subprocess.Popen"], ["pickle.dangerous-global"], "subprocess.Popen, protocol 3 GLOBAL")

# --- malicious: hand-assembled tricks ---------------------------------------------------------
write("global-p0-text.pkl", b"cos\nsystem\n(S'id'\ntR.", True, ["os.system"], ["pickle.dangerous-global"],
      "protocol 0 GLOBAL as two text lines")
write("builtin-alias-p0.pkl", b"c__builtin__\neval\n(S'1'\ntR.", True, ["builtins.eval"], ["pickle.dangerous-global"],
      "`__builtin__` alias in protocol 0 (no PROTO opcode)")
write("copy-reg-alias-p0.pkl", b"ccopy_reg\nadd_extension\n(S'os'\nS'system'\nI1\ntR.", True,
      ["copyreg.add_extension"], ["pickle.dangerous-global"], "`copy_reg` alias for copyreg.add_extension")
write("commands-alias-p2.pkl", proto(2) + b"ccommands\ngetoutput\nU\x02id\x85R.", True, ["subprocess.getoutput"],
      ["pickle.dangerous-global"], "Python 2 `commands` renamed to subprocess by the compatibility layer")
write("builtin-alias-p4.pkl", proto(4) + sglob("__builtin__", "eval") + sbu("1") + TUPLE1 + REDUCE + STOP, True,
      ["__builtin__.eval"], ["pickle.dangerous-global"],
      "`__builtin__` in a protocol 4 pickle (not renamed by the loader, still ranked as eval)")
write("inst-eval.pkl", b"(S'eval'\nibuiltins\neval\n.", True, ["builtins.eval"], ["pickle.dangerous-global"],
      "INST imports and calls in one opcode", "https://github.com/mmaitre314/picklescan/issues/13")
write("obj-pty-spawn.pkl", b"(cpty\nspawn\nS\"id\"\no.", True, ["pty.spawn"], ["pickle.dangerous-global"],
      "OBJ form calling pty.spawn", "https://github.com/trailofbits/fickling/pull/108")
# picklescan #14: BINPUT and MEMOIZE mixed so that a scanner counting only MEMOIZE sees safe names.
memo_mix = (proto(4) + sbs("os") + binput(0) + sbs("system") + binput(1) + sbu("torch._utils") + MEMOIZE
            + sbu("_rebuild_tensor_v2") + MEMOIZE + binget(0) + binget(1) + b"\x93" + sbu("id") + TUPLE1 + REDUCE + STOP)
write("memo-mixed-put-memoize.pkl", memo_mix, True, ["os.system"], ["pickle.dangerous-global"],
      "STACK_GLOBAL with names fetched from the memo, BINPUT and MEMOIZE mixed",
      "https://github.com/mmaitre314/picklescan/issues/14")
# picklescan #22: a memo slot overwritten by PUT after a safe name was stored there.
memo_over = (proto(4) + sbu("torch._utils") + MEMOIZE + sbu("_rebuild_tensor_v2") + MEMOIZE + POP + POP
             + sbu("os") + binput(0) + POP + sbu("system") + binput(1) + POP
             + binget(0) + binget(1) + b"\x93" + sbu("id") + TUPLE1 + REDUCE + STOP)
write("memo-overwritten.pkl", memo_over, True, ["os.system"], ["pickle.dangerous-global"],
      "memo slots first hold safe names, then are overwritten with os/system",
      "https://github.com/mmaitre314/picklescan/issues/22")
# Memo aliasing of the callable itself: imported once, popped, called later through GET.
write("memo-alias-callable.pkl", proto(2) + glob("os", "system") + binput(7) + POP + b"N" + POP + binget(7)
      + sbs("id") + TUPLE1 + REDUCE + STOP, True, ["os.system"], ["pickle.dangerous-global"],
      "os.system stored in the memo, removed from the stack, fetched and called later")
# Names computed while loading: the module string is the result of calling builtins.str.
dyn = (proto(4) + sglob("builtins", "str") + sbu("os") + TUPLE1 + REDUCE + sbu("system") + b"\x93"
       + sbu("id") + TUPLE1 + REDUCE + STOP)
write("stack-global-computed-module.pkl", dyn, True, [], ["pickle.dynamic-import"],
      "STACK_GLOBAL whose module is the result of a call (names built on the stack)")
write("string-escapes.pkl", proto(4) + b"S'\\x6fs'\nS'sys\\164em'\n\x93" + sbu("id") + TUPLE1 + REDUCE + STOP, True,
      ["os.system"], ["pickle.dangerous-global"], "STRING operands with \\x and octal escapes spell os.system")
write("unicode-escapes.pkl", proto(4) + b"V\\u006fs\nVsyst\\u0065m\n\x93" + sbu("id") + TUPLE1 + REDUCE + STOP, True,
      ["os.system"], ["pickle.dangerous-global"], "UNICODE operands with raw-unicode-escape spell os.system")
write("short-binstring-names.pkl", proto(4) + sbs("subprocess") + sbs("check_output") + b"\x93" + sbu("id")
      + TUPLE1 + REDUCE + STOP, True, ["subprocess.check_output"], ["pickle.dangerous-global"],
      "SHORT_BINSTRING operands for STACK_GLOBAL", "https://github.com/protectai/modelscan/pull/313")
write("binunicode8-names.pkl", proto(4) + bu8("runpy") + bu("run_path") + b"\x93" + sbu("/tmp/x.py") + TUPLE1
      + REDUCE + STOP, True, ["runpy.run_path"], ["pickle.dangerous-global"], "BINUNICODE8 and BINUNICODE operands")
write("ext-code.pkl", proto(2) + b"\x82\x01" + sbs("id") + TUPLE1 + REDUCE + STOP, True, [],
      ["pickle.extension-code", "pickle.indirect-call"], "EXT1 code called: resolved only by the loader's registry")
write("ext4-code.pkl", proto(2) + b"\x84\xff\xff\x00\x00" + EMPTY_TUPLE + b"\x81" + STOP, True, [],
      ["pickle.extension-code", "pickle.indirect-call"], "EXT4 code instantiated with NEWOBJ")
write("newobj-ex-popen.pkl", proto(4) + sglob("subprocess", "Popen") + MARK + sbu("id") + b"l" + TUPLE1
      + EMPTY_DICT + b"\x92" + STOP, True, ["subprocess.Popen"], ["pickle.dangerous-global"], "NEWOBJ_EX on subprocess.Popen")
write("newobj-popen-p2.pkl", proto(2) + glob("subprocess", "Popen") + sbs("id") + TUPLE1 + b"\x81" + STOP, True,
      ["subprocess.Popen"], ["pickle.dangerous-global"], "NEWOBJ on subprocess.Popen")
write("build-setstate-gadget.pkl", proto(4) + sglob("bdb", "Bdb") + EMPTY_TUPLE + b"\x81" + EMPTY_DICT
      + BUILD + STOP, True, ["bdb.Bdb"], ["pickle.dangerous-global"],
      "BUILD on an instance: loading calls the class's __setstate__ (debugger class)")
# ModelScan #330: numpy.size mutated by BUILD to hold numpy.__builtins__, then eval reached through it.
numpy_builtins = bytes.fromhex(
    "80049566000000000000008c056e756d70798c0473697a659394948c056e756d70798c0c5f5f6275696c74696e735f5f93949468017d7d"
    "8c0573686170656803738662680168018c046576616c86528c1d5f5f696d706f72745f5f28226f7322292e73797374656d28226964222985522e")
write("numpy-builtins-build.pkl", numpy_builtins, True, ["numpy.__builtins__", "numpy.size"],
      ["pickle.dangerous-global", "pickle.global-mutation", "pickle.indirect-call"],
      "BUILD plants numpy.__builtins__ as an attribute of numpy.size, then eval through it",
      "https://github.com/protectai/modelscan/issues/330")
getattr_chain = (proto(4) + sglob("builtins", "getattr") + sglob("importlib", "import_module") + sbu("os") + TUPLE1
                 + REDUCE + sbu("system") + TUPLE2 + REDUCE + sbu("id") + TUPLE1 + REDUCE + STOP)
write("getattr-import-module.pkl", getattr_chain, True, ["builtins.getattr", "importlib.import_module"],
      ["pickle.dangerous-global", "pickle.indirect-call"], "getattr(importlib.import_module('os'), 'system')('id')",
      "https://github.com/mmaitre314/picklescan/issues/66")
write("pkgutil-resolve-name.pkl", proto(4) + sglob("pkgutil", "resolve_name") + sbu("os:system") + TUPLE1 + REDUCE
      + sbu("id") + TUPLE1 + REDUCE + STOP, True, ["pkgutil.resolve_name"], ["pickle.dangerous-global"],
      "pkgutil.resolve_name reaches any callable", "GHSA-vvpj-8cmc-gx39")
write("operator-methodcaller.pkl", proto(4) + sglob("operator", "methodcaller") + sbu("system") + sbu("id") + TUPLE2
      + REDUCE + sglob("builtins", "__import__") + sbu("os") + TUPLE1 + REDUCE + TUPLE1 + REDUCE + STOP, True,
      ["operator.methodcaller", "builtins.__import__"], ["pickle.dangerous-global"],
      "operator.methodcaller('system', 'id')(__import__('os'))", "GHSA-m273-6v24-x4m4")
write("operator-attrgetter.pkl", proto(4) + sglob("_operator", "attrgetter") + sbu("system") + TUPLE1 + REDUCE
      + STOP, True, ["_operator.attrgetter"], ["pickle.dangerous-global"], "_operator.attrgetter", "GHSA-955r-x9j8-7rhh")
for module, name, source in [
    ("timeit", "timeit", "GHSA-v7x6-rv5q-mhwc"),
    ("ensurepip", "_run_pip", "GHSA-xp4f-hrf8-rxw7"),
    ("torch.utils.collect_env", "run", "https://github.com/protectai/modelscan/issues/338"),
    ("multiprocessing.util", "spawnv_passfds", "https://github.com/protectai/modelscan/issues/338"),
    ("cProfile", "run", "GHSA-46h3-79wf-xr6c"),
    ("idlelib.pyshell", "ModifiedInterpreter", "GHSA-r8g5-cgf2-4m4m"),
    ("lib2to3.pgen2.pgen", "ParserGenerator", "GHSA-r8g5-cgf2-4m4m"),
    ("_interpreters", "run_string", "GHSA-6ggj-6f2q-f7mx"),
    ("numpy.f2py.crackfortran", "getlincoef", "https://github.com/trailofbits/fickling/pull/210"),
    ("code", "InteractiveInterpreter", ""),
    ("codeop", "compile_command", ""),
    ("importlib", "import_module", "https://github.com/mmaitre314/picklescan/pull/74"),
    ("marshal", "loads", "https://github.com/mmaitre314/picklescan/pull/74"),
    ("dill", "loads", ""),
    ("joblib", "load", ""),
    ("torch", "load", ""),
    ("numpy", "load", ""),
    ("yaml", "load", ""),
    ("builtins", "open", ""),
    ("shutil", "rmtree", "https://github.com/google/saferpickle/pull/2"),
    ("pathlib", "Path", ""),
    ("io", "open", ""),
    ("_io", "FileIO", "CVE-2025-10155"),
    ("os", "remove", ""),
    ("distutils.file_util", "write_file", "CVE-2025-10156"),
    ("socket", "create_connection", ""),
    ("urllib.request", "urlopen", ""),
    ("requests", "get", ""),
    ("http.client", "HTTPSConnection", "GHSA-hgrh-qx5j-jfwx"),
    ("webbrowser", "open", ""),
    ("ftplib", "FTP", ""),
    ("pandas.io.parsers.readers", "read_csv", "https://github.com/protectai/modelscan/issues/338"),
    ("pydoc", "pipepager", ""),
]:
    write(f"call-{module}-{name}.pkl".replace("_", "-"), call(module, name, "x"), True, [f"{module}.{name}"],
          ["pickle.dangerous-global"], f"REDUCE of {module}.{name}", source)
write("asyncio-dotted-name.pkl", call("asyncio.unix_events", "_UnixSubprocessTransport._start", "id"), True,
      ["asyncio.unix_events._UnixSubprocessTransport._start"], ["pickle.dangerous-global"],
      "dotted name (attribute chain) into an asyncio subprocess transport", "CVE-2025-10157")
write("sklearn-reexport-path.pkl", call("sklearn.utils.discovery", "Path", "/etc/passwd"), True,
      ["sklearn.utils.discovery.Path"], ["pickle.unlisted-global"],
      "a class-shaped name in an allowed family that is a re-export of pathlib.Path")
write("sklearn-attribute-chain.pkl", call("sklearn.base", "os.system", "id"), True, ["sklearn.base.os.system"],
      ["pickle.unlisted-global"], "dotted name from an allowed module to what it imported")
write("persid-called.pkl", proto(2) + sbs("x") + b"Q" + sbs("id") + TUPLE1 + REDUCE + STOP, True, [],
      ["pickle.indirect-call"], "REDUCE calls what a persistent id produced")
write("setitem-on-global.pkl", proto(2) + glob("os", "environ") + sbs("LD_PRELOAD") + sbs("/tmp/x.so") + b"s"
      + STOP, True, ["os.environ"], ["pickle.global-mutation", "pickle.dangerous-global"], "SETITEM on os.environ")

# --- malicious: stream shapes -----------------------------------------------------------------
benign = pickle.dumps(collections.OrderedDict(a=1, b=[1.0, 2.0]), protocol=4)
evil = pickle.dumps(Reduce(os.system, ("id",)), protocol=4)
write("concatenated-second-malicious.pkl", benign + evil, True, ["posix.system"], ["pickle.dangerous-global"],
      "two pickles in one stream; only the second is malicious (torch legacy files hold several)")
write("garbage-after-stop-malicious.pkl", evil + b"\x00\xffgarbage" * 8, True, ["posix.system"],
      ["pickle.dangerous-global", "pickle.trailing-data"], "padding after STOP, which stops scanners that parse the whole file")
write("garbage-after-stop-benign.pkl", benign + b"\n\x00garbage", True, [], ["pickle.trailing-data"], fails=False,
      flagged=True, trick="benign pickle with bytes after STOP: flagged (medium), does not fail at high")
write("error-after-payload.pkl", evil[:-1] + b"\xff", True, ["posix.system"],
      ["pickle.dangerous-global", "pickle.malformed"],
      "an unknown opcode after the payload: the loader runs the payload before it fails",
      "https://github.com/protectai/modelscan/pull/313")
# A line that crosses the end of its FRAME: pickle.loads reads `sklearn.fake.subprocess`, but the C
# unpickler reading from a file object without peek() (io.BytesIO, as torch.load and joblib use)
# drops the buffered part of the line and imports `subprocess.Popen`.
in_frame = b"csklearn.fake."
write("frame-straddling-line.pkl", proto(4) + frame(len(in_frame)) + in_frame + b"subprocess\nPopen\n" + sbu("id")
      + TUPLE1 + REDUCE + STOP, True, [], ["pickle.malformed"],
      "GLOBAL's module line runs past the end of its FRAME: loaders disagree on the name (subprocess.Popen from io.BytesIO)")
write("stop-inside-frame.pkl", proto(4) + frame(4) + b"N." + b"N." + proto(2) + glob("os", "system") + b"N.", True,
      [], ["pickle.malformed"], "STOP before the end of its FRAME: the next pickle starts elsewhere for a file loader")
write("frame-inside-frame.pkl", proto(4) + frame(12) + frame(1) + b"N" + b"." , True, [], ["pickle.malformed"],
      "a FRAME that begins inside another")
write("truncated.pkl", pickle.dumps(list(range(100)), protocol=2)[:40], True, [], ["pickle.malformed"], "truncated pickle")
write("unknown-opcode.pkl", proto(2) + b"\xfe" + STOP, True, [], ["pickle.malformed"], "unknown opcode 0xFE")
write("stack-underflow.pkl", proto(2) + REDUCE + STOP, True, [], ["pickle.malformed"], "REDUCE on an empty stack")
write("mark-fence-underflow.pkl", proto(2) + b"N" + MARK + TUPLE1 + STOP, True, [], ["pickle.malformed"],
      "TUPLE1 may not take a value from below a MARK")
write("pop-removes-mark.pkl", proto(2) + glob("os", "system") + MARK + POP + sbs("id") + TUPLE1 + REDUCE + STOP, True,
      ["os.system"], ["pickle.dangerous-global"], "POP right after MARK removes the mark, not os.system")
write("memo-missing.pkl", proto(2) + binget(3) + STOP, True, [], ["pickle.malformed"], "BINGET of a key never stored")
write("huge-length.pkl", proto(4) + b"\x8e" + struct.pack("<Q", 1 << 60) + b"abc" + STOP, True, [],
      ["pickle.malformed"], "BINBYTES8 declaring 2^60 bytes")
write("huge-frame.pkl", proto(4) + frame(1 << 40) + sbu("x") + STOP, True, [], ["pickle.malformed"],
      "FRAME declaring more bytes than the file holds")
write("negative-binstring.pkl", proto(1) + b"T\xff\xff\xff\xff" + STOP, True, [], ["pickle.malformed"],
      "BINSTRING with a negative length")
write("empty.pkl", b"", True, [], ["pickle.malformed"], "an empty file")
write("proto-6.pkl", b"\x80\x06N.", True, [], ["pickle.malformed"], "a protocol the loader refuses")

# --- benign: real pickles ---------------------------------------------------------------------
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

rng = np.random.RandomState(0)
X = rng.rand(80, 4)
y = (X[:, 0] + X[:, 1] > 1).astype(int)
models = {
    "sklearn-logistic-pipeline": Pipeline([("scale", StandardScaler()), ("lr", LogisticRegression())]).fit(X, y),
    "sklearn-forest-pipeline": Pipeline([("scale", StandardScaler()),
                                         ("rf", RandomForestClassifier(n_estimators=3, max_depth=3, random_state=0))]).fit(X, y),
    "sklearn-hist-gradient-boosting": HistGradientBoostingClassifier(max_iter=3, random_state=0).fit(X, y),
    "sklearn-column-transformer": Pipeline([
        ("cols", ColumnTransformer([("num", StandardScaler(), [0, 1]),
                                    ("cat", OneHotEncoder(sparse_output=False, handle_unknown="ignore"), [2])])),
        ("lr", LogisticRegression())]).fit(np.column_stack([X[:, :2], (X[:, 2] * 3).round()]), y),
}
for name, model in models.items():
    for p in range(6):
        write(f"benign-{name}-p{p}.pkl", pickle.dumps(model, protocol=p), False,
              trick=f"scikit-learn model pickled with protocol {p}")
arrays = {"float": np.linspace(0, 1, 50), "int": np.arange(12).reshape(3, 4), "fortran": np.asfortranarray(np.eye(3)),
          "structured": np.zeros(3, dtype=[("a", "<i4"), ("b", "<f8")]), "scalar": np.float64(2.5),
          "random-state": np.random.RandomState(7), "generator": np.random.default_rng(7)}
for name, value in arrays.items():
    for p in range(6):
        write(f"benign-numpy-{name}-p{p}.pkl", pickle.dumps(value, protocol=p), False,
              trick=f"NumPy {name} pickled with protocol {p}")
containers = {"set": {1, 2, 3}, "frozenset": frozenset("ab"), "bytes": b"\x00\x01", "bytearray": bytearray(b"xy"),
              "slice": slice(1, 9, 2), "complex": complex(1, 2), "ordered-dict": collections.OrderedDict(w=np.ones(2))}
for name, value in containers.items():
    for p in range(6):
        write(f"benign-{name}-p{p}.pkl", pickle.dumps(value, protocol=p), False, trick=f"{name} with protocol {p}")
write("benign-concatenated.pkl", benign + pickle.dumps([1, 2], protocol=2) + pickle.dumps("x", protocol=0), False,
      trick="three benign pickles in one stream")

import joblib

buffer = io.BytesIO()
joblib.dump({"weights": [1.0, 2.0], "classes": ("a", "b")}, buffer)
write("benign-joblib-no-arrays.pkl", buffer.getvalue(), False, trick="joblib.dump of an object without arrays is a plain pickle")
import torch

torch.manual_seed(0)
state = torch.nn.Sequential(torch.nn.Linear(3, 2), torch.nn.BatchNorm1d(2)).state_dict()
buffer = io.BytesIO()
torch.save(state, buffer)
with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as archive:
    data_pkl = next(n for n in archive.namelist() if n.endswith("/data.pkl"))
    write("benign-torch-state-dict-data.pkl", archive.read(data_pkl), False,
          trick="data.pkl of a torch.save zip checkpoint: OrderedDict of _rebuild_tensor_v2 with persistent ids")
buffer = io.BytesIO()
torch.save(state, buffer, _use_new_zipfile_serialization=False)
write("benign-torch-legacy.pt", buffer.getvalue(), False, pickles=5,
      trick="legacy torch.save: five pickles (magic, protocol, sys info, object, storage keys), then raw storage bytes")
write("benign-torch-legacy-whole.pt", buffer.getvalue(), False, [], ["pickle.trailing-data"], flagged=True,
      trick="the same file scanned as a plain pickle stream: the raw storage bytes are trailing data (medium)")

# --- containers: zips, NumPy, safetensors, GGUF, Keras (Fixtures/containers.py) ----------------
sys.path.insert(0, HERE)
import containers as container_files

buffer = io.BytesIO()
torch.save(state, buffer)
container_files.add(write, evil=pickle.dumps(Reduce(os.system, ("echo pwned",)), protocol=2),
                    benign_pickle=pickle.dumps(collections.OrderedDict(a=[1, 2]), protocol=2), torch_checkpoint=buffer.getvalue())

# --- ONNX models (Fixtures/onnx_models.py) -------------------------------------------------------
import onnx_models

onnx_models.add(write, OUT, entries)

# --- joblib with inline arrays, compressed joblib, legacy torch.save (Fixtures/inline_data.py) --
import inline_data

inline_data.add(write, Reduce(os.system, ("id",)), models)
inline_data.add_torch(write, Reduce(os.system, ("id",)), state, torch)

entries.sort(key=lambda e: e["file"])
with open(os.path.join(OUT, "expected.json"), "w") as f:
    json.dump(entries, f, indent=1)
    f.write("\n")
print(f"wrote {len(entries)} files to {OUT}")
