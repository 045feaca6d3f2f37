"""Per-document resource limits shared by the stages (defaults; the CLI exposes them as options)."""
from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    max_file_bytes: int = 64 * 1024 * 1024     # one raw input file (after gunzip)
    max_record_bytes: int = 8 * 1024 * 1024    # one record's body (HTML or text), UTF-8 bytes
    max_decoded_chars: int = 20_000_000        # one decoded file
    max_replacement_ratio: float = 0.01        # share of U+FFFD / C1 controls tolerated after decoding


DEFAULT_LIMITS = Limits()
