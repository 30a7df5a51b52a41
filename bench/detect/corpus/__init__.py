"""A labelled French CRM-notes corpus (seeded generator + hand-written hard cases) and its markup."""

from __future__ import annotations

from bench.detect.corpus.generate import benchmark_corpus, generate_corpus, hard_cases
from bench.detect.corpus.markup import GoldSpan, LabelledText, parse_markup

__all__ = ["GoldSpan", "LabelledText", "benchmark_corpus", "generate_corpus", "hard_cases", "parse_markup"]
