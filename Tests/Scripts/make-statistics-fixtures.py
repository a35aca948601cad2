#!/usr/bin/env python3
"""Write the reference values that Tests/StatisticsTests check the Statistics target against.

The fixture is committed, so CI needs no Python. Regenerate after changing a case:
    pip install scipy statsmodels numpy mpmath
    python3 Tests/Scripts/make-statistics-fixtures.py
Every value comes from scipy, statsmodels or numpy, except three. Binomial tails also come
exact, from 40-digit mpmath sums, because scipy's own are off by up to 3e-10 at n = 1e7.
The order-statistic ranks follow the construction documented in
Sources/Statistics/QuantileInterval.swift, computed here independently with scipy's
binomial distribution. SplitMix64 outputs come from the few lines of Python below, written
from Vigna's description; the Swift tests also check his published seed-0 values.
"""
import json
import pathlib

import mpmath as mp
import numpy as np
import scipy
import statsmodels
from scipy import stats
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import proportion_confint

mp.mp.dps = 40
OUT = pathlib.Path(__file__).resolve().parent.parent / "StatisticsTests/Fixtures/statistics.json"
CONFIDENCES = [0.5, 0.8, 0.9, 0.95, 0.99, 0.999]


def normal_quantiles():
    ps = [1e-300, 1e-100, 1e-20, 1e-10, 1e-5, 0.001, 0.01, 0.02425, 0.025, 0.05, 0.1, 0.3,
          0.4999, 0.5, 0.6, 0.9, 0.975, 0.97575, 0.99, 0.999, 1 - 1e-10, 0.9999999999999999]
    return [{"p": p, "x": float(stats.norm.ppf(p))} for p in ps]


def wilson():
    cases = []
    for n in [1, 2, 5, 10, 37, 100, 1000, 12345, 10_000_000]:
        for k in sorted({0, 1, n // 3, n // 2, n - 1, n}):
            for c in ([0.95] if n > 100 else CONFIDENCES[1:5]) + ([0.5, 0.999] if k in (0, n) else []):
                lo, hi = proportion_confint(k, n, alpha=1 - c, method="wilson")
                cases.append({"successes": k, "trials": n, "confidence": c,
                              "lower": float(lo), "upper": float(hi)})
    return cases


def exact_binomial_tails(k, n, p):
    """P(B <= k) and P(B > k) to 40 digits: the smaller tail summed outward from k."""
    p = mp.mpf(p)  # the double exactly; 1 - p is then exact at this precision
    q = 1 - p
    below = k < int((n + 1) * p)
    j, step = (k, -1) if below else (k + 1, 1)
    term = mp.exp(mp.loggamma(n + 1) - mp.loggamma(j + 1) - mp.loggamma(n - j + 1)
                  + j * mp.log(p) + (n - j) * mp.log(q))
    total = mp.mpf(0)
    while 0 <= j <= n and term >= total * mp.mpf(10) ** -30:
        total += term
        term *= (n - j) * p / ((j + 1) * q) if step > 0 else j * q / ((n - j + 1) * p)
        j += step
    return (total, 1 - total) if below else (1 - total, total)


def binomial():
    cases = []
    for n, p, ks in [
        (1, 0.3, [0]),
        (10, 0.5, [0, 3, 5, 9]),
        (20, 0.05, [0, 1, 4, 19]),
        (100, 0.99, [90, 95, 99]),
        (1000, 0.5, [400, 450, 500, 550]),
        (5000, 0.95, [4700, 4750, 4800, 4900, 4999]),
        (10_000, 0.9, [8760, 9000, 9100]),
        (100_000, 0.001, [50, 100, 150]),
        (1_000_000, 0.3, [296_334, 298_000, 300_000, 302_500]),
        (10_000_000, 1e-6, [0, 1, 8, 20]),
        (10_000_000, 0.3, [2_988_407, 3_000_000, 3_011_593]),
        (10_000_000, 0.5, [4_990_000, 5_000_000]),
        (10_000_000, 0.99, [9_899_000, 9_900_000, 9_900_500, 9_901_000]),
    ]:
        for k in ks:
            cdf, sf = exact_binomial_tails(k, n, p)
            cases.append({"k": k, "n": n, "p": p,
                          "cdf": float(stats.binom.cdf(k, n, p)), "sf": float(stats.binom.sf(k, n, p)),
                          "exactCdf": float(cdf), "exactSf": float(sf)})
    return cases


def quantile_ranks(n, q, confidence):
    """The equal-tailed conservative construction, with an exhausted tail's budget moved."""
    if n < 2:
        return None, 0.0
    alpha = 1 - confidence
    lowest_lower = stats.binom.cdf(0, n, q)
    lowest_upper = stats.binom.sf(n - 1, n, q)
    if lowest_lower + lowest_upper > alpha:
        return None, 0.0
    lower_budget = upper_budget = alpha / 2
    if lowest_upper > upper_budget:
        upper_budget, lower_budget = lowest_upper, alpha - lowest_upper
    elif lowest_lower > lower_budget:
        lower_budget, upper_budget = lowest_lower, alpha - lowest_lower
    ranks = np.arange(1, n + 1)
    below = stats.binom.cdf(ranks - 1, n, q)   # P(B <= l - 1)
    above = stats.binom.sf(ranks - 1, n, q)    # P(B >= u)
    lower = int(ranks[below <= lower_budget].max())
    upper = int(ranks[above <= upper_budget].min())
    # A rank decided by a hair could legitimately differ between two correct
    # implementations; such a case would be a bad test, so refuse it.
    for value, budget in [(below[lower - 1], lower_budget), (above[upper - 1], upper_budget)]:
        assert budget - value > 1e-9 * budget or value == budget, (n, q, confidence)
    for value, budget in [(below[min(lower, n - 1)], lower_budget), (above[upper - 2], upper_budget)]:
        assert value - budget > 1e-9 * budget, (n, q, confidence)
    coverage = float(stats.binom.cdf(upper - 1, n, q) - stats.binom.cdf(lower - 1, n, q))
    return (lower, upper), coverage


def quantile_intervals():
    cases = []
    for n in [1, 2, 5, 10, 20, 45, 59, 60, 100, 299, 300, 1000, 12_345, 100_000, 1_000_000]:
        for q in [0.5, 0.9, 0.95, 0.99, 0.999]:
            for c in [0.8, 0.9, 0.95, 0.99]:
                ranks, coverage = quantile_ranks(n, q, c)
                case = {"n": n, "quantile": q, "confidence": c}
                if ranks:
                    case.update(lower=ranks[0], upper=ranks[1], coverage=coverage)
                cases.append(case)
    return cases


def splitmix64(seed, count):
    mask = (1 << 64) - 1
    state, out = seed, []
    for _ in range(count):
        state = (state + 0x9E3779B97F4A7C15) & mask
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & mask
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & mask
        out.append(z ^ (z >> 31))
    return out


def generator():
    seed = 0x5EED_1234_ABCD_0042
    values = splitmix64(seed, 8)
    return {"seed": f"{seed:016x}", "outputs": [f"{v:016x}" for v in values],
            "doubles": [(v >> 11) * 2.0 ** -53 for v in values]}


def percentiles():
    rng = np.random.default_rng(20240607)
    samples = [[3.5], [2.0, -1.0], [5, 1, 4, 1, 5, 9, 2, 6], [7.0] * 5 + [1.0] * 3,
               rng.normal(0.8, 0.05, 200).tolist(), rng.exponential(120.0, 37).tolist()]
    cases = []
    for values in samples:
        intervals = []
        for c in [0.5, 0.9, 0.95, 0.99]:
            a = 1 - c
            lo, hi = np.percentile(values, [100 * a / 2, 100 * (1 - a / 2)])
            intervals.append({"confidence": c, "lower": float(lo), "upper": float(hi)})
        cases.append({"replicates": [float(v) for v in values], "intervals": intervals})
    return cases


def holm():
    cases = []
    for ps in [[0.01], [0.04, 0.01, 0.03, 0.005], [0.2, 0.2, 0.001, 0.0125, 0.0125],
               [0.5, 0.9, 1.0], [0.0, 0.0001, 0.02, 0.021, 0.3, 0.04, 0.011],
               [0.01] * 6, [0.012, 0.049, 0.0166, 0.025, 0.0249, 0.009]]:
        for alpha in [0.05, 0.1]:
            reject, adjusted, _, _ = multipletests(ps, alpha=alpha, method="holm")
            cases.append({"pValues": ps, "alpha": alpha, "reject": [bool(r) for r in reject],
                          "adjusted": [float(x) for x in adjusted]})
    return cases


def main():
    fixture = {
        "generatedWith": f"scipy {scipy.__version__}, statsmodels {statsmodels.__version__}, "
                         f"numpy {np.__version__}, mpmath {mp.__version__}",
        "normalQuantile": normal_quantiles(),
        "wilson": wilson(),
        "binomial": binomial(),
        "quantileInterval": quantile_intervals(),
        "splitMix64": generator(),
        "percentile": percentiles(),
        "holm": holm(),
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    # One case per line: small, and a regenerated fixture diffs case by case.
    sections = []
    for key, value in fixture.items():
        if isinstance(value, list):
            body = ",\n".join("  " + json.dumps(case, separators=(",", ":")) for case in value)
            sections.append(f'"{key}": [\n{body}\n]')
        else:
            sections.append(f'"{key}": {json.dumps(value, separators=(",", ":"))}')
    OUT.write_text("{\n" + ",\n".join(sections) + "\n}\n")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
