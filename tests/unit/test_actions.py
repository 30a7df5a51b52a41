"""Column actions, one by one: what each does to a value, and that a treated row is no longer pending
(which is what makes a second sweep change nothing). ``scrub_text`` has its own tests (detection)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import (
    Column,
    Date,
    Engine,
    Integer,
    MetaData,
    String,
    Table,
    create_engine,
    func,
    select,
    update,
)

from crm_privacy.errors import ActionError, PolicyError
from crm_privacy.transform.base import Action, ActionContext, build_action
from crm_privacy.transform.keys import PREFIX, KeyRing

KEY = "test-key-0123456789abcdef"
WHERE = "tables.contacts.columns.email"


def action(name: str, **params: Any) -> Action:
    return build_action(name, params, where=WHERE)


def run(
    act: Action, values: list[Any], subjects: list[Any] | None = None, *, key: str | None = KEY
) -> list[Any]:
    """Values as the sweep would write them (Python actions), for the given subjects."""
    ctx = ActionContext(keyring=KeyRing(key) if key else None)
    column = Column("value", String(200))
    return act.transform(values, subjects or list(range(1, len(values) + 1)), ctx, column)


# -- in the database: treated once, never pending again ------------------------------------------------


@pytest.fixture
def engine() -> Iterator[Engine]:
    engine = create_engine("sqlite://")
    yield engine
    engine.dispose()


def treat_in_sql(engine: Engine, act: Action, column_type: Any, value: Any) -> tuple[int, Any, int]:
    """Store ``value``, treat it as the sweep does; return (pending before, stored value, pending after)."""
    table = Table("t", MetaData(), Column("id", Integer, primary_key=True), Column("v", column_type))
    table.create(engine)
    pending = act.pending(table.c.v)
    assert pending is not None, f"{act.name} cannot tell a treated value"

    def count() -> int:
        with engine.connect() as conn:
            return int(conn.scalar(select(func.count()).select_from(table).where(pending)) or 0)

    with engine.begin() as conn:
        conn.execute(table.insert().values(id=1, v=value))
    before = count()
    with engine.begin() as conn:
        if act.needs_values:
            new = act.transform([value], [1], ActionContext(keyring=KeyRing(KEY)), table.c.v)[0]
        else:
            new = act.sql_value(table.c.v)
        conn.execute(update(table).values(v=new))
    with engine.connect() as conn:
        stored = conn.scalar(select(table.c.v))
    return before, stored, count()


@pytest.mark.parametrize(
    ("name", "params", "column_type", "value", "expected"),
    [
        pytest.param("null", {}, String(30), "06 12 34 56 78", None, id="null-empties-the-column"),
        pytest.param("redact", {}, String(50), "Directrice achats", "(supprimé)", id="redact-default-text"),
        pytest.param(
            "redact",
            {"value": "(anonymisé)"},
            String(50),
            "Directrice achats",
            "(anonymisé)",
            id="redact-given-text",
        ),
        pytest.param(
            "generalise",
            {"to": "year"},
            Date,
            dt.date(1981, 7, 14),
            dt.date(1981, 1, 1),
            id="generalise-date-to-1-january",
        ),
        pytest.param(
            "generalise",
            {"to": "band5"},
            Date,
            dt.date(1983, 7, 14),
            dt.date(1980, 1, 1),
            id="generalise-date-to-5-year-band",
        ),
        pytest.param(
            "generalise", {"to": "departement"}, String(10), "75011", "75", id="generalise-postcode-to-dept"
        ),
        pytest.param(
            "generalise", {"to": "departement"}, String(10), "20200", "2B", id="generalise-corsica-to-2B"
        ),
        pytest.param(
            "generalise", {"to": "departement"}, String(10), "97400", "974", id="generalise-dom-to-974"
        ),
        pytest.param("generalise", {"to": "age_band"}, Integer, 37, 30, id="generalise-age-to-decade"),
    ],
)
def test_sql_treated_value_is_no_longer_pending(
    engine: Engine, name: str, params: dict[str, Any], column_type: Any, value: Any, expected: Any
) -> None:
    before, stored, after = treat_in_sql(engine, action(name, **params), column_type, value)
    assert (before, stored, after) == (1, expected, 0)


def test_hmac_treated_value_is_no_longer_pending(engine: Engine) -> None:
    before, stored, after = treat_in_sql(engine, action("hmac", kind="email"), String(200), "a.b@exemple.fr")
    assert stored.startswith(PREFIX)
    assert (before, after) == (1, 0)


def test_fake_cannot_be_recognised_afterwards() -> None:
    """A fake name looks like a name: only the table's marker column tells it was treated."""
    assert action("fake", kind="first_name").pending(Column("first_name", String(100))) is None


# -- hmac ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "spellings"),
    [
        pytest.param(
            "email",
            ["jean.dupont@exemple.fr", " Jean.Dupont@Exemple.FR ", "JEAN.DUPONT@EXEMPLE.FR\t"],
            id="email-case-and-spaces-same-pseudonym",
        ),
        pytest.param(
            "phone",
            [
                "06 12 34 56 78",
                "+33 6 12 34 56 78",
                "0033612345678",
                "06.12.34.56.78",
                "+33 (0)6 12 34 56 78",
                "+33 06 12 34 56 78",
            ],
            id="phone-formats-same-pseudonym",
        ),
    ],
)
def test_hmac_same_identifier_same_pseudonym(kind: str, spellings: list[str]) -> None:
    pseudonyms = run(action("hmac", kind=kind), spellings)
    assert len(set(pseudonyms)) == 1
    assert pseudonyms[0].startswith(PREFIX)


def test_hmac_is_stable_across_calls_and_key_ring_instances() -> None:
    first = run(action("hmac", kind="email"), ["claire.martin@exemple.fr"])
    second = run(action("hmac", kind="email"), ["claire.martin@exemple.fr"])
    assert first == second


def test_hmac_shape_prefix_and_length() -> None:
    default, longer = (
        run(action("hmac", kind="reference", **extra), ["CLI-000123"])[0] for extra in ({}, {"length": 24})
    )
    assert default.startswith(PREFIX) and len(default) == len(PREFIX) + 16
    assert longer.startswith(PREFIX) and len(longer) == len(PREFIX) + 24
    int(default[len(PREFIX) :], 16)  # hexadecimal


@pytest.mark.parametrize(
    ("left", "right", "left_key", "right_key"),
    [
        pytest.param(
            "claire.martin@exemple.fr", "claire.martim@exemple.fr", KEY, KEY, id="other-value-differs"
        ),
        pytest.param(
            "claire.martin@exemple.fr", "claire.martin@exemple.fr", KEY, KEY[::-1], id="other-key-differs"
        ),
    ],
)
def test_hmac_differs(left: str, right: str, left_key: str, right_key: str) -> None:
    hmac = action("hmac", kind="email")
    assert run(hmac, [left], key=left_key) != run(hmac, [right], key=right_key)


def test_hmac_leaves_null_and_already_pseudonymised_values_alone() -> None:
    hmac = action("hmac", kind="email")
    once = run(hmac, ["claire.martin@exemple.fr"])[0]
    assert run(hmac, [None, once]) == [None, once]


@pytest.mark.parametrize(
    ("name", "params"),
    [
        pytest.param("hmac", {"kind": "email"}, id="hmac-without-key-refused"),
        pytest.param("fake", {"kind": "last_name"}, id="fake-without-key-refused"),
    ],
)
def test_keyed_actions_refuse_to_run_without_the_key(name: str, params: dict[str, Any]) -> None:
    with pytest.raises(ActionError, match=name):
        run(action(name, **params), ["claire.martin@exemple.fr"], key=None)


# -- generalise ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("to", "value", "expected"),
    [
        pytest.param("year", dt.date(1981, 7, 14), dt.date(1981, 1, 1), id="year-from-date"),
        pytest.param("year", dt.datetime(1981, 7, 14, 8, 30), dt.date(1981, 1, 1), id="year-from-datetime"),
        pytest.param("year", "1981-07-14", dt.date(1981, 1, 1), id="year-from-iso-text"),
        pytest.param("year", dt.date(1981, 1, 1), dt.date(1981, 1, 1), id="year-already-1-january"),
        pytest.param("band5", dt.date(1989, 12, 31), dt.date(1985, 1, 1), id="band5-1989-to-1985"),
        pytest.param("band5", dt.date(1985, 1, 1), dt.date(1985, 1, 1), id="band5-1985-stays"),
        pytest.param("band5", dt.date(2000, 6, 1), dt.date(2000, 1, 1), id="band5-2000-stays"),
        pytest.param("departement", "75011", "75", id="paris-75"),
        pytest.param("departement", "01000", "01", id="ain-01-leading-zero-kept"),
        pytest.param("departement", "13001", "13", id="marseille-13"),
        pytest.param("departement", " 75 011 ", "75", id="spaces-ignored"),
        pytest.param("departement", "20000", "2A", id="ajaccio-2A"),
        pytest.param("departement", "20137", "2A", id="porto-vecchio-2A"),
        pytest.param("departement", "20200", "2B", id="bastia-2B"),
        pytest.param("departement", "20250", "2B", id="corte-2B"),
        pytest.param("departement", "20600", "2B", id="furiani-2B"),
        pytest.param("departement", "97100", "971", id="guadeloupe-971"),
        pytest.param("departement", "97200", "972", id="martinique-972"),
        pytest.param("departement", "97300", "973", id="guyane-973"),
        pytest.param("departement", "97400", "974", id="reunion-974"),
        pytest.param("departement", "97600", "976", id="mayotte-976"),
        pytest.param("departement", "98800", "988", id="nouvelle-caledonie-988"),
        pytest.param("age_band", 37, 30, id="age-37-to-30"),
        pytest.param("age_band", 40, 40, id="age-40-stays"),
        pytest.param("age_band", 9, 0, id="age-9-to-0"),
        pytest.param("departement", None, None, id="null-stays-null"),
    ],
)
def test_generalise(to: str, value: Any, expected: Any) -> None:
    assert run(action("generalise", to=to), [value], key=None) == [expected]


# -- fake ---------------------------------------------------------------------------------------------


def test_fake_is_deterministic_per_subject() -> None:
    fake = action("fake", kind="last_name")
    first = run(fake, ["Vauquelin", "Dorgeval"], [101, 102])
    again = run(action("fake", kind="last_name"), ["autre", "valeur"], [101, 102])
    assert first == again  # depends on the subject, not on the old value


def test_fake_differs_across_subjects() -> None:
    subjects = list(range(1, 51))
    values = run(action("fake", kind="first_name"), ["Anatole"] * 50, subjects)
    assert all(isinstance(v, str) and v for v in values)
    assert len(set(values)) >= 40


def test_fake_depends_on_the_key() -> None:
    fake = action("fake", kind="last_name")
    subjects = list(range(1, 21))
    assert run(fake, ["x"] * 20, subjects) != run(fake, ["x"] * 20, subjects, key=KEY[::-1])


def test_fake_leaves_null_alone() -> None:
    assert run(action("fake", kind="city"), [None, "Nantes"], [1, 2])[0] is None


# -- build_action: misconfiguration names the place in the policy ---------------------------------------


@pytest.mark.parametrize(
    ("name", "params", "fragments"),
    [
        pytest.param(
            "hmak", {}, ["unknown action 'hmak'", "hmac", "generalise", "null"], id="unknown-name-lists-known"
        ),
        pytest.param("generalise", {"to": "region"}, ["generalise", "to"], id="generalise-bad-target"),
        pytest.param("generalise", {}, ["generalise", "to"], id="generalise-missing-target"),
        pytest.param("fake", {"kind": "nir"}, ["fake", "kind"], id="fake-bad-kind"),
        pytest.param("hmac", {"kind": "email", "salt": "x"}, ["hmac", "salt"], id="hmac-unknown-param"),
        pytest.param("null", {"value": "x"}, ["null", "value"], id="null-takes-no-params"),
        pytest.param("redact", {"value": ["a"]}, ["redact", "value"], id="redact-value-not-text"),
    ],
)
def test_build_action_refuses_with_policy_place(
    name: str, params: dict[str, Any], fragments: list[str]
) -> None:
    with pytest.raises(PolicyError) as refused:
        build_action(name, params, where=WHERE)
    message = str(refused.value)
    assert message.startswith(WHERE)
    for fragment in fragments:
        assert fragment in message
