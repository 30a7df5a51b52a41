"""JSON lines in, JSON lines out: the streaming contract behind ``crm-privacy detect``.

Input lines are read by a thread into a bounded queue; the main loop takes what has arrived (up to a
batch, or whatever came within a few milliseconds) so that a producer waiting for answers is served
promptly and a large file is processed in full batches. Output is flushed after every batch.
"""

from __future__ import annotations

import json
import queue
import threading
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

from crm_privacy.detect.entities import Span
from crm_privacy.detect.errors import MalformedInput
from crm_privacy.detect.nlp import DEFAULT_MODEL

BATCH_SIZE = 64
LINGER_SECONDS = 0.05
_EOF = None


@dataclass(frozen=True)
class Record:
    line_no: int
    id: Any
    text: str | None


def parse_line(line_no: int, raw: str) -> Record | None:
    """The record on one input line; None for a blank line. Errors name the line, never its content."""
    if not raw.strip():
        return None
    try:
        obj = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise MalformedInput(f"line {line_no}: not valid JSON ({exc.msg}, column {exc.colno})") from None
    if not isinstance(obj, dict) or "id" not in obj or "text" not in obj:
        raise MalformedInput(f'line {line_no}: expected a JSON object with "id" and "text"')
    text = obj["text"]
    if text is not None and not isinstance(text, str):
        raise MalformedInput(f'line {line_no}: "text" must be a string or null, not {type(text).__name__}')
    return Record(line_no, obj["id"], text)


def output_line(record_id: Any, spans: list[Span]) -> str:
    entities = [
        {"type": s.entity_type, "start": s.start, "end": s.end, "score": round(s.score, 2)} for s in spans
    ]
    return json.dumps({"id": record_id, "entities": entities}, ensure_ascii=False)


def detect_stream(
    source: IO[str], sink: IO[str], *, model: str = DEFAULT_MODEL, batch_size: int = BATCH_SIZE
) -> None:
    """Answer every input line in order; raise MalformedInput after answering the lines before a bad one."""
    from crm_privacy.detect.scan import scan_batches

    pending: deque[list[Record]] = deque()
    failure: list[MalformedInput] = []

    def batches() -> Iterator[list[str | None]]:
        for lines in _arrivals(source, batch_size):
            records: list[Record] = []
            for line_no, raw in lines:
                try:
                    record = parse_line(line_no, raw)
                except MalformedInput as exc:
                    failure.append(exc)
                    break
                if record is not None:
                    records.append(record)
            if records:
                pending.append(records)
                yield [r.text for r in records]
            if failure:
                return

    for results in scan_batches(batches(), model=model):
        for record, spans in zip(pending.popleft(), results, strict=True):
            sink.write(output_line(record.id, spans) + "\n")
        sink.flush()
    if failure:
        raise failure[0]


def _arrivals(source: IO[str], batch_size: int) -> Iterator[list[tuple[int, str]]]:
    """Numbered lines, grouped by what arrived together (at most ``batch_size``)."""
    lines: queue.Queue[tuple[int, str] | None] = queue.Queue(maxsize=batch_size * 4)
    stop = threading.Event()

    def read() -> None:
        for line_no, raw in enumerate(source, start=1):
            while not stop.is_set():
                try:
                    lines.put((line_no, raw), timeout=0.1)
                    break
                except queue.Full:
                    continue
            if stop.is_set():
                return
        lines.put(_EOF)

    reader = threading.Thread(target=read, name="detect-stdin", daemon=True)
    reader.start()
    try:
        while True:
            item = lines.get()
            if item is _EOF:
                return
            group = [item]
            while len(group) < batch_size:
                try:
                    item = lines.get(timeout=LINGER_SECONDS)
                except queue.Empty:
                    break
                if item is _EOF:
                    yield group
                    return
                group.append(item)
            yield group
    finally:
        stop.set()
