"""Reproducible randomness for the SYNTHETIC data: seeds and per-key draws.

Nothing here depends on PYTHONHASHSEED or on the order of draws, so a seed always gives the
same synthetic (not official) figures.
"""

from __future__ import annotations

import zlib

import numpy as np
import numpy.typing as npt


def stable_seed(*parts: str | int) -> list[int]:
    """Turn text and numbers into a seed list that does not depend on PYTHONHASHSEED."""
    return [zlib.crc32(str(part).encode()) if isinstance(part, str) else part for part in parts]


def mix(values: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint64]:
    """Scramble 64-bit integers (the splitmix64 finaliser)."""
    z = values + np.uint64(0x9E3779B97F4A7C15)
    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return z ^ (z >> np.uint64(31))


def keyed_normal(keys: npt.NDArray[np.uint64], seed: int, stream: int) -> npt.NDArray[np.float64]:
    """Return a standard normal draw per key that depends only on key, seed and stream."""
    salt = np.uint64(zlib.crc32(f"{seed}/{stream}".encode()) << 32)
    first = mix(keys ^ salt)
    second = mix(first)
    scale = 2.0**-53
    u1 = ((first >> np.uint64(11)).astype(np.float64) + 0.5) * scale
    u2 = ((second >> np.uint64(11)).astype(np.float64) + 0.5) * scale
    return np.asarray(np.sqrt(-2.0 * np.log(u1)) * np.cos(2.0 * np.pi * u2), dtype=np.float64)
