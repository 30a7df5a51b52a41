"""Broken policies are refused with a message that says where: the file, the key path and the line.

Each file in ``policies/`` is the valid baseline ``valid_minimal.yaml`` with one defect. Its header says
when it is refused (``# stage: load`` by ``load_policy``, ``# stage: bind`` against a real schema, when
the binding and the rules' steps are built) and what the message must contain (``# expect:`` lines); the
marker ``# <- here`` on a line means the message must give that line number. Through the CLI, a refused
policy exits with status 2, prints one error and changes nothing in the CRM.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import insert

from crm_privacy.cli import main
from crm_privacy.crm.binding import bind
from crm_privacy.crm.engine import make_engine
from crm_privacy.demo.schema import consents, contacts, interactions, metadata
from crm_privacy.errors import PolicyError
from crm_privacy.policy.loader import load_policy
from crm_privacy.rules.steps import build_steps
from crm_privacy.transform.keys import ENV_VAR

POLICIES = Path(__file__).parent / "policies"
VALID = POLICIES / "valid_minimal.yaml"
AS_OF = dt.date(2025, 6, 30)


@dataclass(frozen=True)
class Broken:
    path: Path
    stage: str
    expects: tuple[str, ...]
    line: int | None

    @property
    def name(self) -> str:
        return self.path.stem


def read_broken(path: Path) -> Broken:
    lines = path.read_text(encoding="utf-8").splitlines()
    header = [line[1:].strip() for line in lines if line.startswith("# ")]
    stage = next((h.split(":", 1)[1].strip() for h in header if h.startswith("stage:")), "")
    expects = tuple(h.split(":", 1)[1].strip() for h in header if h.startswith("expect:"))
    marked = [number for number, line in enumerate(lines, 1) if line.rstrip().endswith("# <- here")]
    return Broken(path, stage, expects, marked[0] if marked else None)


BROKEN = [read_broken(p) for p in sorted(POLICIES.glob("*.yaml")) if p != VALID]


def cases(stage: str | None = None) -> list[object]:
    return [pytest.param(b, id=f"{b.name}-refused") for b in BROKEN if stage in (None, b.stage)]


def bind_and_build(policy_path: Path, engine: object) -> None:
    """What a sweep does before changing anything: load, bind to the schema, build every rule's steps."""
    policy = load_policy(policy_path).policy
    binding = bind(policy, engine)  # type: ignore[arg-type]
    for rule in policy.rules:
        build_steps(binding, rule.scope, AS_OF, rule.id)


@pytest.fixture
def demo_schema(tmp_path: Path) -> str:
    """A SQLite demo CRM with two expired prospects: a sweep that went ahead would change it."""
    url = f"sqlite:///{tmp_path / 'crm.db'}"
    engine = make_engine(url)
    metadata.create_all(engine)
    with engine.begin() as conn:
        conn.execute(
            insert(contacts),
            [
                {
                    "id": i,
                    "status": "prospect",
                    "email": f"ottilie.kerjean{i}@exemple-test.fr",
                    "phone": "06 91 58 11 0{i}",
                    "postcode": "29200",
                    "created_at": dt.datetime(2021, 2, 1),
                }
                for i in (1, 2)
            ],
        )
        conn.execute(
            insert(interactions),
            [
                {
                    "id": 1,
                    "contact_id": 1,
                    "kind": "email",
                    "direction": "outbound",
                    "occurred_at": dt.datetime(2024, 1, 1),
                },
            ],
        )
        conn.execute(
            insert(consents),
            [{"id": 1, "contact_id": 2, "purpose": "newsletter", "status": "granted"}],
        )
    engine.dispose()
    return url


def checksum(url: str) -> str:
    with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
        return hashlib.sha256("\n".join(conn.iterdump()).encode()).hexdigest()


def test_the_broken_files_declare_what_they_expect() -> None:
    assert len(BROKEN) >= 17
    for broken in BROKEN:
        assert broken.stage in {"load", "bind"}, broken.name
        assert broken.expects, broken.name


def test_the_baseline_is_valid(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'crm.db'}")
    metadata.create_all(engine)
    bind_and_build(VALID, engine)
    engine.dispose()


@pytest.mark.parametrize("broken", cases("load"))
def test_broken_policy_refused_when_loaded(broken: Broken) -> None:
    with pytest.raises(PolicyError) as refused:
        load_policy(broken.path)
    message = str(refused.value)
    assert str(broken.path) in message
    for fragment in broken.expects:
        assert fragment in message
    if broken.line is not None:
        assert f"line {broken.line}" in message


@pytest.mark.parametrize("broken", cases("bind"))
def test_broken_policy_refused_against_the_schema(broken: Broken, tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'crm.db'}")
    metadata.create_all(engine)
    load_policy(broken.path)  # valid YAML and model: only the real schema or the action registry says no
    with pytest.raises(PolicyError) as refused:
        bind_and_build(broken.path, engine)
    engine.dispose()
    message = str(refused.value)
    for fragment in broken.expects:
        assert fragment in message


def sweep_cli(policy: Path, crm_url: str, tmp_path: Path) -> int:
    return main(
        [
            "sweep",
            "--policy",
            str(policy),
            "--crm",
            crm_url,
            "--ledger",
            f"sqlite:///{tmp_path / 'ledger.db'}",
            "--as-of",
            AS_OF.isoformat(),
            "--max-share",
            "1",
            "--workdir",
            str(tmp_path / "work"),
        ]
    )


@pytest.mark.parametrize("broken", cases())
def test_cli_refuses_broken_policy_in_one_message_and_changes_nothing(
    broken: Broken,
    demo_schema: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv(ENV_VAR, "test-key-0123456789abcdef")
    before = checksum(demo_schema)
    code = sweep_cli(broken.path, demo_schema, tmp_path)
    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""
    assert err.startswith("crm-privacy: error: ") and err.count("crm-privacy: error:") == 1
    assert "Traceback" not in err
    for fragment in broken.expects:
        assert fragment in err
    assert checksum(demo_schema) == before


@pytest.mark.parametrize("broken", [pytest.param(b, id=f"{b.name}-names-file") for b in BROKEN])
def test_cli_error_names_the_policy_file(
    broken: Broken,
    demo_schema: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Whatever stage refuses the policy (YAML, model, schema, actions), the user is told which file."""
    monkeypatch.setenv(ENV_VAR, "test-key-0123456789abcdef")
    assert sweep_cli(broken.path, demo_schema, tmp_path) == 2
    assert broken.path.name in capsys.readouterr().err


def test_cli_with_the_valid_baseline_does_change_the_crm(
    demo_schema: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Control for the tests above: the same command with a valid policy does change the CRM."""
    monkeypatch.setenv(ENV_VAR, "test-key-0123456789abcdef")
    before = checksum(demo_schema)
    assert sweep_cli(VALID, demo_schema, tmp_path) == 0
    assert checksum(demo_schema) != before
