"""Extract the parametrized cases of Presidio's own recognizer tests as benchmark data.

    .venv/bin/python bench/detect/presidio_suite/extract.py --git-dir DIR [--commit SHA]

DIR is a git directory (bare is fine) of https://github.com/microsoft/presidio. The test modules are
read from the pinned commit with ``git show`` and parsed with the standard library's ``ast``: they are
never imported or executed. Every ``@pytest.mark.parametrize`` row of the selected files becomes one
line of ``cases.jsonl``: the input text, the expected number of results, the expected spans when the
test gives them, and where it came from (``path@sha:line``). A test or row whose shape is not
understood is logged and skipped, never guessed; the log goes to stderr and to ``extraction.json``.

Presidio is Copyright (c) Presidio Contributors, MIT License (see README.md); only test data (texts,
counts, offsets) is extracted, with its origin.
"""

from __future__ import annotations

import argparse
import ast
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

#: Presidio commit the cases come from (main of 2026-07-02; the tests and the generic recognizers are
#: unchanged since the 2.2.363 release tag 5c0ac333534955601f0649cff3e323ca5d5d7345).
PINNED_SHA = "0aa9f8e44275cb52c00fbbebe19168e934e1f076"
REPO = "https://github.com/microsoft/presidio"
TESTS_DIR = "presidio-analyzer/tests"

#: Test files per family (the file's main family; the spaCy file also holds DATE_TIME cases, which are
#: filed under "date" from their own expected entity type).
FILES = {
    "email": "test_email_recognizer.py",
    "phone": "test_phone_recognizer.py",
    "iban": "test_iban_recognizer.py",
    "credit_card": "test_credit_card_recognizer.py",
    "ip": "test_ip_recognizer.py",
    "url": "test_url_recognizer.py",
    "date": "test_date_recognizer.py",
    "person": "test_spacy_recognizer.py",
}

#: Entity type expected by a case -> family.
TYPE_FAMILY = {
    "EMAIL_ADDRESS": "email",
    "PHONE_NUMBER": "phone",
    "IBAN_CODE": "iban",
    "CREDIT_CARD": "credit_card",
    "IP_ADDRESS": "ip",
    "URL": "url",
    "DATE_TIME": "date",
    "PERSON": "person",
}

# Roles of the parametrize argument names met in these files. A name outside these sets makes the
# whole test "not understood": it is skipped and logged.
TEXT_ARGS = {"text", "iban"}
COUNT_ARGS = {"expected_len"}
SPAN_ARGS = {"expected_positions", "expected_res"}
ENTITY_LIST_ARGS = {"entities"}  # per-row list of expected entity types
ENTITY_INDEX_ARGS = {"entity_num"}  # index into the module's ``entities`` fixture
IGNORED_ARGS = {  # assertions on scores and explanations: not benchmarked
    "score",
    "expected_score",
    "expected_scores",
    "expected_score_ranges",
    "expected_textual_explanations",
}
#: Recognizer settings given per row: only rows at the recognizer's default are kept (the expected
#: result of the others holds for a non-default configuration). Value: (source file, class) where
#: the default is read, from the same commit.
CONFIG_ARGS = {
    "leniency": (
        "presidio-analyzer/presidio_analyzer/predefined_recognizers/generic/phone_recognizer.py",
        "PhoneRecognizer",
    ),
}
KNOWN_ARGS = (
    TEXT_ARGS
    | COUNT_ARGS
    | SPAN_ARGS
    | ENTITY_LIST_ARGS
    | ENTITY_INDEX_ARGS
    | IGNORED_ARGS
    | set(CONFIG_ARGS)
)


class Skip(Exception):
    """A test or a row that cannot be read faithfully."""


def git_show(git_dir: str, sha: str, path: str) -> str:
    return subprocess.run(
        ["git", f"--git-dir={git_dir}", "show", f"{sha}:{path}"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def list_test_files(git_dir: str, sha: str) -> list[str]:
    out = subprocess.run(
        ["git", f"--git-dir={git_dir}", "ls-tree", "--name-only", sha, TESTS_DIR + "/"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return [line.rsplit("/", 1)[-1] for line in out.splitlines()]


def literal(node: ast.AST) -> Any:
    """``ast.literal_eval`` plus f-strings without placeholders (``f"fe80::1%eth0/64"``)."""
    if isinstance(node, ast.JoinedStr):
        if all(isinstance(v, ast.Constant) and isinstance(v.value, str) for v in node.values):
            return "".join(v.value for v in node.values)  # type: ignore[attr-defined]
        raise Skip(f"f-string with placeholders: {ast.unparse(node)}")
    if isinstance(node, (ast.Tuple, ast.List)):
        values = [literal(e) for e in node.elts]
        return tuple(values) if isinstance(node, ast.Tuple) else values
    try:
        return ast.literal_eval(node)
    except ValueError as exc:
        raise Skip(f"not a literal: {ast.unparse(node)[:80]}") from exc


def is_call_to(node: ast.AST, dotted: str) -> bool:
    return isinstance(node, ast.Call) and ast.unparse(node.func) == dotted


def fixtures(module: ast.Module) -> dict[str, ast.FunctionDef]:
    found = {}
    for node in module.body:
        if isinstance(node, ast.FunctionDef) and any(
            ast.unparse(d.func if isinstance(d, ast.Call) else d) == "pytest.fixture"
            for d in node.decorator_list
        ):
            found[node.name] = node
    return found


def fixture_return(fixture: ast.FunctionDef) -> ast.expr | None:
    returns = [n for n in fixture.body if isinstance(n, ast.Return)]
    return returns[0].value if len(returns) == 1 else None


def config_default(git_dir: str, sha: str, arg: str) -> Any:
    """The default of ``arg`` in ``Class.__init__``, read from the recognizer's source."""
    path, cls_name = CONFIG_ARGS[arg]
    module = ast.parse(git_show(git_dir, sha, path))
    for node in ast.walk(module):
        if isinstance(node, ast.ClassDef) and node.name == cls_name:
            for item in node.body:
                if isinstance(item, ast.FunctionDef) and item.name == "__init__":
                    args = item.args
                    positional = args.posonlyargs + args.args
                    for a, d in zip(
                        positional[len(positional) - len(args.defaults) :], args.defaults, strict=True
                    ):
                        if a.arg == arg:
                            return ast.literal_eval(d)
                    for a, kw_default in zip(args.kwonlyargs, args.kw_defaults, strict=True):
                        if a.arg == arg and kw_default is not None:
                            return ast.literal_eval(kw_default)
    raise SystemExit(f"default of {arg} not found in {path}:{cls_name}.__init__")


def parametrize_rows(decorator: ast.Call, module: ast.Module) -> tuple[list[str], list[ast.expr]]:
    if len(decorator.args) < 2:
        raise Skip("parametrize without positional argnames/argvalues")
    names_node, values_node = decorator.args[0], decorator.args[1]
    names = literal(names_node)
    if isinstance(names, str):
        names = [n.strip() for n in names.split(",") if n.strip()]
    elif not (isinstance(names, (list, tuple)) and all(isinstance(n, str) for n in names)):
        raise Skip(f"argnames not understood: {ast.unparse(names_node)[:80]}")
    if isinstance(values_node, ast.Name):  # a module-level constant list
        assigned = [
            n.value
            for n in module.body
            if isinstance(n, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == values_node.id for t in n.targets)
        ]
        if len(assigned) != 1:
            raise Skip(f"argvalues name {values_node.id} not resolved")
        values_node = assigned[0]
    if not isinstance(values_node, (ast.List, ast.Tuple)):
        raise Skip(f"argvalues not a literal list: {ast.unparse(values_node)[:80]}")
    return list(names), list(values_node.elts)


def row_values(row: ast.expr, n_names: int) -> list[ast.expr]:
    if isinstance(row, ast.Call) and is_call_to(row, "pytest.param"):
        for kw in row.keywords:
            if kw.arg == "marks":
                raise Skip(f"pytest.param with marks: {ast.unparse(kw.value)[:60]}")
        elts = list(row.args)
    elif isinstance(row, ast.Tuple):
        elts = list(row.elts)
    elif n_names == 1:
        elts = [row]
    else:
        raise Skip(f"row is not a tuple: {ast.unparse(row)[:60]}")
    if len(elts) != n_names:
        raise Skip(f"row has {len(elts)} values for {n_names} argnames")
    return elts


def spans_of(value: Any, text: str) -> list[list[int]]:
    if not isinstance(value, (list, tuple)):
        raise Skip(f"positions not a sequence: {value!r}")
    spans = []
    for pos in value:
        if not (isinstance(pos, (list, tuple)) and len(pos) == 2 and all(isinstance(p, int) for p in pos)):
            raise Skip(f"position not a (start, end) pair: {pos!r}")
        start, end = pos
        if not 0 <= start < end <= len(text):
            raise Skip(f"position {pos!r} outside the text (length {len(text)})")
        spans.append([start, end])
    return spans


def extract_file(
    git_dir: str, sha: str, filename: str, defaults: dict[str, Any], log: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    path = f"{TESTS_DIR}/{filename}"
    module = ast.parse(git_show(git_dir, sha, path))
    fixture_defs = fixtures(module)
    fixture_entities = None
    if "entities" in fixture_defs:
        ret = fixture_return(fixture_defs["entities"])
        fixture_entities = literal(ret) if ret is not None else None
    cases: list[dict[str, Any]] = []

    def skip(line: int, test: str, reason: str, rows: int = 1) -> None:
        entry = {"origin": f"{path}@{sha}:{line}", "test": test, "rows": rows, "reason": reason}
        log.append(entry)
        print(f"skipped {rows} row(s): {entry['origin']} {test}: {reason}", file=sys.stderr)

    for func in ast.walk(module):
        if not isinstance(func, ast.FunctionDef):
            continue
        decorators = [
            d
            for d in func.decorator_list
            if isinstance(d, ast.Call) and is_call_to(d, "pytest.mark.parametrize")
        ]
        if not decorators:
            continue
        if len(decorators) > 1:
            skip(func.lineno, func.name, "several parametrize decorators (cartesian product)")
            continue
        decorator = decorators[0]
        try:
            names, rows = parametrize_rows(decorator, module)
            unknown = [n for n in names if n not in KNOWN_ARGS]
            if unknown:
                raise Skip(f"parametrize arguments not understood: {unknown}")
            text_args = [n for n in names if n in TEXT_ARGS]
            count_args = [n for n in names if n in COUNT_ARGS]
            if len(text_args) != 1 or len(count_args) != 1:
                raise Skip(f"needs one text and one count argument, has {names}")
        except Skip as exc:
            values_node = decorator.args[1] if len(decorator.args) > 1 else None
            n_rows = len(values_node.elts) if isinstance(values_node, (ast.List, ast.Tuple)) else 1
            skip(func.lineno, func.name, str(exc), n_rows)
            continue
        # A module fixture the test uses that builds its recognizer with arguments: noted on the case.
        config = [
            f"{p.arg}: {ast.unparse(ret)}"
            for p in func.args.args
            if p.arg in fixture_defs
            and p.arg != "entities"
            and isinstance(ret := fixture_return(fixture_defs[p.arg]), ast.Call)
            and (ret.args or ret.keywords)
        ]
        for row in rows:
            try:
                values = dict(zip(names, (literal(v) for v in row_values(row, len(names))), strict=True))
                text = values[text_args[0]]
                count = values[count_args[0]]
                if not isinstance(text, str):
                    raise Skip(f"input is not text: {type(text).__name__}")
                if not (isinstance(count, int) and count >= 0):
                    raise Skip(f"expected count not a non-negative int: {count!r}")
                for arg in names:
                    if arg in CONFIG_ARGS and values[arg] != defaults[arg]:
                        raise Skip(
                            f"non-default recognizer configuration {arg}={values[arg]!r} "
                            f"(default {defaults[arg]!r})"
                        )
                span_args = [n for n in names if n in SPAN_ARGS]
                spans = spans_of(values[span_args[0]], text) if span_args else []
                if len(spans) > count:
                    raise Skip(f"{len(spans)} positions for {count} expected results")
                entity_list = [values[n] for n in names if n in ENTITY_LIST_ARGS]
                entity_index = [values[n] for n in names if n in ENTITY_INDEX_ARGS]
                if entity_list:
                    types = set(entity_list[0])
                    if len(types) != 1:
                        raise Skip(f"row expects entity types {sorted(types)}: one expected")
                    entity_type = types.pop()
                elif entity_index:
                    if not isinstance(fixture_entities, list):
                        raise Skip("entity_num without a literal `entities` fixture")
                    entity_type = fixture_entities[entity_index[0]]
                elif isinstance(fixture_entities, list) and len(fixture_entities) == 1:
                    entity_type = fixture_entities[0]
                else:
                    raise Skip("expected entity type not determined")
                if entity_type not in TYPE_FAMILY:
                    raise Skip(f"entity type {entity_type} outside the benchmarked families")
            except Skip as exc:
                skip(row.lineno, func.name, str(exc))
                continue
            case = {
                "family": TYPE_FAMILY[entity_type],
                "origin": f"{path}@{sha}:{row.lineno}",
                "text": text,
                "expected_count": count,
                # [] for a negative case; null when the test checks the count but gives no offsets
                "expected_spans": spans if (spans or count == 0) else None,
                "negative": count == 0,
                "entity_type": entity_type,
                "test": func.name,
            }
            if config:
                case["recognizer_config"] = "; ".join(config)
            cases.append(case)
    return cases


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--git-dir", required=True, help="git directory of microsoft/presidio")
    parser.add_argument("--commit", default=PINNED_SHA, help="full sha (default: the pinned one)")
    here = Path(__file__).resolve().parent
    parser.add_argument("--out", type=Path, default=here / "cases.jsonl")
    parser.add_argument("--log", type=Path, default=here / "extraction.json")
    args = parser.parse_args()
    sha = subprocess.run(
        ["git", f"--git-dir={args.git_dir}", "rev-parse", "--verify", f"{args.commit}^{{commit}}"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()

    available = set(list_test_files(args.git_dir, sha))
    missing = [f for f in FILES.values() if f not in available]
    if missing:
        raise SystemExit(f"not in {TESTS_DIR} at {sha}: {missing}")
    defaults = {arg: config_default(args.git_dir, sha, arg) for arg in CONFIG_ARGS}
    log: list[dict[str, Any]] = []
    cases = []
    for filename in FILES.values():
        cases += extract_file(args.git_dir, sha, filename, defaults, log)

    header = {
        "_about": "Test cases extracted as data from Presidio's recognizer tests; one JSON object per "
        "line after this one. Not Presidio code. See README.md.",
        "source": REPO,
        "commit": sha,
        "files": [f"{TESTS_DIR}/{f}" for f in FILES.values()],
        "copyright": "Copyright (c) Presidio Contributors.",
        "license": "MIT License (full text in README.md)",
    }
    with args.out.open("w", encoding="utf-8") as fh:
        fh.write(json.dumps(header, ensure_ascii=False) + "\n")
        for case in cases:
            fh.write(json.dumps(case, ensure_ascii=False) + "\n")

    per_family = {
        fam: {
            "cases": sum(1 for c in cases if c["family"] == fam),
            "positives": sum(1 for c in cases if c["family"] == fam and not c["negative"]),
            "negatives": sum(1 for c in cases if c["family"] == fam and c["negative"]),
        }
        for fam in FILES
    }
    dupes = Counter((c["family"], c["text"], c["expected_count"]) for c in cases)
    summary = {
        "source": REPO,
        "commit": sha,
        "files": [f"{TESTS_DIR}/{f}" for f in FILES.values()],
        "config_defaults": defaults,
        "cases": len(cases),
        "per_family": per_family,
        "repeated_rows": sum(n - 1 for n in dupes.values() if n > 1),
        "skipped_rows": sum(e["rows"] for e in log),
        "skipped": log,
    }
    args.log.write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n")
    print(f"{len(cases)} cases from {sha} -> {args.out}; {summary['skipped_rows']} row(s) skipped")
    for fam, c in per_family.items():
        print(f"  {fam:12} {c['cases']:4} cases ({c['positives']} positive, {c['negatives']} negative)")


if __name__ == "__main__":
    main()
