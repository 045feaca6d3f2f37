"""Pure functions behind deduplication: hashing text, character shingles, MinHash, LSH band keys, Jaccard.

Chinese has no word boundaries, so shingles are character n-grams of the *normalised* text (never a split
on ``\\W``).  Everything here is deterministic across processes and machines (no Python ``hash()``,
fixed seeds, little-endian bytes), because band keys and signatures are persisted in the cross-run index.
"""
from __future__ import annotations

import hashlib
import sys
import unicodedata
from dataclasses import dataclass
from typing import Optional

import numpy as np

# Chosen with bench/dedupe.py (sweep of k in 3..5, bands x rows in 32x4/20x5/16x8, threshold 0.5..0.8):
# - k=4: as good as k=3 on long texts, fewer chance matches between short texts of one template than k=3
#   (k=3 gave more false merges at t=0.5-0.6 on template-heavy SogouCS records), better recall than k=5;
# - 32 bands x 4 rows: P(candidate) = 1-(1-J^4)^32 is 0.96 at J=0.5 and >0.9999 at J>=0.8, so LSH never costs
#   recall above the threshold (16x8 did: 0.79 short recall), and every candidate is verified exactly anyway;
# - threshold 0.65: different stories of one template peak at J=0.57-0.61 (donation records, market
#   summaries 0.34), while a 4-character correction of a 100-character flash is already at J~0.75.
SHINGLE_SIZE = 4
NUM_PERM = 128
BANDS = 32
ROWS = 4
JACCARD_THRESHOLD = 0.65
CONTAINMENT_THRESHOLD = 0.8
SEED = 20261123

# Removed before hashing: punctuation (P*), separators/whitespace (Z*), control/format (C*) and decorative
# symbols (So: ■ ★ ▲ ...).  Math/currency symbols (+ ¥ $) carry meaning and are kept.
_DROPPED_CATEGORIES = ("P", "Z", "C")
_DROPPED_EXACT = ("So",)
_KEEP: Optional[np.ndarray] = None


def _keep_mask() -> np.ndarray:
    """Boolean per code point: True when it survives normalisation (built once per process, ~0.3 s).

    A lookup array instead of a ``str.translate`` table: translate pays a failed dict lookup for every
    kept character (most of a Chinese text), the array gather costs a few ns per character."""
    global _KEEP
    if _KEEP is None:
        keep = np.ones(sys.maxunicode + 1, dtype=bool)
        for cp in range(sys.maxunicode + 1):
            cat = unicodedata.category(chr(cp))
            if cat[0] in _DROPPED_CATEGORIES or cat in _DROPPED_EXACT:
                keep[cp] = False
        _KEEP = keep
    return _KEEP


def normalize_for_hash(text: Optional[str]) -> str:
    """Text reduced to what identifies a story: NFKC (full/half width folded), case folded, with whitespace,
    punctuation, control characters and decorative symbols removed.  '四连板，涨停！' == '四连板,涨停!'."""
    if not text:
        return ""
    folded = unicodedata.normalize("NFKC", text).casefold()
    cps = np.frombuffer(folded.encode("utf-32-le", "surrogatepass"), dtype="<u4")
    return cps[_keep_mask()[cps]].tobytes().decode("utf-32-le", "surrogatepass")


def content_hash(text: Optional[str]) -> str:
    """sha1 (hex) of the normalised text: the exact-duplicate key (independent of encoding and markup)."""
    return hashlib.sha1(normalize_for_hash(text).encode("utf-8")).hexdigest()


_MASK64 = np.uint64(0xFFFFFFFFFFFFFFFF)


def _mix64(x: np.ndarray) -> np.ndarray:
    """splitmix64 finaliser: spreads polynomial hashes over all 64 bits (uint64 arithmetic wraps)."""
    x = x ^ (x >> np.uint64(30))
    x = x * np.uint64(0xBF58476D1CE4E5B9)
    x = x ^ (x >> np.uint64(27))
    x = x * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


def shingles(norm: str, k: int = SHINGLE_SIZE) -> np.ndarray:
    """Sorted unique uint64 hashes of the character k-grams of an already normalised text.

    A text shorter than k gives one shingle (the whole text); an empty text gives none."""
    if not norm:
        return np.empty(0, dtype=np.uint64)
    cps = np.frombuffer(norm.encode("utf-32-le"), dtype="<u4").astype(np.uint64)
    n = cps.size
    if n < k:
        k = n
    h = np.zeros(n - k + 1, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(k):
            h = h * np.uint64(0x100000001B3) + cps[j : n - k + 1 + j] + np.uint64(1)
        h = _mix64(h ^ np.uint64(k))
    return np.unique(h)


@dataclass(frozen=True)
class MinHasher:
    """MinHash with ``num_perm`` multiply-shift hash functions h_i(x) = (a_i x + b_i) >> 32 (a_i odd)."""

    num_perm: int = NUM_PERM
    seed: int = SEED

    def __post_init__(self):
        rng = np.random.default_rng(self.seed)
        a = rng.integers(1, 2**63, size=self.num_perm, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
        b = rng.integers(0, 2**63, size=self.num_perm, dtype=np.uint64)
        object.__setattr__(self, "_a", a)
        object.__setattr__(self, "_b", b)

    def signature(self, shingle_hashes: np.ndarray, chunk: int = 4096) -> np.ndarray:
        """uint32 signature of length num_perm; all 0xFFFFFFFF for an empty shingle set."""
        sig = np.full(self.num_perm, 0xFFFFFFFF, dtype=np.uint64)
        with np.errstate(over="ignore"):
            for start in range(0, shingle_hashes.size, chunk):  # bounded memory on very long texts
                x = shingle_hashes[start : start + chunk, None]
                vals = (x * self._a[None, :] + self._b[None, :]) >> np.uint64(32)
                np.minimum(sig, vals.min(axis=0), out=sig)
        return sig.astype(np.uint32)


_HASHERS: dict = {}


def minhasher(num_perm: int = NUM_PERM, seed: int = SEED) -> MinHasher:
    """Lazy module-level singleton per (num_perm, seed)."""
    key = (num_perm, seed)
    if key not in _HASHERS:
        _HASHERS[key] = MinHasher(num_perm, seed)
    return _HASHERS[key]


def minhash(shingle_hashes: np.ndarray, num_perm: int = NUM_PERM, seed: int = SEED) -> np.ndarray:
    return minhasher(num_perm, seed).signature(shingle_hashes)


def band_keys(signature: np.ndarray, bands: int = BANDS, rows: int = ROWS) -> list[str]:
    """One LSH key per band: 'bb:' + blake2b-64 of the band's rows.  The band index is part of the key so
    equal rows in different bands never collide."""
    if bands * rows > signature.size:
        raise ValueError(f"bands*rows={bands * rows} exceeds signature length {signature.size}")
    sig = np.ascontiguousarray(signature[: bands * rows], dtype="<u4").reshape(bands, rows)
    return [f"{i:02d}:{hashlib.blake2b(sig[i].tobytes(), digest_size=8).hexdigest()}" for i in range(bands)]


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Exact Jaccard of two sorted unique shingle-hash arrays (1.0 for two empty sets)."""
    if a.size == 0 and b.size == 0:
        return 1.0
    inter = np.intersect1d(a, b, assume_unique=True).size
    return inter / (a.size + b.size - inter)


def containment(a: np.ndarray, b: np.ndarray) -> float:
    """|A ∩ B| / min(|A|, |B|): how much of the shorter text is inside the longer one."""
    if a.size == 0 or b.size == 0:
        return 0.0
    inter = np.intersect1d(a, b, assume_unique=True).size
    return inter / min(a.size, b.size)


def estimated_jaccard(sig_a: np.ndarray, sig_b: np.ndarray) -> float:
    """Fraction of equal MinHash rows (used only against the cross-run index, which keeps no text)."""
    return float(np.mean(np.asarray(sig_a) == np.asarray(sig_b)))


@dataclass
class Signature:
    norm: str
    content_hash: str
    shingles: np.ndarray
    minhash: np.ndarray
    band_keys: list


def signature_of(text: Optional[str], k: int = SHINGLE_SIZE, num_perm: int = NUM_PERM, bands: int = BANDS,
                 rows: int = ROWS) -> Signature:
    """Everything dedupe needs about one text, in one call."""
    norm = normalize_for_hash(text)
    sh = shingles(norm, k)
    sig = minhash(sh, num_perm)
    keys = band_keys(sig, bands, rows) if sh.size else []
    return Signature(norm, hashlib.sha1(norm.encode("utf-8")).hexdigest(), sh, sig, keys)
