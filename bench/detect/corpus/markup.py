"""Labelled texts and the ``[value](TYPE)`` markup the corpus is written in."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

_MARK = re.compile(r"\[([^\[\]]+)\]\(([A-Z_]+)\)")


@dataclass(frozen=True)
class GoldSpan:
    """A labelled entity: character offsets into the text (end exclusive)."""

    entity_type: str
    start: int
    end: int


@dataclass(frozen=True)
class LabelledText:
    """A text with the exact offsets of every PII span it contains (none for a negative)."""

    text: str
    spans: tuple[GoldSpan, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "spans": [[s.entity_type, s.start, s.end] for s in self.spans]}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LabelledText:
        return cls(data["text"], tuple(GoldSpan(t, int(s), int(e)) for t, s, e in data["spans"]))

    def recased(self, how: str) -> LabelledText:
        """The same text in ``lower`` or ``upper`` case (kept only if no offset moves)."""
        text = self.text.lower() if how == "lower" else self.text.upper()
        return LabelledText(text, self.spans) if len(text) == len(self.text) else self


def parse_markup(marked: str) -> LabelledText:
    """``"Mme [Claire Dupont](PERSON)"`` -> text ``"Mme Claire Dupont"`` with a PERSON span 4..17."""
    parts: list[str] = []
    spans: list[GoldSpan] = []
    pos = 0
    length = 0
    for match in _MARK.finditer(marked):
        before = marked[pos : match.start()]
        parts.append(before)
        length += len(before)
        value = match.group(1)
        spans.append(GoldSpan(match.group(2), length, length + len(value)))
        parts.append(value)
        length += len(value)
        pos = match.end()
    parts.append(marked[pos:])
    return LabelledText("".join(parts), tuple(spans))


def mark(value: str, entity_type: str) -> str:
    return f"[{value}]({entity_type})"
