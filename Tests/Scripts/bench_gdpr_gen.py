#!/usr/bin/env python3
"""Writes a customer-table CSV for Tests/Scripts/bench-gdpr.sh: ids, e-mails, phones, IBANs,
card numbers, IPs, names, dates, free-text comments with occasional personal data, numeric
features. Values are valid (Luhn, mod-97, real dates) so the gate's validation does real work.

Usage: bench_gdpr_gen.py OUT.csv MEGABYTES [SEED]
Standard library only. Rows are drawn from a pool of pre-built rows with a running id, so
writing a gigabyte takes about a minute; the pool is large enough that values repeat rarely.
"""
import random
import sys

FIRST = ["Ana", "John", "Maria", "Jürgen", "Sophie", "Luca", "Emma", "Pierre", "Carmen", "Olivia", "Noah", "Lars",
         "Zofia", "Mateo", "Chloé", "Hannah", "Elias", "Inès", "Giulia", "Tomás"]
LAST = ["Garcia", "Smith", "Müller", "Rossi", "Dubois", "Kowalski", "van Dijk", "Johansson", "Fernández", "Brown",
        "Schmidt", "Martin", "Bianchi", "Nowak", "O'Neil", "Lefèvre", "Svensson", "Novak", "Weber", "Silva"]
DOMAINS = ["example.com", "example.org", "mail.example.de", "example.fr", "example.es", "corp.example.net"]
WORDS = ("the delivery was late again and the support team did not answer my request about the invoice "
         "please call me back regarding order product quality great service refund shipping damaged box "
         "recommend friend price too high app crashes login works fine thanks").split()
SEGMENTS = ["retail", "business", "premium", "student", "trial"]


def luhn_complete(prefix, length, rng):
    digits = prefix + "".join(rng.choice("0123456789") for _ in range(length - len(prefix) - 1))
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return digits + str((10 - total % 10) % 10)


def card(rng):
    kind = rng.random()
    if kind < 0.5:
        number = luhn_complete("4", 16, rng)
    elif kind < 0.85:
        number = luhn_complete(str(rng.randint(51, 55)), 16, rng)
    else:
        number = luhn_complete(rng.choice(["34", "37"]), 15, rng)
        return number
    return " ".join(number[i:i + 4] for i in range(0, 16, 4)) if rng.random() < 0.5 else number


IBAN_BODY = {"DE": 18, "FR": 23, "ES": 20, "NL": 14, "IT": 23, "GB": 18}


def iban(rng):
    country = rng.choice(list(IBAN_BODY))
    length = IBAN_BODY[country]
    if country == "NL":
        body = "ABNA" + "".join(rng.choice("0123456789") for _ in range(10))
    elif country == "GB":
        body = "NWBK" + "".join(rng.choice("0123456789") for _ in range(14))
    elif country == "IT":
        body = "X" + "".join(rng.choice("0123456789") for _ in range(22))
    else:
        body = "".join(rng.choice("0123456789") for _ in range(length))
    rearranged = body + country + "00"
    numeric = "".join(str(int(c, 36)) for c in rearranged)
    check = 98 - int(numeric) % 97
    return f"{country}{check:02d}{body}"


def phone(rng):
    kind = rng.random()
    if kind < 0.3:
        return f"+49 30 {rng.randint(1000000, 9999999)}"
    if kind < 0.5:
        return f"+44 20 {rng.randint(7000, 7999)} {rng.randint(1000, 9999)}"
    if kind < 0.7:
        return f"+33 6 {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}"
    if kind < 0.85:
        return f"+34 6{rng.randint(10, 99)} {rng.randint(100, 999)} {rng.randint(100, 999)}"
    return f"({rng.randint(201, 989)}) {rng.randint(200, 999)}-{rng.randint(1000, 9999)}".replace("(9", "(8")


def ip(rng):
    if rng.random() < 0.9:
        return f"{rng.randint(1, 223)}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"
    return "2001:db8:" + ":".join(f"{rng.randint(0, 65535):x}" for _ in range(6))


def date(rng, start, end):
    return f"{rng.randint(start, end)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def comment(rng, first, last, mail):
    words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 22)))
    roll = rng.random()
    if roll < 0.03:
        words += f" contact me at {mail}"
    elif roll < 0.05:
        words += f" my number is {phone(rng)}"
    elif roll < 0.06:
        words += f" ask for {first} {last}"
    text = words.capitalize()
    return f'"{text}, ""thanks"""' if rng.random() < 0.1 else text


def row(rng):
    first, last = rng.choice(FIRST), rng.choice(LAST)
    mail = f"{first.lower()}.{last.lower().replace(' ', '').replace(chr(39), '')}{rng.randint(1, 9999)}@{rng.choice(DOMAINS)}"
    mail = mail.encode("ascii", "ignore").decode()
    return ",".join([
        mail, phone(rng), iban(rng), card(rng), ip(rng), first, last,
        date(rng, 1940, 2006), date(rng, 2019, 2026), rng.choice(SEGMENTS),
        comment(rng, first, last, mail),
        f"{rng.gauss(0, 1):.5f}", f"{rng.random() * 1000:.2f}", str(rng.randint(0, 120)),
    ])


HEADER = ("customer_id,email,phone,iban,card_number,client_ip,first_name,last_name,date_of_birth,signup_date,"
          "segment,comment,feature_score,basket_value,visits")


def main():
    out, megabytes = sys.argv[1], float(sys.argv[2])
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 12)
    pool = [row(rng) for _ in range(200_000)]
    target = int(megabytes * 1_000_000)
    written = 0
    number = 0
    with open(out, "w", encoding="utf-8", newline="") as f:
        f.write(HEADER + "\n")
        block = []
        while written < target:
            number += 1
            line = f"C{number:09d},{pool[rng.randrange(len(pool))]}\n"
            block.append(line)
            written += len(line.encode("utf-8")) if not line.isascii() else len(line)
            if len(block) == 50_000:
                f.write("".join(block))
                block.clear()
        f.write("".join(block))


if __name__ == "__main__":
    main()
