#!/usr/bin/env python3
"""Writes a log-like text file for Tests/Scripts/bench-gdpr.sh, in the shape of the scanner
benchmark's log (Tests/Scripts/bench-personal-data): ISO timestamps, levels, worker tags, request
ids, words, counters, versions and durations, and one line in eight with a personal value (an
e-mail, phone, card, IBAN, IP and MAC address, or a national identifier with a valid check).

Usage: bench_gdpr_log_gen.py OUT.log MEGABYTES [SEED]
Standard library only. Lines are drawn from a pool of pre-built line tails with a running
timestamp and request id, so writing a gigabyte takes well under a minute.
"""
import random
import sys

WORDS = ["request", "served", "cache", "miss", "user", "session", "started", "completed", "the", "payment", "order",
         "retry", "upstream", "timeout", "latency", "model", "inference", "batch", "queue", "worker", "token", "ok",
         "error", "warning", "validated", "shipped", "customer", "updated", "record", "profile", "from", "with", "to"]
VALUES = ["jane.doe@example.com", "+44 20 7946 0958", "4111 1111 1111 1111", "DE89 3704 0044 0532 0130 00",
          "203.0.113.9", "2001:db8::ff00:42:8329", "00:1A:2B:3C:4D:5E", "536-22-1234", "AB 12 34 56 C", "12345678Z",
          "1 84 12 76 451 089 46", "RSSMRA85T10A562S", "111222333", "44051401359", "811218-9876", "529.982.247-25",
          "86095742719", "48.8566, 2.3522", "(212) 555-0123"]


def tail(rng):
    parts = []
    for _ in range(6 + rng.randrange(10)):
        kind = rng.randrange(10)
        if kind == 0:
            parts.append(str(rng.randrange(100000)))
        elif kind == 1:
            parts.append(f"v{rng.randrange(5)}.{rng.randrange(20)}.{rng.randrange(100)}")
        elif kind == 2:
            parts.append(f"ms={rng.randrange(100000) / 100}")
        else:
            parts.append(rng.choice(WORDS))
    if rng.randrange(8) == 0:
        parts.append("value=" + rng.choice(VALUES))
    return " ".join(parts) + " status=200\n"


def main():
    out, megabytes = sys.argv[1], float(sys.argv[2])
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 5)
    pool = [tail(rng) for _ in range(50000)]
    target = int(megabytes * 1e6)
    written = 0
    line = 0
    with open(out, "w", encoding="utf-8") as f:
        buffer = []
        while written < target:
            line += 1
            text = (f"2026-12-05T10:{10 + line % 50}:{10 + line % 49}.{100 + line % 900}Z INFO [worker-{line % 8}] "
                    f"req={line} " + pool[rng.randrange(len(pool))])
            buffer.append(text)
            written += len(text.encode())
            if len(buffer) >= 10000:
                f.write("".join(buffer))
                buffer.clear()
        f.write("".join(buffer))


if __name__ == "__main__":
    main()
