#!/usr/bin/env python3
"""Compares the pickle scanner with CPython's own unpickler on every file of a folder.

CPython's C unpickler loads each file from an io.BytesIO with a find_class that records the name and
returns a stub class (nothing is imported; persistent ids and calls give stubs), pickle after
pickle as pickle.load would. Reported as problems:
  MISSED IMPORT   CPython asked for a global the scanner did not list, and the scanner did not
                  call the file malformed (a malformed file fails anyway)
  PASSED          CPython refused the file, the scanner found nothing. Excepted: errors about the
                  values' types or contents (the scanner does not model them, and such a load stops
                  before anything after it runs), and ASCII decoding of STRING/BINSTRING, which
                  depends on the loader's `encoding` argument
  REFUSED         CPython loaded the file, the scanner called it malformed or trailing data
                  (except for FRAME misuse, which the scanner refuses on purpose: loaders reading
                  from a file and from bytes disagree on such streams)
Usage: python3 Tests/Scripts/pickle_differential.py BINARY FOLDER [--fuzz-input]
(Tests/Scripts/pickle-differential.sh builds BINARY and runs this on both corpora.)
"""
import _compat_pickle
import _pickle
import io
import json
import os
import resource
import subprocess
import sys

resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))   # a hostile input may ask for more


class Stub:
    def __init__(self, *args, **kwargs): pass
    def __call__(self, *args, **kwargs): return Stub()
    def __setstate__(self, state): pass
    def append(self, value): pass
    def extend(self, values): pass
    def add(self, value): pass
    def __setitem__(self, key, value): pass


class Recorder(_pickle.Unpickler):
    def __init__(self, file, names):
        super().__init__(file)
        self.names = names

    def find_class(self, module, name):
        self.names.append((module, name))
        return Stub

    def persistent_load(self, pid):
        return Stub()


def cpython(data):
    file, names, error = io.BytesIO(data), [], None
    while file.tell() < len(data) and error is None:
        try:
            Recorder(file, names).load()
        except Exception as exception:
            error = exception
    return names, error if data else ValueError("empty")


binary, folder = sys.argv[1], sys.argv[2]
flags = ["--fuzz-input"] if "--fuzz-input" in sys.argv else []
paths = [os.path.join(folder, name) for name in sorted(os.listdir(folder)) if not name.endswith(".json")]
output = subprocess.run([binary] + flags, input="\n".join(paths) + "\n", capture_output=True, text=True, check=True).stdout
scans = {line["path"]: line for line in map(json.loads, filter(None, output.split("\n")))}
problems = 0
for path in paths:
    if not os.path.exists(path):   # the fuzzer replaced it while this ran
        continue
    data = open(path, "rb").read()[len(flags):]
    names, error = cpython(data)
    scan = scans.get(path)
    if scan is None:
        continue
    malformed = "pickle.malformed" in scan["rules"] or "pickle.limit-exceeded" in scan["rules"]
    for module, name in names:
        spellings = {f"{module}.{name}"}
        if (module, name) in _compat_pickle.NAME_MAPPING:
            spellings.add(".".join(_compat_pickle.NAME_MAPPING[(module, name)]))
        if module in _compat_pickle.IMPORT_MAPPING:
            spellings.add(f"{_compat_pickle.IMPORT_MAPPING[module]}.{name}")
        if not spellings & set(scan["globals"]) and not malformed and max(map(len, spellings)) < 1000:
            problems += 1
            print("MISSED IMPORT", path, sorted(spellings))
    about_values = isinstance(error, (TypeError, AttributeError, MemoryError, ValueError, SystemError)) or (
        "state is not a dictionary" in str(error))
    if error is not None and not scan["rules"] and not about_values:
        problems += 1
        print("PASSED", path, repr(error)[:200])
    on_purpose = any("FRAME" in message for message in scan["messages"])
    if error is None and not on_purpose and ("pickle.malformed" in scan["rules"] or "pickle.trailing-data" in scan["rules"]):
        problems += 1
        print("REFUSED", path, scan["rules"])
print(f"{len(paths)} files, {problems} problems")
sys.exit(1 if problems else 0)
