#!/usr/bin/env python3
"""Writes the labelled personal-data corpus the PersonalData tests score the detectors on.

    python3 Tests/PersonalDataTests/Fixtures/make-corpus.py

Standard library only, seeded, so the output is the same on every run. Writes beside itself:
  corpus.txt         one sample per line: a value alone, in a log line, or in a CSV row
  corpus-labels.tsv  line<TAB>start<TAB>end<TAB>detector for every personal value (0-based line,
                     byte offsets in the line); a line without labels must give no finding
  clean.csv          a pseudonymised training set (UUIDs, salted hashes, versions, amounts,
                     order numbers, dates) that must give no finding at all

For every detector it writes valid instances in the forms people write them and look-alike decoys
(right shape, wrong checksum; dates that are not identifiers; versions that look like addresses;
order numbers that look like cards). Validity is computed here, independently of the Swift code.
A bare number valid under two detectors (an 11-digit string that is both a PESEL and a CPF) is
ambiguous by nature: valid instances of the less strict detector that the stricter one also
accepts are left out, and decoys valid under any detector are redrawn.
"""
import base64
import hashlib
import ipaddress
import os
import random
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
rng = random.Random(20261205)
PER_DETECTOR = 120
DECOYS = 120


def digits(n, first_nonzero=False):
    s = "".join(rng.choice("0123456789") for _ in range(n))
    if first_nonzero and s[0] == "0":
        s = rng.choice("123456789") + s[1:]
    return s


def luhn_ok(s):
    total = 0
    for i, ch in enumerate(reversed(s)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def luhn_complete(prefix):
    for d in "0123456789":
        if luhn_ok(prefix + d):
            return prefix + d


def leap(y):
    return y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)


def date_ok(y, m, d):
    if not 1 <= m <= 12 or d < 1:
        return False
    days = [31, 29 if leap(y) else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
    return d <= days


def random_date(y0=1930, y1=2015):
    while True:
        y, m, d = rng.randint(y0, y1), rng.randint(1, 12), rng.randint(1, 31)
        if date_ok(y, m, d):
            return y, m, d


# ---------------------------------------------------------------- validators (bare digit forms)

def pesel_ok(s):
    if len(s) != 11 or not s.isdigit():
        return False
    w = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3]
    if (10 - sum(int(a) * b for a, b in zip(s, w)) % 10) % 10 != int(s[10]):
        return False
    yy, mm, dd = int(s[0:2]), int(s[2:4]), int(s[4:6])
    for base, century in ((80, 1800), (0, 1900), (20, 2000), (40, 2100), (60, 2200)):
        if 1 <= mm - base <= 12:
            return date_ok(century + yy, mm - base, dd)
    return False


def steuer_check(s10):
    product = 10
    for ch in s10:
        total = (int(ch) + product) % 10
        if total == 0:
            total = 10
        product = (2 * total) % 11
    check = 11 - product
    return 0 if check == 10 else check


def steuer_rule(s10):
    if s10[0] == "0":
        return False
    counts = {d: s10.count(d) for d in set(s10)}
    repeated = [d for d, c in counts.items() if c > 1]
    if len(repeated) != 1 or counts[repeated[0]] > 3:
        return False
    if counts[repeated[0]] == 3 and repeated[0] * 3 in s10:
        return False
    return True


def steuer_ok(s):
    return len(s) == 11 and s.isdigit() and steuer_rule(s[:10]) and steuer_check(s[:10]) == int(s[10])


def cpf_digits(s9):
    d1 = sum(int(c) * w for c, w in zip(s9, range(10, 1, -1))) % 11
    d1 = 0 if d1 < 2 else 11 - d1
    s10 = s9 + str(d1)
    d2 = sum(int(c) * w for c, w in zip(s10, range(11, 1, -1))) % 11
    d2 = 0 if d2 < 2 else 11 - d2
    return s10 + str(d2)


def cpf_ok(s):
    return len(s) == 11 and s.isdigit() and len(set(s)) > 1 and cpf_digits(s[:9]) == s


def bsn_ok(s):
    if len(s) != 9 or not s.isdigit():
        return False
    total = sum(int(c) * w for c, w in zip(s, [9, 8, 7, 6, 5, 4, 3, 2, -1]))
    return total != 0 and total % 11 == 0


def pnr_ok(s):
    """Swedish personnummer, bare 10 or 12 digits."""
    if not s.isdigit() or len(s) not in (10, 12):
        return False
    if len(s) == 12:
        if s[:2] not in ("19", "20"):
            return False
        years = [int(s[:4])]
        s = s[2:]
    else:
        years = [1900 + int(s[:2]), 2000 + int(s[:2])]
    m, d = int(s[2:4]), int(s[4:6])
    if d > 60:
        d -= 60
    return any(date_ok(y, m, d) for y in years) and luhn_ok(s)


CARD_RANGES = [  # (low, high, prefix digits, lengths)
    (4, 4, 1, [13, 16, 19]), (51, 55, 2, [16]), (2221, 2720, 4, [16]), (34, 34, 2, [15]), (37, 37, 2, [15]),
    (6011, 6011, 4, range(16, 20)), (644, 649, 3, range(16, 20)), (65, 65, 2, range(16, 20)),
    (622126, 622925, 6, range(16, 20)), (3528, 3589, 4, range(16, 20)), (36, 36, 2, range(14, 20)),
    (38, 39, 2, range(16, 20)), (300, 305, 3, range(14, 20)), (62, 62, 2, range(16, 20)),
    (5018, 5018, 4, range(12, 20)), (5020, 5020, 4, range(12, 20)), (5038, 5038, 4, range(12, 20)),
    (5893, 5893, 4, range(12, 20)), (6304, 6304, 4, range(12, 20)), (6759, 6759, 4, range(12, 20)),
    (6761, 6763, 4, range(12, 20)),
]


def card_issued(s):
    return any(low <= int(s[:k]) <= high and len(s) in lengths for low, high, k, lengths in CARD_RANGES)


def card_ok(s):
    return s.isdigit() and 12 <= len(s) <= 19 and card_issued(s) and luhn_ok(s)


def any_bare_valid(s):
    return pesel_ok(s) or steuer_ok(s) or cpf_ok(s) or bsn_ok(s) or pnr_ok(s) or card_ok(s)


# ---------------------------------------------------------------- generators: (valid list, decoy list)

FIRST = ["anna", "jan", "maria", "luca", "sofia", "lars", "ewa", "pierre", "carmen", "tom", "o'neil", "j"]
LAST = ["schmidt", "rossi", "garcia", "nowak", "dubois", "andersson", "smith", "de-vries", "li", "x"]
DOMAINS = ["example.com", "mail.example.org", "uni-heidelberg.de", "post.example.co.uk", "example.fr", "correo.example.es",
           "xn--bcher-kva.example", "t-online.de", "ab.io"]


def email():
    f, l = rng.choice(FIRST), rng.choice(LAST)
    local = rng.choice([f + "." + l, f + "_" + l + digits(2), f[0] + l, f + "+news", l + digits(4), f])
    return local + "@" + rng.choice(DOMAINS)


def email_decoy():
    f, l = rng.choice(FIRST), rng.choice(LAST)
    return rng.choice([
        f + "@localhost", f + "." + l + "@intranet", "@" + f + l, f + "..x@example.com", f + "@-bad.example.com",
        f + "@example.c0m", f + "(at)example.com", f + " at example dot com", "user@host.123", f + ".@example.com",
        "git@github", "ssh://" + f + "@10", f + "@example.", "@@" + l,
    ])


def grouped(s, sizes, sep):
    out, i = [], 0
    for n in sizes:
        out.append(s[i:i + n])
        i += n
    return sep.join(out)


def card():
    low, high, k, lengths = rng.choice(CARD_RANGES)
    prefix = str(rng.randint(low, high)).zfill(k)
    length = rng.choice(list(lengths))
    number = luhn_complete(prefix + digits(length - k - 1))
    if length == 15 and prefix[:2] in ("34", "37") and rng.random() < 0.5:
        return grouped(number, [4, 6, 5], " ")
    style = rng.random()
    if style < 0.4:
        return number
    sep = " " if style < 0.7 else "-"
    return grouped(number, [4] * (length // 4) + ([length % 4] if length % 4 else []), sep)


def card_decoy():
    kind = rng.random()
    if kind < 0.4:  # issued prefix, wrong Luhn
        s = card().replace(" ", "").replace("-", "")
        s = s[:-1] + str((int(s[-1]) + rng.randint(1, 9)) % 10)
        return grouped(s, [4] * (len(s) // 4) + ([len(s) % 4] if len(s) % 4 else []), " ") if kind < 0.2 else s
    if kind < 0.7:  # an order number: valid Luhn, no issuer
        while True:
            s = luhn_complete(rng.choice("1789") + digits(14))
            if not card_issued(s) and not any_bare_valid(s):
                return rng.choice(["ORD-", "order ", "ref "]) + s
    if kind < 0.85:  # inside a longer digit run
        return luhn_complete("4" + digits(14)) + digits(4)
    return grouped(luhn_complete("4" + digits(14)), [4, 4, 4, 4], ".")


IBAN_SHAPES = {  # country: BBAN shape (n digit, a upper letter, c upper or digit)
    "DE": "n18", "FR": "n10c11n2", "GB": "a4n14", "NL": "a4n10", "ES": "n20", "IT": "a1n10c12", "BE": "n12",
    "AT": "n16", "PL": "n24", "SE": "n20", "CH": "n5c12", "IE": "a4n14", "PT": "n21", "NO": "n11", "MT": "a4n5c18",
    "LC": "a4c24", "RU": "n14c15",
}


def bban(shape):
    out, i = "", 0
    while i < len(shape):
        kind = shape[i]
        j = i + 1
        while j < len(shape) and shape[j].isdigit():
            j += 1
        n = int(shape[i + 1:j])
        alphabet = {"n": "0123456789", "a": "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "c": "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"}[kind]
        out += "".join(rng.choice(alphabet) for _ in range(n))
        i = j
    return out


def iban_number(rearranged):
    return int("".join(str(int(ch, 36)) for ch in rearranged))


def iban():
    country = rng.choice(sorted(IBAN_SHAPES))
    b = bban(IBAN_SHAPES[country])
    check = 98 - iban_number(b + country + "00") % 97
    s = country + "%02d" % check + b
    return " ".join(s[i:i + 4] for i in range(0, len(s), 4)) if rng.random() < 0.5 else s


def iban_decoy():
    s = iban().replace(" ", "")
    kind = rng.random()
    if kind < 0.5:
        i = rng.randint(4, len(s) - 1)
        ch = s[i]
        repl = rng.choice([c for c in ("0123456789" if ch.isdigit() else "ABCDEFGHIJKLMNOPQRSTUVWXYZ") if c != ch])
        s = s[:i] + repl + s[i + 1:]
        if iban_number(s[4:] + s[:4]) % 97 == 1:
            s = s[:4] + "X" * 0 + s[4:-1] + str((int(s[-1]) + 1) % 10) if s[-1].isdigit() else s[:-1] + "0"
    elif kind < 0.75:
        s = s[:-1]
    else:
        s = "XQ" + s[2:]
    return " ".join(s[i:i + 4] for i in range(0, len(s), 4)) if rng.random() < 0.5 else s


def ipv4():
    while True:
        a = [rng.choice([rng.randint(1, 255), rng.randint(1, 99), 10, 192, 172]), rng.randint(0, 255), rng.randint(0, 255), rng.randint(0, 255)]
        return ".".join(map(str, a))


def ipv4_decoy():
    a = [rng.randint(0, 255) for _ in range(4)]
    return rng.choice([
        "v" + ".".join(map(str, a)), "version " + ".".join(map(str, a)), "release " + ".".join(map(str, a)),
        ".".join(map(str, a + [rng.randint(0, 9)])), "%d.%d.%02d.%d" % (a[0], a[1], rng.randint(0, 9), a[3]),
        "%d.%d.%d.%d" % (rng.randint(256, 999), a[1], a[2], a[3]), ".".join(map(str, a[:3])),
    ])


def ipv6():
    kind = rng.random()
    while True:
        if kind < 0.2:
            text = "::ffff:" + ipv4()
        else:
            groups = [rng.randint(0, 0xffff) for _ in range(8)]
            if kind < 0.6:  # runs of zeros to compress
                start = rng.randint(1, 5)
                for i in range(start, start + rng.randint(2, 3)):
                    groups[i] = 0
            address = ipaddress.IPv6Address(":".join("%x" % g for g in groups))
            text = address.compressed if kind < 0.8 else address.exploded
            if rng.random() < 0.2:
                text = text.upper()
        explicit = [g for g in text.split(":") if g]
        if len(explicit) >= 2 and len(text) >= 7 and not text.startswith("0:"):
            return text


def ipv6_decoy():
    return rng.choice([
        "%02d:%02d:%02d" % (rng.randint(0, 23), rng.randint(0, 59), rng.randint(0, 59)), "std::vector<int>",
        "2001:db8::%x::%x" % (rng.randint(1, 999), rng.randint(1, 999)), ":".join("%x" % rng.randint(0, 0xffff) for _ in range(9)),
        "2001:db8::%05x" % rng.randint(0x10000, 0xfffff), "Foo::bar::baz", "::1", "a::b",
        ":".join("%x" % rng.randint(0, 0xffff) for _ in range(5)),
    ])


def mac():
    while True:
        b = [rng.randint(0, 255) for _ in range(6)]
        if any(b) and not all(x == 255 for x in b):
            break
    kind = rng.random()
    if kind < 0.4:
        s = ":".join("%02x" % x for x in b)
    elif kind < 0.7:
        s = "-".join("%02x" % x for x in b)
    else:
        h = "".join("%02x" % x for x in b)
        s = ".".join(h[i:i + 4] for i in range(0, 12, 4))
    s = s.upper() if rng.random() < 0.5 else s
    # A dash or Cisco form made only of letters has no digit for the first pass to see.
    return s if any(c.isdigit() for c in s) else mac()


def mac_decoy():
    b = ["%02X" % rng.randint(0, 255) for _ in range(6)]
    return rng.choice([
        "00:00:00:00:00:00", "FF:FF:FF:FF:FF:FF", ":".join(b[:5]), b[0] + ":" + b[1] + "-" + ":".join(b[2:]),
        "%02d:%02d:%02d" % (rng.randint(0, 23), rng.randint(0, 59), rng.randint(0, 59)),
        ":".join(b) + ":" + b[0], ":".join(b).replace("A", "a", 1) + ("b" if "A" not in ":".join(b) else "") if False else ":".join(b[:4]),
    ])


def ssn():
    while True:
        area = rng.randint(1, 899)
        if area != 666:
            break
    s = "%03d%02d%04d" % (area, rng.randint(1, 99), rng.randint(1, 9999))
    return grouped(s, [3, 2, 4], rng.choice(["-", "-", " "]))


def ssn_decoy():
    choices = [
        "000-%02d-%04d" % (rng.randint(1, 99), rng.randint(1, 9999)), "666-%02d-%04d" % (rng.randint(1, 99), rng.randint(1, 9999)),
        "%03d-%02d-%04d" % (rng.randint(900, 999), rng.randint(1, 99), rng.randint(1, 9999)),
        "%03d-00-%04d" % (rng.randint(1, 665), rng.randint(1, 9999)), "%03d-%02d-0000" % (rng.randint(1, 665), rng.randint(1, 99)),
        "078-05-1120", "219-09-9999", "%03d-%02d-%05d" % (rng.randint(1, 665), rng.randint(1, 99), rng.randint(10000, 99999)),
    ]
    return rng.choice(choices)


NINO_FIRST = [c for c in "ABCEGHJKLMNOPRSTWXYZ"]
NINO_SECOND = [c for c in "ABCEGHJKLMNPRSTWXYZ"]


def nino():
    while True:
        p = rng.choice(NINO_FIRST) + rng.choice(NINO_SECOND)
        if p not in ("BG", "GB", "KN", "NK", "NT", "TN", "ZZ"):
            break
    d = digits(6)
    suffix = rng.choice("ABCD")
    return rng.choice([p + d + suffix, "%s %s %s %s %s" % (p, d[:2], d[2:4], d[4:], suffix), "%s %s %s" % (p, d, suffix)])


def nino_decoy():
    return rng.choice([
        rng.choice("DFIQUV") + rng.choice(NINO_SECOND) + digits(6) + "A", rng.choice(NINO_FIRST) + "O" + digits(6) + "B",
        rng.choice(["GB", "BG", "ZZ", "NK", "TN"]) + digits(6) + "C", "AB" + digits(6) + rng.choice("EFGXYZ"), "AB" + digits(5) + "C",
    ])


DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE"


def dni():
    if rng.random() < 0.6:
        n = digits(8)
        return n + rng.choice(["", "", "-"]) + DNI_LETTERS[int(n) % 23]
    p = rng.choice("XYZ")
    n = digits(7)
    return p + n + DNI_LETTERS[int(str("XYZ".index(p)) + n) % 23]


def dni_decoy():
    n = digits(8)
    wrong = rng.choice([c for c in DNI_LETTERS if c != DNI_LETTERS[int(n) % 23]])
    return rng.choice([n + wrong, "X" + n[:7] + wrong if DNI_LETTERS[int("0" + n[:7]) % 23] != wrong else "X" + n[:7] + "1",
                       n[:7] + DNI_LETTERS[int(n[:7]) % 23] + "Q" * 0 if False else "W" + n[:7] + "L", n + "-" + wrong])


def nir():
    while True:
        sex = rng.choice("12")
        yy = "%02d" % rng.randint(0, 99)
        mm = "%02d" % rng.randint(1, 12)
        dept = rng.choice(["%02d" % rng.randint(1, 95), "2A", "2B", "75", "13"])
        if dept == "20":
            continue
        commune = "%03d" % rng.randint(1, 999)
        order = "%03d" % rng.randint(1, 999)
        body = sex + yy + mm + dept + commune + order
        key = 97 - int(body.replace("2A", "19").replace("2B", "18")) % 97
        parts = [sex, yy, mm, dept, commune, order, "%02d" % key]
        style = rng.random()
        if style < 0.4:
            return "".join(parts)
        if style < 0.8:
            return " ".join(parts)
        return "".join(parts[:6]) + " " + parts[6]


def nir_decoy():
    s = nir().replace(" ", "")
    kind = rng.random()
    if kind < 0.5:
        key = (int(s[13:]) % 97) + 1
        s = s[:13] + "%02d" % key
    elif kind < 0.75:
        s = s[:3] + "%02d" % rng.randint(13, 19) + s[5:]
    else:
        s = "3" + s[1:]
    return s if rng.random() < 0.5 else " ".join([s[0], s[1:3], s[3:5], s[5:7], s[7:10], s[10:13], s[13:]])


CF_ODD = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23]
CF_MONTHS = "ABCDEHLMPRST"
OMOCODIA = "LMNPQRSTUV"


def cf_check(s15):
    total = 0
    for i, ch in enumerate(s15):
        v = int(ch) if ch.isdigit() else ord(ch) - 65
        total += CF_ODD[v] if i % 2 == 0 else v
    return chr(65 + total % 26)


def cf():
    letters = "".join(rng.choice("BCDFGLMNPRSTVZAEIOU") for _ in range(6))
    day = rng.randint(1, 31) + (40 if rng.random() < 0.5 else 0)
    body = letters + "%02d" % rng.randint(0, 99) + rng.choice(CF_MONTHS) + "%02d" % day + rng.choice("ABCDEFGHILMZ") + digits(3)
    if rng.random() < 0.2:  # omocodia: replace digits from the right
        positions = [14, 13, 12, 10, 9, 7, 6][: rng.randint(1, 3)]
        chars = list(body)
        for p in positions:
            chars[p] = OMOCODIA[int(chars[p])]
        body = "".join(chars)
    return body + cf_check(body)


def cf_decoy():
    s = cf()
    kind = rng.random()
    if kind < 0.5:
        return s[:15] + rng.choice([c for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ" if c != s[15]])
    if kind < 0.75:
        body = s[:8] + rng.choice("FGIJKNOQUVWXYZ") + s[9:15]
        return body + cf_check(body)
    body = s[:9] + "%02d" % rng.randint(32, 40) + s[11:15]
    return body + cf_check(body)


def bsn():
    while True:
        s = digits(8) + "0"
        for last in "0123456789":
            s = s[:8] + last
            if bsn_ok(s):
                break
        if bsn_ok(s) and not any(f(s) for f in (card_ok,)):
            return s if rng.random() < 0.7 else s[:4] + "." + s[4:6] + "." + s[6:]


def bsn_decoy():
    while True:
        s = digits(9)
        if not bsn_ok(s):
            return s if rng.random() < 0.7 else s[:4] + "." + s[4:6] + "." + s[6:]


def pesel():
    y, m, d = random_date(1900, 2020)
    mm = m + (20 if y >= 2000 else 0)
    body = "%02d%02d%02d" % (y % 100, mm, d) + digits(4)
    w = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3]
    return body + str((10 - sum(int(a) * b for a, b in zip(body, w)) % 10) % 10)


def pesel_decoy():
    while True:
        s = pesel()
        if rng.random() < 0.5:
            s = s[:10] + str((int(s[10]) + rng.randint(1, 9)) % 10)
        else:  # a date that does not exist, with a correct check digit
            body = s[:2] + "%02d" % rng.choice([13, 19, 33, 0]) + s[4:10]
            w = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3]
            s = body + str((10 - sum(int(a) * b for a, b in zip(body, w)) % 10) % 10)
        if not any_bare_valid(s):
            return s


def personnummer():
    y, m, d = random_date(1930, 2015)
    if rng.random() < 0.15:
        d += 60
    ten = luhn_complete("%02d%02d%02d" % (y % 100, m, d) + digits(3))
    style = rng.random()
    if style < 0.5:
        return ten[:6] + "-" + ten[6:]
    if style < 0.75:
        return "%02d" % (y // 100) + ten[:6] + "-" + ten[6:]
    if style < 0.9:
        return ten
    return "%02d" % (y // 100) + ten


def personnummer_decoy():
    while True:
        y, m, d = random_date(1930, 2015)
        if rng.random() < 0.5:
            ten = luhn_complete("%02d%02d%02d" % (y % 100, m, d) + digits(3))
            ten = ten[:9] + str((int(ten[9]) + rng.randint(1, 9)) % 10)
        else:
            ten = luhn_complete("%02d%02d%02d" % (y % 100, rng.choice([13, 14, 0]), d) + digits(3))
        if not any_bare_valid(ten):
            return ten[:6] + "-" + ten[6:] if rng.random() < 0.7 else ten


def cpf():
    while True:
        s = cpf_digits(digits(9))
        if rng.random() < 0.6:
            return s[:3] + "." + s[3:6] + "." + s[6:9] + "-" + s[9:]
        if not pesel_ok(s) and not steuer_ok(s) and not card_ok(s):
            return s


def cpf_decoy():
    while True:
        s = cpf_digits(digits(9))
        s = rng.choice([s[:10] + str((int(s[10]) + rng.randint(1, 9)) % 10), str(rng.randint(0, 9)) * 11])
        if not any_bare_valid(s):
            return s[:3] + "." + s[3:6] + "." + s[6:9] + "-" + s[9:] if rng.random() < 0.6 else s


def steuer():
    while True:
        s10 = digits(10, first_nonzero=True)
        if not steuer_rule(s10):
            continue
        s = s10 + str(steuer_check(s10))
        if rng.random() < 0.4:
            return s[:2] + " " + s[2:5] + " " + s[5:8] + " " + s[8:]
        if not pesel_ok(s):
            return s


def steuer_decoy():
    while True:
        s10 = digits(10, first_nonzero=True)
        kind = rng.random()
        if kind < 0.5 and steuer_rule(s10):
            s = s10 + str((steuer_check(s10) + rng.randint(1, 9)) % 10)
        elif kind >= 0.5 and not steuer_rule(s10):
            s = s10 + str(steuer_check(s10))
        else:
            continue
        if not any_bare_valid(s):
            return s if rng.random() < 0.6 else s[:2] + " " + s[2:5] + " " + s[5:8] + " " + s[8:]


def latlon():
    lat = rng.uniform(-89.9, 89.9)
    lon = rng.uniform(-179.9, 179.9)
    places = rng.randint(4, 7)
    return ("%.*f" % (places, lat)) + rng.choice([", ", ",", " ", "; "]) + ("%.*f" % (places, lon))


def latlon_decoy():
    return rng.choice([
        "%.4f, %.4f" % (rng.uniform(90.5, 99), rng.uniform(-179, 179)), "%.4f, %.4f" % (rng.uniform(-89, 89), rng.uniform(180.5, 999)),
        "%.2f, %.2f" % (rng.uniform(-89, 89), rng.uniform(-179, 179)), "%.2f, %.2f" % (rng.uniform(1, 50), rng.uniform(1, 50)),
        "0.0000, 0.0000", "%.4f" % rng.uniform(-89, 89), "%.3f;%.3f" % (rng.uniform(1, 80), rng.uniform(1, 80)),
    ])


PHONE_COUNTRIES = {"44": (10, "7"), "49": (11, "15"), "33": (9, "6"), "34": (9, "6"), "39": (10, "3"), "31": (9, "6"),
                   "48": (9, "5"), "46": (9, "7"), "1": (10, None), "353": (9, "8"), "43": (10, "6")}


def nanp10():
    while True:
        area = str(rng.randint(200, 999))
        exchange = str(rng.randint(200, 999))
        if area[1] != "9" and area[1:] != "11" and exchange[1:] != "11":
            return area + exchange + digits(4)


def phone():
    kind = rng.random()
    if kind < 0.45:
        cc = rng.choice(sorted(PHONE_COUNTRIES))
        length, lead = PHONE_COUNTRIES[cc]
        nsn = nanp10() if cc == "1" else lead + digits(length - len(lead))
        style = rng.random()
        if style < 0.3:
            return "+" + cc + nsn
        if style < 0.8:
            return "+" + cc + " " + grouped(nsn, [3, 3, length - 6] if length > 7 else [length], " ")
        if cc == "44":
            return "+44 (0)" + nsn[:2] + " " + nsn[2:6] + " " + nsn[6:]
        return "00" + cc + " " + grouped(nsn, [3, 3, length - 6], " ")
    if kind < 0.7:
        n = nanp10()
        return rng.choice(["(%s) %s-%s", "%s-%s-%s", "%s.%s.%s", "1-%s-%s-%s", "+1 %s %s %s"]) % (n[:3], n[3:6], n[6:])
    if kind < 0.9:
        style = rng.random()
        if style < 0.25:
            return "020 " + digits(4, True) + " " + digits(4)           # London
        if style < 0.5:
            return "0" + rng.choice("123456789") + " " + " ".join(digits(2) for _ in range(4))   # France
        if style < 0.75:
            return "030/" + digits(7, True)                            # Berlin
        return "06-" + digits(8, True)                                # Netherlands mobile
    return rng.choice(["6", "7"]) + digits(2) + " " + digits(3) + " " + digits(3)   # Spain mobile


def phone_decoy():
    y, m, d = random_date(1990, 2030)
    return rng.choice([
        "%04d-%02d-%02d" % (y, m, d), "%02d.%02d.%04d" % (d, m, y), "%02d/%02d/%04d" % (m, d, y),
        "%d.%d.%d" % (rng.randint(0, 20), rng.randint(0, 40), rng.randint(0, 400)), "ORD-%d-%06d" % (y, rng.randint(0, 999999)),
        "+999 " + digits(4) + " " + digits(4), "+44 20 " + digits(3), "(%s) %s-%s" % ("1" + digits(2), digits(3), digits(4)),
        "%s-911-%s" % (nanp10()[:3], digits(4)), "555-%s" % digits(4), digits(14, True), "0 " + digits(3), "x" + digits(12),
    ])


DETECTORS = [
    ("email", email, email_decoy), ("phone", phone, phone_decoy), ("payment_card", card, card_decoy),
    ("iban", iban, iban_decoy), ("ipv4", ipv4, ipv4_decoy), ("ipv6", ipv6, ipv6_decoy), ("mac", mac, mac_decoy),
    ("us_ssn", ssn, ssn_decoy), ("uk_nino", nino, nino_decoy), ("es_dni", dni, dni_decoy), ("fr_nir", nir, nir_decoy),
    ("it_codice_fiscale", cf, cf_decoy), ("nl_bsn", bsn, bsn_decoy), ("pl_pesel", pesel, pesel_decoy),
    ("se_personnummer", personnummer, personnummer_decoy), ("br_cpf", cpf, cpf_decoy), ("de_tax_id", steuer, steuer_decoy),
    ("lat_lon", latlon, latlon_decoy),
]

# Contexts a value is found in: alone (a cell), in log lines, in CSV rows; none holds personal data itself.
TEMPLATES = [
    "{}", "{}", "2026-12-05T10:15:00Z INFO request from {} accepted", "level=warn msg=\"lookup failed\" value={} attempt=3",
    "[worker-7] stored {} in cache (ttl 300s)", "note: {}; status ok", "<td>{}</td>", "42,\"{}\",2026-12-05,ok",
    "user updated field to '{}' via api v2.3.1", "{} <- copied from ticket #4512",
]


def main():
    lines, labels = [], []
    for name, valid, decoy in DETECTORS:
        for _ in range(PER_DETECTOR):
            value = valid()
            template = rng.choice(TEMPLATES)
            prefix = template.split("{}")[0]
            line = template.format(value)
            start = len(prefix.encode())
            labels.append((len(lines), start, start + len(value.encode()), name))
            lines.append(line)
        for _ in range(DECOYS):
            lines.append(rng.choice(TEMPLATES).format(decoy()))
    order = list(range(len(lines)))
    rng.shuffle(order)
    position = {old: new for new, old in enumerate(order)}
    shuffled = [None] * len(lines)
    for old, line in enumerate(lines):
        shuffled[position[old]] = line
    labels = sorted((position[line], s, e, n) for line, s, e, n in labels)
    with open(os.path.join(HERE, "corpus.txt"), "w", newline="\n") as f:
        f.write("\n".join(shuffled) + "\n")
    with open(os.path.join(HERE, "corpus-labels.tsv"), "w", newline="\n") as f:
        f.write("line\tstart\tend\tdetector\n")
        for row in labels:
            f.write("%d\t%d\t%d\t%s\n" % row)
    write_clean()


def write_clean():
    """A pseudonymised training set: nothing in it identifies a person."""
    rows = ["user_id,email_sha256,salted_hash,session,app_version,signup_date,amount,order_ref,age_band,score"]
    for i in range(400):
        user = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        digest = hashlib.sha256(("user%d" % i).encode()).hexdigest()
        salted = base64.b64encode(hashlib.sha256(b"pepper" + digest.encode()).digest()).decode()
        session = "%032x" % rng.getrandbits(128)
        version = "%d.%d.%d" % (rng.randint(0, 9), rng.randint(0, 20), rng.randint(0, 99))
        y, m, d = random_date(2019, 2026)
        amount = "%.2f" % rng.uniform(1, 5000)
        ref = "ORD-%d-%06d" % (y, rng.randint(0, 999999))
        band = rng.choice(["18-24", "25-34", "35-44", "45-54", "55-64", "65+"])
        rows.append(",".join([user, digest, salted, session, version, "%04d-%02d-%02d" % (y, m, d), amount, ref, band,
                              "%.6f" % rng.random()]))
    with open(os.path.join(HERE, "clean.csv"), "w", newline="\n") as f:
        f.write("\n".join(rows) + "\n")


if __name__ == "__main__":
    main()
