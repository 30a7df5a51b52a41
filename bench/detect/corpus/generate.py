"""The seeded, labelled corpus of French CRM notes used by the quality gate and the benchmark."""

from __future__ import annotations

import random
from string import Formatter

from faker import Faker

from bench.detect.corpus.hard_cases import HARD_CASES
from bench.detect.corpus.markup import LabelledText, parse_markup
from bench.detect.corpus.templates import TEMPLATES
from bench.detect.corpus.values import Values

#: Share of generated notes typed all in lower case, and all in upper case (real CRMs have both).
LOWER_SHARE, UPPER_SHARE = 0.08, 0.06


class _Slots(dict[str, str]):
    def __init__(self, values: Values) -> None:
        super().__init__()
        self.maker = values

    def __missing__(self, key: str) -> str:
        value: str = getattr(self.maker, key)()
        self[key] = value
        return value


def render(template: str, values: Values) -> LabelledText:
    """Fill one template and return the text with exact span offsets."""
    return parse_markup(Formatter().vformat(template, (), _Slots(values)))


def generate_corpus(n: int, seed: int = 0) -> list[LabelledText]:
    """``n`` notes from the templates (round robin, so every template is used), seeded."""
    rng = random.Random(seed)
    fake = Faker("fr_FR")
    fake.seed_instance(seed)
    notes = []
    for i in range(n):
        note = render(TEMPLATES[i % len(TEMPLATES)], Values(fake, rng))
        r = rng.random()
        if r < LOWER_SHARE:
            note = note.recased("lower")
        elif r < LOWER_SHARE + UPPER_SHARE:
            note = note.recased("upper")
        notes.append(note)
    return notes


def hard_cases() -> list[LabelledText]:
    """The hand-written hard cases and negatives (look-alikes), parsed."""
    return [parse_markup(line) for line in HARD_CASES]


def benchmark_corpus(n: int, seed: int = 0) -> list[LabelledText]:
    """Generated notes plus every hard case: what the quality gate and the benchmark measure."""
    return generate_corpus(n, seed) + hard_cases()
