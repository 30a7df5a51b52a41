"""One input line of ``crm-privacy detect``: decoded, parsed and checked, or the reason it cannot be.

Problems are answers, not exceptions: a bad line gets ``{"id": ..., "line": N, "error": "..."}`` and
the others their entities. Messages name the line and the problem (a byte or character position at
most), never the content, which may be personal data.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any

from crm_privacy.detect.entities import Span
from crm_privacy.detect.unicode import first_surrogate

NULL = "null"
_BOM = "\ufeff"


@dataclass(frozen=True)
class TooLong:
    """Stands for a line longer than the cap: it was skipped, not read into memory."""

    limit: int
    unit: str  # "bytes", or "characters" when reading a text stream


@dataclass(frozen=True)
class Record:
    """A valid line: its id already serialised (echoed as is), and its text."""

    line_no: int
    id_json: str
    text: str | None


@dataclass(frozen=True)
class LineError:
    """A line that gets an error answer; ``id_json`` is ``null`` when the id could not be read."""

    line_no: int
    id_json: str
    problem: str


Outcome = Record | LineError


def parse_line(line_no: int, raw: bytes | str | TooLong) -> Outcome | None:
    """The record on one input line, the error to answer, or None for a blank line."""
    if isinstance(raw, TooLong):
        return LineError(line_no, NULL, f"longer than {raw.limit} {raw.unit}, not read")
    line = _decode(line_no, raw)
    if isinstance(line, LineError):
        return line
    if not line.strip():
        return None
    try:
        obj = json.loads(line, parse_constant=_refuse_constant, parse_float=_finite_float)
    except NotFinite:
        return LineError(line_no, NULL, "not valid JSON (NaN or an infinite number)")
    except json.JSONDecodeError as exc:
        return LineError(line_no, NULL, f"not valid JSON ({exc.msg}, column {exc.colno})")
    except RecursionError:
        return LineError(line_no, NULL, "not valid JSON here: nested too deeply")
    except ValueError:  # e.g. an integer of more than 4,300 digits
        return LineError(line_no, NULL, "not valid JSON here: a value cannot be read")
    if not isinstance(obj, dict) or "id" not in obj or "text" not in obj:
        id_json = _id_json(obj["id"]) if isinstance(obj, dict) and "id" in obj else None
        return LineError(line_no, id_json or NULL, 'expected a JSON object with "id" and "text"')
    return _record(line_no, obj)


class NotFinite(ValueError):
    """NaN, Infinity, -Infinity or a number too large for a float: not JSON, and not echoable as JSON."""


def _refuse_constant(name: str) -> Any:
    raise NotFinite(name)


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):  # 1e999
        raise NotFinite(text[:20])
    return value


def _decode(line_no: int, raw: bytes | str) -> str | LineError:
    if isinstance(raw, bytes):
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            return LineError(line_no, NULL, f"not valid UTF-8 (byte {exc.start + 1} of the line)")
    else:
        line = raw
        bad = first_surrogate(line)  # a byte that the text stream could not decode
        if bad is not None:
            return LineError(line_no, NULL, f"not valid UTF-8 (character {bad + 1} of the line)")
    return line[1:] if line_no == 1 and line.startswith(_BOM) else line


def _record(line_no: int, obj: dict[str, Any]) -> Outcome:
    id_json = _id_json(obj["id"])
    if id_json is None:
        return LineError(line_no, NULL, '"id" cannot be echoed (a lone surrogate, or nested too deeply)')
    text = obj["text"]
    if text is not None and not isinstance(text, str):
        return LineError(line_no, id_json, f'"text" must be a string or null, not {type(text).__name__}')
    if text:
        bad = first_surrogate(text)
        if bad is not None:
            return LineError(
                line_no, id_json, f'"text" holds a lone surrogate at index {bad}, not valid Unicode'
            )
    return Record(line_no, id_json, text)


def _id_json(value: Any) -> str | None:
    """The id as it will be echoed, or None when it cannot be written as UTF-8 JSON."""
    try:
        encoded = json.dumps(value, ensure_ascii=False, allow_nan=False)
    except (RecursionError, ValueError):
        return None
    return None if first_surrogate(encoded) is not None else encoded


def answer_line(record: Record, spans: list[Span]) -> str:
    """``{"id": ..., "entities": [{"type", "start", "end", "score"}]}``."""
    entities = [
        {"type": s.entity_type, "start": s.start, "end": s.end, "score": round(s.score, 2)} for s in spans
    ]
    return f'{{"id": {record.id_json}, "entities": {json.dumps(entities, allow_nan=False)}}}'


def error_line(error: LineError) -> str:
    """``{"id": ... or null, "line": N, "error": "..."}``."""
    return f'{{"id": {error.id_json}, "line": {error.line_no}, "error": {json.dumps(error.problem, allow_nan=False)}}}'
