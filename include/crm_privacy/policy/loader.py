"""Load a policy file: YAML -> validated ``Policy``, with errors that name the file, key and line."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from crm_privacy.errors import PolicyError
from crm_privacy.policy.model import Policy


@dataclass(frozen=True)
class LoadedPolicy:
    policy: Policy
    path: Path
    sha256: str


MAX_BYTES = 4 * 1024 * 1024  # a register of processing is a few kB; beyond this it is not a policy
MAX_VALUES = 100_000  # values once aliases are expanded (the demo policy has about 400)
MAX_DEPTH = 32  # nesting levels (the demo policy uses 7)


def load_policy(path: str | Path) -> LoadedPolicy:
    """Read and validate ``path``. Raises ``PolicyError`` listing every problem found."""
    path = Path(path)
    raw = _read(path)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise PolicyError(f"{path}: not a UTF-8 text file (byte {exc.start + 1}, line {line})") from None
    try:
        data = yaml.safe_load(text)
        root = yaml.compose(text)
    except yaml.YAMLError as exc:
        raise PolicyError(f"{path}: {_yaml_problem(exc)}") from None
    except RecursionError:
        raise PolicyError(f"{path}: values nested too deeply (more than {MAX_DEPTH} levels)") from None
    if data is None:
        raise PolicyError(f"{path}: the file is empty (no policy in it)")
    if not isinstance(data, dict):
        raise PolicyError(f"{path}: expected a mapping at the top level, got {type(data).__name__}")
    problem = _shape_problem(data)
    if problem:
        raise PolicyError(f"{path}: {problem}")
    try:
        policy = Policy.model_validate(data)
    except ValidationError as exc:
        raise PolicyError(_format_errors(path, exc, root)) from None
    return LoadedPolicy(policy=policy, path=path, sha256=hashlib.sha256(raw).hexdigest())


def _read(path: Path) -> bytes:
    """The file's bytes; a directory, a device or a file beyond MAX_BYTES is refused unread."""
    try:
        with path.open("rb") as stream:
            raw = stream.read(MAX_BYTES + 1)
    except OSError as exc:
        raise PolicyError(f"{path}: cannot read policy file ({exc.strerror})") from None
    if len(raw) > MAX_BYTES:
        raise PolicyError(f"{path}: file too large for a policy (more than {MAX_BYTES // 1024 // 1024} MiB)")
    return raw


def _yaml_problem(exc: yaml.YAMLError) -> str:
    """``line N: what is wrong`` from PyYAML's error (its context says which anchor, key...)."""
    mark = getattr(exc, "problem_mark", None)
    parts = [f"line {mark.line + 1}"] if mark is not None else []
    context, problem = getattr(exc, "context", None), getattr(exc, "problem", None)
    parts += [p for p in (context, problem) if p] or ["invalid YAML"]
    return ": ".join(parts)


def _shape_problem(data: Any) -> str | None:
    """What YAML aliases can build and validation cannot digest: a value that contains itself (it
    would recurse forever), or aliases of aliases expanding to millions of values."""
    sizes: dict[int, int] = {}  # expanded size of each list/mapping already measured (shared aliases)
    open_: set[int] = set()  # the lists/mappings on the path being walked

    def size(value: Any, where: tuple[str, ...]) -> int:
        if not isinstance(value, dict | list):
            return 1
        key = id(value)
        if key in open_:
            raise _Shape(
                f"{'.'.join(where) or '(top level)'}: this value contains itself through a YAML alias (recursive alias)"
            )
        if key in sizes:
            return sizes[key]
        if len(where) > MAX_DEPTH:
            raise _Shape(f"{'.'.join(where)}: values nested too deeply (more than {MAX_DEPTH} levels)")
        open_.add(key)
        items = value.items() if isinstance(value, dict) else enumerate(value)
        total = 1
        for name, item in items:
            total += size(item, (*where, str(name)))
            if total > MAX_VALUES:
                raise _Shape(
                    f"{'.'.join(where) or '(top level)'}: YAML aliases expand to more than "
                    f"{MAX_VALUES:,} values"
                )
        open_.discard(key)
        sizes[key] = total
        return total

    try:
        size(data, ())
    except _Shape as exc:
        return str(exc)
    return None


class _Shape(Exception):
    """Internal: why the YAML's shape is refused (turned into a PolicyError by load_policy)."""


def _format_errors(path: Path, exc: ValidationError, root: yaml.Node | None) -> str:
    lines = [f"{path}: {exc.error_count()} problem(s) in the policy:"]
    for err in exc.errors(include_url=False, include_input=False):
        loc = _strip_union_tags(err["loc"])
        key = ".".join(str(p) for p in loc) or "(top level)"
        line = _line_of(root, loc)
        where = f" (line {line})" if line else ""
        msg = err["msg"]
        if err["type"] == "extra_forbidden":
            msg = "unknown key (not allowed here; check the spelling against docs/policy.md)"
        elif err["type"] == "missing":
            msg = "required key is missing"
        lines.append(f"  - {key}{where}: {msg}")
    return "\n".join(lines)


def _strip_union_tags(loc: tuple[Any, ...]) -> list[Any]:
    """Pydantic inserts the discriminator value ('retention', 'consent') after a rule's index."""
    return [
        part
        for i, part in enumerate(loc)
        if not (i >= 2 and loc[i - 2] == "rules" and part in {"retention", "consent"})
    ]


def _line_of(node: yaml.Node | None, loc: list[Any]) -> int | None:
    """Follow ``loc`` through the composed YAML tree; return the 1-based line of the deepest match."""
    line = None
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            nxt = None
            for key_node, value_node in node.value:
                if key_node.value == str(part):
                    line = key_node.start_mark.line + 1
                    nxt = value_node
                    break
            node = nxt
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            break
        if node is None:
            break
    return line
