"""landscape.stats gives SciPy 1.17.1's rank statistics and p-values to the last bit, without SciPy.

Every comparison is ``==`` (or both nan) over seeded random cases: small and large samples, with and
without ties, integer and float data, values rounded to 12 significant digits as the passes settle
them, correlations of both signs, perfect ones and constant inputs.
"""

from __future__ import annotations

import doctest
import math
import subprocess
import sys
import warnings

import numpy as np
import pytest
import scipy.special
import scipy.stats

import landscape.stats
from landscape.stats import (binomial_cdf, kendall_tau_b, normal_cdf, rankdata_average, spearman,
                             student_t_cdf)


def _same(mine: float, theirs: float) -> bool:
    theirs = float(theirs)
    return (math.isnan(mine) and math.isnan(theirs)) or mine == theirs


def _settled(values: np.ndarray) -> list[float]:
    return [float(f"{v:.12g}") for v in values]


def _samples(seed: int, count: int, smallest: int, largest: int) -> list[tuple[list[float], list[float]]]:
    """Pairs of samples of many kinds: the pair kind and the size drawn from ``seed``."""
    rng = np.random.default_rng(seed)
    pairs = []
    for _ in range(count):
        n = int(rng.integers(smallest, largest + 1))
        x = rng.standard_normal(n)
        kind = int(rng.integers(0, 9))
        if kind == 0:  # independent floats
            y = rng.standard_normal(n)
        elif kind == 1:  # correlated either way, 12 significant digits like the passes' values
            x = np.asarray(_settled(rng.exponential(1.0, n) / 7))
            y = np.asarray(_settled(rng.choice([-1, 1]) * rng.uniform(0, 3) * x + rng.standard_normal(n)))
        elif kind == 2:  # small integers: many ties in both
            x = rng.integers(0, rng.integers(2, 8), n).astype(float)
            y = rng.integers(0, rng.integers(2, 8), n).astype(float)
        elif kind == 3:  # ties in one variable only
            x = rng.integers(0, 4, n).astype(float)
            y = x + rng.standard_normal(n)
        elif kind == 4:  # perfect monotone agreement or disagreement
            y = rng.choice([-1, 1]) * x ** 3
        elif kind == 5:  # a constant variable
            y = np.full(n, 2.5)
        elif kind == 6:  # integer data, weakly related
            x = rng.integers(0, 50, n)
            y = x + rng.integers(-30, 30, n)
        elif kind == 7:  # one pair out of order
            y = np.sort(x)
            i = int(rng.integers(0, n - 1))
            y[i], y[i + 1] = y[i + 1], y[i]
            x = np.sort(x)
        else:  # strong correlation, tiny p-values
            y = x + 0.05 * rng.standard_normal(n)
        pairs.append((list(x), list(y)))
    return pairs


def test_ranks_are_scipys() -> None:
    rng = np.random.default_rng(1)
    for size in list(range(0, 41)) * 20 + [500, 2000]:
        values = rng.integers(0, max(size // 3, 1) + 1, size).astype(float) if size % 2 else rng.standard_normal(size)
        ranks = rankdata_average(values)
        assert ranks.dtype == np.float64 and np.array_equal(ranks, scipy.stats.rankdata(values, method="average"))
    assert np.isnan(rankdata_average([1.0, np.nan, 2.0])).all()
    assert rankdata_average([3, 1, 3]).tolist() == [2.5, 1.0, 2.5]


@pytest.mark.parametrize(("seed", "count", "smallest", "largest"),
                         [(11, 1500, 3, 12), (12, 1500, 13, 40), (13, 120, 41, 2000)])
def test_spearman_is_scipys(seed: int, count: int, smallest: int, largest: int) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for x, y in _samples(seed, count, smallest, largest):
            rho, p = spearman(x, y)
            expected = scipy.stats.spearmanr(x, y)
            assert _same(rho, expected.statistic) and _same(p, expected.pvalue), (x, y)


@pytest.mark.parametrize(("seed", "count", "smallest", "largest"),
                         [(21, 1500, 3, 12), (22, 1500, 13, 40), (23, 120, 41, 2000)])
def test_kendall_tau_b_is_scipys(seed: int, count: int, smallest: int, largest: int) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for x, y in _samples(seed, count, smallest, largest):
            tau, p = kendall_tau_b(x, y)
            expected = scipy.stats.kendalltau(x, y, variant="b")
            assert _same(tau, expected.statistic) and _same(p, expected.pvalue), (x, y)


def test_perfect_and_constant_correlations() -> None:
    x = list(range(1, 51))
    for y in ([v * 2.0 for v in x], [-v for v in x], [v ** 3 for v in x]):
        rho, p = spearman(x, y)  # numpy.corrcoef may leave rho one ulp short of +-1; p is 0 either way
        assert (rho, p) == (scipy.stats.spearmanr(x, y).statistic, 0.0) and abs(rho) > 1 - 1e-15
    assert spearman([1, 2, 3, 4], [4, 3, 2, 1]) == (-1.0, 0.0)
    assert kendall_tau_b(x, x[::-1])[0] == -1.0
    assert kendall_tau_b(x, x[::-1])[1] == float(scipy.stats.kendalltau(x, x[::-1]).pvalue)
    for pair in ((x, [3.0] * 50), ([3.0] * 50, x), ([1.0], [2.0]), ([], [])):
        assert all(math.isnan(v) for v in spearman(*pair) + kendall_tau_b(*pair))
    assert all(math.isnan(v) for v in spearman([1.0, math.nan, 3.0], [1.0, 2.0, 3.0]))
    with pytest.raises(ValueError):
        kendall_tau_b([1, 2, 3], [1, 2])


def test_discordant_pairs_are_counted() -> None:
    rng = np.random.default_rng(5)
    for _ in range(300):
        y = rng.integers(1, int(rng.integers(2, 40)), int(rng.integers(1, 60))).astype(np.intp)
        brute = int(sum((y[i] > y[i + 1:]).sum() for i in range(y.size)))
        assert landscape.stats._discordant_pairs(y) == brute


def test_student_t_cdf_is_stdtr() -> None:
    rng = np.random.default_rng(31)
    df = np.concatenate([rng.integers(1, 60, 6000), rng.integers(60, 5000, 6000)]).astype(float)
    t = -np.abs(rng.standard_normal(12000) * rng.choice([0.05, 0.3, 1, 3, 10, 40], 12000))
    t[:500] = 0.0
    expected = scipy.special.stdtr(df, t)
    assert all(_same(student_t_cdf(d, v), e) for d, v, e in zip(df, t, expected))
    # the far tail where Boost's BGRAT series meets gamma_q(1/2, u) with u in [709, 711]
    for dof in (3600, 5000, 60000):
        for u in np.linspace(705, 713, 60):
            z = -math.expm1(-u / (dof / 2 - 0.25))
            t_far = -math.sqrt(z * dof / (1 - z))
            assert _same(student_t_cdf(dof, t_far), scipy.special.stdtr(dof, t_far))
    assert math.isnan(student_t_cdf(0, 1.0)) and math.isnan(student_t_cdf(3, math.nan))
    assert (student_t_cdf(4, -math.inf), student_t_cdf(4, math.inf)) == (0.0, 1.0)


def test_normal_cdf_is_ndtr() -> None:
    rng = np.random.default_rng(41)
    x = np.concatenate([rng.standard_normal(20000) * 3, rng.uniform(-40, 40, 10000), [-np.inf, np.inf, 0.0]])
    expected = scipy.special.ndtr(x)
    assert all(_same(normal_cdf(v), e) for v, e in zip(x, expected))


def test_binomial_cdf_is_binomtest() -> None:
    rng = np.random.default_rng(51)
    size = 12000
    n = np.concatenate([rng.integers(1, 60, 4000), rng.integers(60, 3000, 6000), rng.integers(3000, 100000, 2000)])
    p = rng.uniform(0, 1, size)
    p[:2000] = rng.integers(1, 50, 2000) / rng.integers(50, 200, 2000)
    p[2000:3500] = 10 ** rng.uniform(-9, 0, 1500)
    p[3500:4000] = np.asarray(_settled(rng.uniform(0, 1, 500)))
    k = (rng.uniform(0, 1, size) * (n + 1)).astype(int).clip(0, n)
    near = slice(4000, 9000)  # around the mean, where the tail is neither 0 nor 1
    spread = np.sqrt(n[near] * p[near] * (1 - p[near])) + 1
    k[near] = np.clip(np.round(n[near] * p[near] + rng.normal(0, 2, 5000) * spread), 0, n[near]).astype(int)
    k[9000:9500] = np.maximum(n[9000:9500] - rng.integers(1, 45, 500), 0)  # within 40 of n: Boost's finite sum
    expected = scipy.stats.binom.cdf(k, n, p)
    assert all(_same(binomial_cdf(int(a), int(b), float(c)), e) for a, b, c, e in zip(k, n, p, expected))
    for a, b, c in zip(k[::60], n[::60], p[::60]):  # binom.cdf is binomtest's p-value
        if a <= b:
            assert binomial_cdf(int(a), int(b), float(c)) == scipy.stats.binomtest(
                int(a), int(b), float(c), alternative="less").pvalue
    assert (binomial_cdf(3, 3, 0.5), binomial_cdf(2, 3, 0.0), binomial_cdf(2, 3, 1.0)) == (1.0, 1.0, 0.0)
    with pytest.raises(ValueError):
        binomial_cdf(1, 3, 1.5)


def test_the_doctests_hold() -> None:
    assert doctest.testmod(landscape.stats).failed == 0


def test_importing_the_module_imports_no_scipy() -> None:
    code = "import sys, landscape.stats; assert not any(m.startswith('scipy') for m in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


def test_binomial_cdf_of_a_vanishing_share_is_scipys() -> None:
    """An expected share below 2**-54 (1 - p == 1: a roster's 0.00000000000000001) is SciPy's value,
    not a ValueError (the reviewer's crash: the atlas of a roster with such a share)."""
    rng = np.random.default_rng(7)
    for _ in range(20_000):
        n = int(rng.choice([rng.integers(1, 50), rng.integers(50, 5_000), rng.integers(5_000, 300_000)]))
        k = int(min(rng.choice([0, 1, rng.integers(0, n)]), n - 1))
        p = float(10 ** rng.uniform(-320, -16.26))
        if 1 - p != 1:
            continue
        assert binomial_cdf(k, n, p) == scipy.stats.binomtest(k, n, p, alternative="less").pvalue, (k, n, p)
    assert binomial_cdf(0, 9, 4.984178994069616e-17) == 0.9999999999999996  # 1 - 9p, not 1


def test_kendall_compares_whole_numbers_as_scipy_does() -> None:
    """Whole numbers beyond 2**53 tie as floats in SciPy; here too."""
    x, y = [2**53, 2**53 + 1, 1, 5], [1.0, 2.0, 3.0, 4.0]
    assert kendall_tau_b(x, y) == tuple(float(v) for v in scipy.stats.kendalltau(x, y))
    assert kendall_tau_b([True, False, True], [1, 2, 3]) == tuple(
        float(v) for v in scipy.stats.kendalltau([True, False, True], [1, 2, 3]))
