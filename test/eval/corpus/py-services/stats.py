"""Summary statistics for the weekly report e-mail."""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Iterable, Sequence


@dataclass(frozen=True)
class Summary:
    count: int
    mean: float
    stdev: float
    minimum: float
    maximum: float


def summarise(values: Iterable[float]) -> Summary | None:
    """Welford's online algorithm: one pass, numerically stable."""
    count = 0
    mean = 0.0
    m2 = 0.0
    lo = math.inf
    hi = -math.inf
    for x in values:
        count += 1
        delta = x - mean
        mean += delta / count
        m2 += delta * (x - mean)
        lo = min(lo, x)
        hi = max(hi, x)
    if count == 0:
        return None
    stdev = math.sqrt(m2 / (count - 1)) if count > 1 else 0.0
    return Summary(count, mean, stdev, lo, hi)


def week_over_week(current: Sequence[float], previous: Sequence[float]) -> float | None:
    """Relative change of the totals, or None when last week had nothing to compare with."""
    before = sum(previous)
    if before == 0:
        return None
    return (sum(current) - before) / before
