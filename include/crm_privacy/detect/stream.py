"""JSON lines in, JSON lines out: the streaming contract behind ``crm-privacy detect``.

Input lines are read by a thread (``detect.reader``); the main loop takes what has arrived (up to a
batch, or whatever came within a few milliseconds) so that a producer waiting for answers is served
promptly and a large file is processed in full batches. Every non-blank line gets one answer, in
input order: its entities, or an error naming the line and the problem (``detect.lines``). Output is
flushed after every batch.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

from crm_privacy.detect.lines import LineError, Outcome, Record, answer_line, error_line, parse_line
from crm_privacy.detect.nlp import DEFAULT_MODEL
from crm_privacy.detect.reader import MAX_LINE_BYTES, arrivals

BATCH_SIZE = 64
DETECTION_FAILED = "detection failed on this text (internal error)"


@dataclass
class Summary:
    """How many lines were answered, how many of them with an error, and the first such line."""

    lines: int = 0
    failed: int = 0
    first_failed: int | None = None

    def count(self, outcome: Outcome) -> None:
        self.lines += 1
        if isinstance(outcome, LineError):
            self.failed += 1
            if self.first_failed is None:
                self.first_failed = outcome.line_no


def detect_stream(
    source: IO[Any],
    sink: IO[str],
    *,
    model: str = DEFAULT_MODEL,
    batch_size: int = BATCH_SIZE,
    max_line: int = MAX_LINE_BYTES,
) -> Summary:
    """Answer every non-blank line of ``source`` (bytes, or str for a text stream) on ``sink``, in order.

    Raises only before reading (``ModelUnavailable``) or when reading ``source`` itself fails (after
    answering the lines read before).
    """
    from crm_privacy.detect.engine import get_engine
    from crm_privacy.detect.scan import scan_batches_isolated

    get_engine(model)  # a missing model is a configuration error: raise it before any answer
    pending: deque[list[Outcome]] = deque()
    summary = Summary()

    def batches() -> Iterator[list[str | None]]:
        for group in arrivals(source, batch_size, max_line=max_line):
            outcomes = [o for line_no, raw in group if (o := parse_line(line_no, raw)) is not None]
            del group
            pending.append(outcomes)
            yield [o.text for o in outcomes if isinstance(o, Record)]

    for results in scan_batches_isolated(batches(), model=model):
        spans_of = iter(results)
        for outcome in pending.popleft():
            if isinstance(outcome, Record):
                spans = next(spans_of)
                if spans is None:
                    outcome = LineError(outcome.line_no, outcome.id_json, DETECTION_FAILED)
                    sink.write(error_line(outcome) + "\n")
                else:
                    sink.write(answer_line(outcome, spans) + "\n")
            else:
                sink.write(error_line(outcome) + "\n")
            summary.count(outcome)
        sink.flush()
    return summary
