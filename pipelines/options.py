"""newsbeam's pipeline options (a PipelineOptions subclass: they travel with the job to every runner)."""
from __future__ import annotations

from apache_beam.options.pipeline_options import PipelineOptions

from transforms.limits import DEFAULT_LIMITS, Limits


class NewsbeamOptions(PipelineOptions):
    @classmethod
    def _add_argparse_args(cls, parser):
        g = parser.add_argument_group("newsbeam")
        g.add_argument("--input", action="append", default=None, metavar="GLOB",
                       help="input file pattern (local path or gs://...; repeat for several). Formats are detected "
                            "from content: markdown+YAML, plain text, HTML, JSON lines, RSS/Atom, SogouCS <doc>, any of them .gz")
        g.add_argument("--output", default=None, metavar="DIR",
                       help="output folder: articles/, duplicates/, rejects/, _runs/, _dedupe_index/ are written below it")
        g.add_argument("--timezone", default="Asia/Shanghai",
                       help="IANA timezone that decides an article's calendar date (default: %(default)s)")
        g.add_argument("--dedupe_index", default=None, metavar="DIR",
                       help="cross-run dedupe index (default: OUTPUT/_dedupe_index); 'none' disables dedupe across runs")
        g.add_argument("--repeated_line_max_docs", type=int, default=None,
                       help="drop a line that occurs in more than this many documents of the same source (cross-document boilerplate)")
        g.add_argument("--repeated_line_min_chars", type=int, default=None,
                       help="lines shorter than this are never dropped as cross-document boilerplate")
        g.add_argument("--max_file_bytes", type=int, default=DEFAULT_LIMITS.max_file_bytes,
                       help="reject an input file larger than this, after gunzip (default: %(default)s)")
        g.add_argument("--max_record_bytes", type=int, default=DEFAULT_LIMITS.max_record_bytes,
                       help="reject a record whose body is larger than this (default: %(default)s)")
        g.add_argument("--max_decoded_chars", type=int, default=DEFAULT_LIMITS.max_decoded_chars,
                       help="reject a file whose decoded text is longer than this (default: %(default)s)")
        g.add_argument("--max_replacement_ratio", type=float, default=DEFAULT_LIMITS.max_replacement_ratio,
                       help="reject text with a larger share of replacement characters after decoding (default: %(default)s)")
        g.add_argument("--time_per_doc", type=float, default=10.0,
                       help="seconds of main-text extraction allowed per document before it is rejected (default: %(default)s)")
        g.add_argument("--chunk_mb", type=float, default=256.0,
                       help="DirectRunner: process the input in runs of at most this many MB, one after the other, so "
                            "memory stays flat on large archives (dedupe across runs goes through the dedupe index); "
                            "0 = one run (default: %(default)s)")
        g.add_argument("--run_id", default=None,
                       help="name of this run in _runs/ and in the side outputs (default: UTC timestamp + random suffix)")
        s = parser.add_argument_group("newsbeam streaming (newsbeam stream / --streaming)")
        s.add_argument("--input_subscription", default=None, metavar="projects/P/subscriptions/S",
                       help="Pub/Sub subscription to read feed messages from (one JSON feed message per message)")
        s.add_argument("--input_topic", default=None, metavar="projects/P/topics/T",
                       help="Pub/Sub topic to read from (Beam creates a temporary subscription)")
        s.add_argument("--window_minutes", type=float, default=10.0,
                       help="fixed window size of the streaming writes, in minutes (default: %(default)s)")
        s.add_argument("--allowed_lateness_minutes", type=float, default=60.0,
                       help="late messages within this bound still land in a late pane of their window (default: %(default)s)")
        s.add_argument("--dedupe_ttl_hours", type=float, default=72.0,
                       help="how long streaming dedupe remembers a story (default: %(default)s)")

    def limits(self) -> Limits:
        return Limits(max_file_bytes=self.max_file_bytes, max_record_bytes=self.max_record_bytes,
                      max_decoded_chars=self.max_decoded_chars, max_replacement_ratio=self.max_replacement_ratio)

    def validate_newsbeam(self) -> None:
        """Clear errors for missing required options (Beam's own validation does not know ours)."""
        missing = [name for name in ("input", "output") if not getattr(self, name)]
        if missing:
            raise ValueError("missing required option(s): " + ", ".join(f"--{m}" for m in missing))

    def validate_streaming(self) -> None:
        """Streaming reads Pub/Sub instead of --input: exactly one source, an output, sane windows."""
        if not self.output:
            raise ValueError("missing required option: --output")
        if bool(self.input_subscription) == bool(self.input_topic):
            raise ValueError("give exactly one of --input_subscription or --input_topic")
        if self.window_minutes <= 0 or self.allowed_lateness_minutes < 0 or self.dedupe_ttl_hours <= 0:
            raise ValueError("--window_minutes and --dedupe_ttl_hours must be > 0, --allowed_lateness_minutes >= 0")
