#!/usr/bin/env python3
"""Presidio's pattern recognizers (regex + their own validation, no NLP engine, no spaCy model)
over a CSV slice, for Tests/Scripts/bench-gdpr.sh. Prints "bytes seconds matches".

The recognizers are the ones that cover modelgate's detectors: e-mail, phone (the phonenumbers
library, Presidio's PhoneRecognizer), credit card, IBAN, IP, MAC, US SSN, UK NINO, Spanish
NIF/NIE, Italian fiscal code, Polish PESEL, Swedish personnummer, German tax id. Each is called
directly with `analyze(text, entities, nlp_artifacts=None)`, so no language model is loaded.
Text goes in blocks of 200 lines (kinder to Presidio than one call per record).

Usage: bench_gdpr_presidio.py SLICE.csv
"""
import sys
import time

from presidio_analyzer.predefined_recognizers import (
    CreditCardRecognizer, DeTaxIdRecognizer, EmailRecognizer, EsNieRecognizer, EsNifRecognizer, IbanRecognizer,
    IpRecognizer, ItFiscalCodeRecognizer, MacAddressRecognizer, PhoneRecognizer, PlPeselRecognizer,
    SePersonnummerRecognizer, UkNinoRecognizer, UsSsnRecognizer)


def main():
    path = sys.argv[1]
    recognizers = []
    for make in (EmailRecognizer, PhoneRecognizer, CreditCardRecognizer, IbanRecognizer, IpRecognizer,
                 MacAddressRecognizer, UsSsnRecognizer, UkNinoRecognizer, EsNifRecognizer, EsNieRecognizer,
                 ItFiscalCodeRecognizer, PlPeselRecognizer, SePersonnummerRecognizer, DeTaxIdRecognizer):
        recognizer = make()
        recognizers.append((recognizer, recognizer.supported_entities))
    with open(path, encoding="utf-8") as f:
        lines = f.readlines()
    total = sum(len(line.encode("utf-8")) for line in lines)
    blocks = ["".join(lines[i:i + 200]) for i in range(0, len(lines), 200)]
    # Warm-up, untimed: the e-mail validation (tldextract) loads its suffix list on first use,
    # and tries the network first (offline here, it falls back to its bundled copy).
    for recognizer, entities in recognizers:
        recognizer.analyze("warm up ana@example.com", entities, None)
    matches = 0
    start = time.perf_counter()
    for block in blocks:
        for recognizer, entities in recognizers:
            matches += len(recognizer.analyze(block, entities, None))
    seconds = time.perf_counter() - start
    print(total, f"{seconds:.3f}", matches)


if __name__ == "__main__":
    main()
