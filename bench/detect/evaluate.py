"""Recall, precision and leaked PII characters of predicted spans against a labelled corpus.

Matching criterion (lenient on boundaries, strict on type): a gold span is *found* when a predicted
span of the same type overlaps it by at least one character; a predicted span is *correct* when it
overlaps a gold span of the same type. Leaked characters are the letters and digits of gold spans
that no predicted span covers, whatever its type: what a scrub would leave in clear (the space
between a first and a last name replaced apart, or the dashes of an address, reveal nothing and
are not counted, for any engine).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from bench.detect.corpus.markup import GoldSpan, LabelledText
from crm_privacy.detect.entities import Span


@dataclass
class Scores:
    """Counts per entity type; ratios are computed from them."""

    found: Counter[str] = field(default_factory=Counter)  # gold spans found
    gold: Counter[str] = field(default_factory=Counter)
    correct: Counter[str] = field(default_factory=Counter)  # predicted spans that hit a gold span
    predicted: Counter[str] = field(default_factory=Counter)
    pii_chars: int = 0
    leaked_chars: int = 0

    def recall(self, entity_type: str | None = None) -> float:
        found = self.found[entity_type] if entity_type else sum(self.found.values())
        gold = self.gold[entity_type] if entity_type else sum(self.gold.values())
        return found / gold if gold else 1.0

    def precision(self, entity_type: str | None = None) -> float:
        correct = self.correct[entity_type] if entity_type else sum(self.correct.values())
        predicted = self.predicted[entity_type] if entity_type else sum(self.predicted.values())
        return correct / predicted if predicted else 1.0

    @property
    def leaked_share(self) -> float:
        return self.leaked_chars / self.pii_chars if self.pii_chars else 0.0

    def to_dict(self) -> dict[str, Any]:
        types = sorted(set(self.gold) | set(self.predicted))
        return {
            "recall": round(self.recall(), 4),
            "precision": round(self.precision(), 4),
            "leaked_pii_chars_share": round(self.leaked_share, 4),
            "per_type": {
                t: {
                    "gold": self.gold[t],
                    "recall": round(self.recall(t), 4),
                    "predicted": self.predicted[t],
                    "precision": round(self.precision(t), 4),
                }
                for t in types
            },
        }


def _overlaps(a: GoldSpan | Span, b: GoldSpan | Span) -> bool:
    return a.start < b.end and b.start < a.end


def score(corpus: Sequence[LabelledText], predictions: Iterable[Sequence[Span]]) -> Scores:
    """Compare predictions (one list per text, same order as ``corpus``) with the gold spans."""
    result = Scores()
    for note, predicted in zip(corpus, predictions, strict=True):
        for gold in note.spans:
            result.gold[gold.entity_type] += 1
            same_type = [p for p in predicted if p.entity_type == gold.entity_type]
            if any(_overlaps(gold, p) for p in same_type):
                result.found[gold.entity_type] += 1
            covered = {i for p in predicted for i in range(max(p.start, gold.start), min(p.end, gold.end))}
            personal = [i for i in range(gold.start, gold.end) if note.text[i].isalnum()]
            result.pii_chars += len(personal)
            result.leaked_chars += sum(1 for i in personal if i not in covered)
        for p in predicted:
            result.predicted[p.entity_type] += 1
            if any(_overlaps(g, p) for g in note.spans if g.entity_type == p.entity_type):
                result.correct[p.entity_type] += 1
    return result
