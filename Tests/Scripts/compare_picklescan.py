#!/usr/bin/env python3
"""Runs picklescan (from PyPI) over the ModelFilesTests pickle corpus and over given files.

Prints which files that modelgate must fail picklescan does not (neither a dangerous global nor a
scan error), and its time on each extra file (for example the files of bench-pickle.sh).
Usage (in a virtual environment with `pip install picklescan`):
  python Tests/Scripts/compare_picklescan.py [FILE...]
"""
import json
import os
import sys
import time

from picklescan.scanner import scan_file_path

corpus = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "ModelFilesTests", "Fixtures", "corpus")
entries = [e for e in json.load(open(os.path.join(corpus, "expected.json"))) if not e.get("pending")]
must_fail = [e for e in entries if e["fails"]]
missed = []
for entry in must_fail:
    try:
        result = scan_file_path(os.path.join(corpus, entry["file"]))
        caught = result.scan_err or result.issues_count > 0
    except Exception as error:  # a crash of the scanner is not a detection
        caught = False
        entry = dict(entry, trick=f"{entry['trick']} (picklescan raised {type(error).__name__})")
    if not caught:
        missed.append(entry)
print(f"picklescan misses {len(missed)} of the {len(must_fail)} corpus files that must fail:")
for entry in missed:
    print(f"  {entry['file']}: {entry['trick']}")
for path in sys.argv[1:]:
    start = time.perf_counter()
    result = scan_file_path(path)
    print(f"{os.path.basename(path)}: {time.perf_counter() - start:.3f} s, {result.issues_count} issues")
