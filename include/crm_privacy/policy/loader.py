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


def load_policy(path: str | Path) -> LoadedPolicy:
    """Read and validate ``path``. Raises ``PolicyError`` listing every problem found."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise PolicyError(f"{path}: cannot read policy file ({exc.strerror})") from None
    text = raw.decode("utf-8", errors="replace")
    try:
        data = yaml.safe_load(text)
        root = yaml.compose(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise PolicyError(f"{path}:{where}: {problem}") from None
    if not isinstance(data, dict):
        raise PolicyError(f"{path}: expected a mapping at the top level, got {type(data).__name__}")
    try:
        policy = Policy.model_validate(data)
    except ValidationError as exc:
        raise PolicyError(_format_errors(path, exc, root)) from None
    return LoadedPolicy(policy=policy, path=path, sha256=hashlib.sha256(raw).hexdigest())


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
