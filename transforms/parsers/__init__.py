"""One parser per input format.  Each turns decoded text into `RawRecord`s (or raises RecordRejected)."""
