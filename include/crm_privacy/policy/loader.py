"""Load a policy file: YAML -> validated ``Policy``, with errors that name the file, key and line."""

from __future__ import annotations

import hashlib
import re
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
        root = _compose(text)
        duplicate = _duplicate_key(root)
        if duplicate:
            raise PolicyError(f"{path}: {duplicate}")
        data = _construct(root)
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


class _PolicyLoader(yaml.SafeLoader):
    """``yaml.SafeLoader`` that refuses a key given twice in one mapping (PyYAML keeps the last one:
    a second ``email:`` with action keep, or a second ``where:``, would silently win)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, yaml.Node] = {}
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue  # '<<: *anchor': explicit keys may override merged ones
            key = self.construct_object(key_node, deep=True)
            try:
                first = seen.setdefault(key, key_node)
            except TypeError:
                continue  # an unhashable key: the base class reports it
            if first is not key_node:
                raise yaml.constructor.ConstructorError(
                    "while constructing a mapping",
                    node.start_mark,
                    f"duplicate key {key!r} (first given on line {first.start_mark.line + 1})",
                    key_node.start_mark,
                )
        return super().construct_mapping(node, deep=deep)


def _compose(text: str) -> yaml.Node | None:
    loader = _PolicyLoader(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def _construct(root: yaml.Node | None) -> Any:
    if root is None:
        return None
    loader = _PolicyLoader("")
    try:
        return loader.construct_document(root)
    finally:
        loader.dispose()


def _duplicate_key(root: yaml.Node | None) -> str | None:
    """``key.path (line N): duplicate key 'k' (first given on line M)`` for the first mapping that
    gives a key twice (scalar keys, compared as written with their resolved tag)."""
    visited: set[int] = set()  # aliases share nodes, and may contain themselves
    stack: list[tuple[yaml.Node, tuple[str, ...]]] = [(root, ())] if root is not None else []
    while stack:
        node, where = stack.pop()
        if id(node) in visited:
            continue
        visited.add(id(node))
        if isinstance(node, yaml.MappingNode):
            seen: dict[tuple[str, str], yaml.Node] = {}
            for key_node, value_node in node.value:
                if isinstance(key_node, yaml.ScalarNode) and key_node.tag != "tag:yaml.org,2002:merge":
                    first = seen.setdefault((key_node.tag, key_node.value), key_node)
                    if first is not key_node:
                        return (
                            f"{'.'.join(where) or '(top level)'} (line {key_node.start_mark.line + 1}): "
                            f"duplicate key {key_node.value!r} (first given on line {first.start_mark.line + 1}; "
                            "YAML would silently keep only the last one)"
                        )
                if len(where) <= MAX_DEPTH:
                    stack.append((value_node, (*where, str(key_node.value))))
        elif isinstance(node, yaml.SequenceNode) and len(where) <= MAX_DEPTH:
            stack.extend((item, (*where, str(i))) for i, item in enumerate(node.value))
    return None


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
        msg = err["msg"]
        if not loc and err["type"] == "value_error":
            # a cross-field check of the whole policy: its message starts with the key path it is about
            match = _KEY_PATH.match(msg)
            if match:
                loc = [int(p) if p.isdigit() else p for p in match["path"].split(".")]
                msg = match["rest"]
        key = ".".join(str(p) for p in loc) or "(top level)"
        line = _line_of(root, loc)
        where = f" (line {line})" if line else ""
        if err["type"] == "extra_forbidden":
            msg = "unknown key (not allowed here; check the spelling against docs/policy.md)"
        elif err["type"] == "missing":
            msg = "required key is missing"
        lines.append(f"  - {key}{where}: {msg}")
    return "\n".join(lines)


_KEY_PATH = re.compile(r"^Value error, (?P<path>[A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)+): (?P<rest>.*)$", re.DOTALL)


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
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, str):  # a rule named by its id
            node = next((item for item in node.value if _id_of(item) == part), None)
            if node is not None:
                line = node.start_mark.line + 1
        else:
            break
        if node is None:
            break
    return line


def _id_of(node: yaml.Node) -> str | None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if key_node.value == "id" and isinstance(value_node, yaml.ScalarNode):
                return str(value_node.value)
    return None
