"""Static checks of the docker-compose deployment: docker-compose.yaml, Dockerfile, .env.example, docker/.

No Docker engine runs on our machines (nor in CI), so the compose file is checked as data: the services
the architecture needs, one image for every Airflow component, one set of secrets shared by all, health
checks and start-up order, volumes, published ports, the Dockerfile against the lock, .env.example
against the variables the compose file needs. docker/compose-spec.json is the Compose Specification's
JSON schema (compose-spec/compose-spec, schema/compose-spec.json at commit a08f8d51, Apache-2.0), the
schema `docker compose` itself validates against. The helper scripts in docker/ are run for real, and
`docker compose config` too where Compose v2 is installed (skipped where it is not, as on our machines).
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
COMPOSE_FILE = ROOT / "docker-compose.yaml"
DOCKERFILE = ROOT / "Dockerfile"
ENV_EXAMPLE = ROOT / ".env.example"
DOCKER_DIR = ROOT / "docker"

# PyYAML's safe loader resolves the `<<:` merge keys, so each service below is what compose sees.
COMPOSE: dict[str, Any] = yaml.safe_load(COMPOSE_FILE.read_text(encoding="utf-8"))
SERVICES: dict[str, dict[str, Any]] = COMPOSE["services"]
COMMON: dict[str, Any] = COMPOSE["x-airflow-common"]

AIRFLOW_SERVICES = (
    "airflow-apiserver",
    "airflow-scheduler",
    "airflow-dag-processor",
    "airflow-worker",
    "airflow-triggerer",
    "airflow-init",
    "flower",
)
LONG_RUNNING_AIRFLOW = tuple(s for s in AIRFLOW_SERVICES if s != "airflow-init")
ONE_SHOT = ("airflow-init", "crm-seed")
REQUIRED_SERVICES = ("postgres", "redis", "crm-db", "ledger-db", "crm-seed", "mailpit", *AIRFLOW_SERVICES)

# Settings that every Airflow component must see identically (a mismatch breaks JWTs, decryption or
# task dispatch between components, usually only at run time).
SHARED_SETTINGS = (
    "AIRFLOW__CORE__EXECUTOR",
    "AIRFLOW__CORE__AUTH_MANAGER",
    "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN",
    "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN_ASYNC",
    "AIRFLOW__CELERY__RESULT_BACKEND",
    "AIRFLOW__CELERY__BROKER_URL",
    "AIRFLOW__CORE__FERNET_KEY",
    "AIRFLOW__API_AUTH__JWT_SECRET",
    "AIRFLOW__API__SECRET_KEY",
    "AIRFLOW__CORE__EXECUTION_API_SERVER_URL",
    "AIRFLOW_CONN_CRM_DEMO",
    "AIRFLOW_CONN_CRM_PRIVACY_LEDGER",
    "AIRFLOW_VAR_CRM_PRIVACY_HMAC_KEY",
    "AIRFLOW_CONN_CRM_PRIVACY_SMTP",
    "AIRFLOW_VAR_CRM_PRIVACY_DPO_EMAILS",
)
# Settings holding a secret: compose must refuse to start when the .env value is missing or empty.
SECRET_SETTINGS = (
    "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN",
    "AIRFLOW__CELERY__RESULT_BACKEND",
    "AIRFLOW__CORE__FERNET_KEY",
    "AIRFLOW__API_AUTH__JWT_SECRET",
    "AIRFLOW__API__SECRET_KEY",
    "AIRFLOW_CONN_CRM_DEMO",
    "AIRFLOW_CONN_CRM_PRIVACY_LEDGER",
    "AIRFLOW_VAR_CRM_PRIVACY_HMAC_KEY",
)


# --- helpers ------------------------------------------------------------------------------------

# Compose interpolation: `$$` is a literal dollar; `${NAME}`, `${NAME:-default}`, `${NAME-default}`,
# `${NAME:?error}`, `${NAME?error}`, `${NAME:+alt}`; a bare `$NAME` is interpolated too.
_TOKEN = re.compile(r"\$(?:\$|\{(?P<braced>[^}]*)\}|(?P<bare>[A-Za-z_][A-Za-z0-9_]*))")
_BRACED = re.compile(r"(?P<name>[A-Za-z_][A-Za-z0-9_]*)(?:(?P<op>:?[-?+])(?P<arg>.*))?", re.DOTALL)


def _strings(node: Any) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for k, v in node.items() for s in (*_strings(k), *_strings(v))]
    if isinstance(node, list):
        return [s for item in node for s in _strings(item)]
    return []


def variables(node: Any) -> list[tuple[str, str | None]]:
    """(name, operator) of every interpolation in the strings of ``node``; operator None = bare."""
    found = []
    for text in _strings(node):
        for match in _TOKEN.finditer(text):
            if match["bare"]:
                found.append((match["bare"], None))
            elif match["braced"] is not None:
                braced = _BRACED.fullmatch(match["braced"])
                assert braced, f"unparseable interpolation ${{{match['braced']}}} in {text!r}"
                found.append((braced["name"], braced["op"]))
    return found


def interpolate(text: str, env: dict[str, str]) -> str:
    """Substitute like compose does (enough for our file): defaults, required values, `$$`."""

    def substitute(match: re.Match[str]) -> str:
        if match["bare"]:
            return env.get(match["bare"], "")
        if match["braced"] is None:
            return "$"
        braced = _BRACED.fullmatch(match["braced"])
        assert braced
        name, op, arg = braced["name"], braced["op"], braced["arg"]
        value = env.get(name)
        # With a colon, an empty value counts as unset.
        unset = not value if op in (":-", ":?") else value is None
        if op in (":-", "-"):
            return arg if unset else value or ""
        if op in (":?", "?"):
            if unset:
                raise KeyError(f"{name}: {arg}")
            return value or ""
        return value or ""

    return _TOKEN.sub(substitute, text)


def env_of(service: dict[str, Any]) -> dict[str, str]:
    environment = service.get("environment") or {}
    if isinstance(environment, list):
        return dict(item.split("=", 1) for item in environment)
    return {k: "" if v is None else str(v) for k, v in environment.items()}


def read_env_file(path: Path) -> dict[str, str]:
    values = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line and not line.startswith("#") and "=" in line:
            key, _, value = line.partition("=")
            values[key.strip()] = value.strip()
    return values


def pins(path: Path) -> dict[str, str]:
    """name -> version of the `name==version` lines of a lock file (names normalised)."""
    found = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^([A-Za-z0-9._-]+)(?:\[[^\]]*\])?==([^\s;#]+)", line)
        if match:
            found[re.sub(r"[-_.]+", "-", match[1]).lower()] = match[2]
    return found


def load_script(name: str) -> ModuleType:
    path = DOCKER_DIR / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"docker_{name}", path)
    assert spec and spec.loader, path
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def dockerfile_instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) of the Dockerfile, continuation lines joined, comments dropped."""
    instructions: list[tuple[str, str]] = []
    current = ""
    for raw in DOCKERFILE.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not current and (not line or line.startswith("#")):
            continue
        if line.startswith("#"):
            continue
        if line.endswith("\\"):
            current += line[:-1] + " "
            continue
        current += line
        keyword, _, args = current.partition(" ")
        instructions.append((keyword.upper(), args.strip()))
        current = ""
    return instructions


def copies() -> list[tuple[list[str], str]]:
    """(sources, destination) of every COPY, options such as --chown removed."""
    result = []
    for keyword, args in dockerfile_instructions():
        if keyword == "COPY":
            parts = [p for p in args.split() if not p.startswith("--")]
            result.append((parts[:-1], parts[-1]))
    return result


def dockerignore_patterns() -> list[str]:
    lines = (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.strip().startswith("#")]


def _dockerignore_regex(pattern: str) -> re.Pattern[str]:
    # Docker's rules: relative to the context root, `*` and `?` stop at `/`, `**` crosses directories.
    out = ""
    for token in re.split(r"(\*\*/?|\*|\?)", pattern.strip("/")):
        if token.startswith("**"):
            out += "(?:.*/)?" if token.endswith("/") else ".*"
        elif token == "*":
            out += "[^/]*"
        elif token == "?":
            out += "[^/]"
        else:
            out += re.escape(token)
    return re.compile(out)


def dockerignored(path: str) -> bool:
    """Whether .dockerignore keeps ``path`` (relative to the repo) out of the build context.

    A pattern matching a parent directory excludes what is inside; the last matching pattern wins.
    """
    parts = path.strip("/").split("/")
    prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    ignored = False
    for pattern in dockerignore_patterns():
        negate = pattern.startswith("!")
        regex = _dockerignore_regex(pattern.removeprefix("!"))
        if any(regex.fullmatch(prefix) for prefix in prefixes):
            ignored = not negate
    return ignored


ENV_EXAMPLE_VALUES = read_env_file(ENV_EXAMPLE)
COMPOSE_VARIABLES = variables(COMPOSE)
REQUIRED_VARIABLES = sorted({name for name, op in COMPOSE_VARIABLES if op in (None, ":?", "?")})


def interpolated(value: str) -> str:
    return interpolate(value, ENV_EXAMPLE_VALUES)


# --- services and the shared image --------------------------------------------------------------


@pytest.mark.parametrize("name", REQUIRED_SERVICES, ids=REQUIRED_SERVICES)
def test_required_service_is_defined(name: str) -> None:
    assert name in SERVICES


class _UniqueKeyLoader(yaml.SafeLoader):
    """Refuses a key given twice in one mapping, as compose does (PyYAML silently keeps the last)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue
            key = self.construct_object(key_node, deep=deep)
            assert key not in seen, f"duplicate key {key!r} at line {key_node.start_mark.line + 1}"
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def test_compose_file_has_no_duplicate_key() -> None:
    assert yaml.load(COMPOSE_FILE.read_text(encoding="utf-8"), Loader=_UniqueKeyLoader) == COMPOSE


def test_compose_file_matches_the_compose_specification_schema() -> None:
    import jsonschema

    schema = json.loads((DOCKER_DIR / "compose-spec.json").read_text(encoding="utf-8"))
    errors = [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in jsonschema.Draft7Validator(schema).iter_errors(COMPOSE)
    ]
    assert errors == []


@pytest.mark.parametrize("name", [*AIRFLOW_SERVICES, "crm-seed"], ids=[*AIRFLOW_SERVICES, "crm-seed"])
def test_service_runs_the_image_built_from_our_dockerfile(name: str) -> None:
    service = SERVICES[name]
    assert service.get("build") == {"context": ".", "dockerfile": "Dockerfile"}
    assert service.get("image") == COMMON["image"], "every service must run the same, locally built image"


def test_image_tag_follows_the_package_version() -> None:
    version = re.search(r'^version = "([^"]+)"', (ROOT / "pyproject.toml").read_text(), re.M)
    assert version
    assert COMMON["image"] == f"crm-privacy-airflow:{version[1]}"


@pytest.mark.parametrize("name", ["postgres", "crm-db", "ledger-db"], ids=["postgres", "crm-db", "ledger-db"])
def test_database_servers_are_postgres_16(name: str) -> None:
    assert SERVICES[name]["image"] == "postgres:16"


# --- one configuration for every Airflow component ----------------------------------------------


@pytest.mark.parametrize("setting", SHARED_SETTINGS, ids=SHARED_SETTINGS)
def test_setting_is_identical_in_every_airflow_service(setting: str) -> None:
    expected = env_of(COMMON).get(setting)
    assert expected, f"{setting} missing from x-airflow-common"
    differing = {name: env_of(SERVICES[name]).get(setting) for name in AIRFLOW_SERVICES}
    assert {name: value for name, value in differing.items() if value != expected} == {}


EXPECTED_VALUES = [
    ("AIRFLOW__CORE__EXECUTOR", r"CeleryExecutor"),
    ("AIRFLOW__DATABASE__SQL_ALCHEMY_CONN", r"postgresql\+psycopg://airflow:[^@]+@postgres:5432/airflow"),
    (
        "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN_ASYNC",
        r"postgresql\+psycopg://airflow:[^@]+@postgres:5432/airflow",
    ),
    ("AIRFLOW__CELERY__RESULT_BACKEND", r"db\+postgresql\+psycopg://airflow:[^@]+@postgres:5432/airflow"),
    ("AIRFLOW__CELERY__BROKER_URL", r"redis://:@redis:6379/0"),
    ("AIRFLOW__CORE__LOAD_EXAMPLES", r"(?i)false"),
    ("AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION", r"(?i)true"),
    ("AIRFLOW__CORE__EXECUTION_API_SERVER_URL", r"http://airflow-apiserver:8080/execution/"),
    ("AIRFLOW__SCHEDULER__ENABLE_HEALTH_CHECK", r"(?i)true"),
    ("AIRFLOW__SMTP__SMTP_HOST", r"mailpit"),
    ("AIRFLOW__SMTP__SMTP_PORT", r"1025"),
]


@pytest.mark.parametrize(("setting", "pattern"), EXPECTED_VALUES, ids=[s for s, _ in EXPECTED_VALUES])
def test_airflow_setting_has_the_expected_value(setting: str, pattern: str) -> None:
    value = env_of(COMMON).get(setting)
    assert value is not None, f"{setting} is not set"
    assert re.fullmatch(pattern, value), value


@pytest.mark.parametrize(
    "setting",
    [
        "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN",
        "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN_ASYNC",
        "AIRFLOW__CELERY__RESULT_BACKEND",
    ],
    ids=["metadata-db", "metadata-db-async", "celery-result-backend"],
)
def test_database_url_driver_is_in_the_lock(setting: str) -> None:
    # SQLAlchemy picks psycopg2 for a bare postgresql:// and Airflow derives asyncpg for the async URL:
    # neither is installed. The driver named in the URL must be pinned.
    url = env_of(COMMON)[setting].removeprefix("db+")
    driver = url.split("://", 1)[0].partition("+")[2]
    distributions = {"psycopg": "psycopg", "asyncpg": "asyncpg", "psycopg2": "psycopg2-binary"}
    assert driver, f"{setting} names no driver, SQLAlchemy would default to psycopg2"
    assert distributions.get(driver) in pins(ROOT / "requirements.txt"), f"driver {driver!r} not pinned"


def test_auth_manager_is_installed() -> None:
    auth_manager = env_of(COMMON)["AIRFLOW__CORE__AUTH_MANAGER"]
    if ".providers.fab." in auth_manager:
        assert "apache-airflow-providers-fab" in pins(ROOT / "requirements.txt")
    else:
        assert auth_manager.startswith("airflow.api_fastapi.auth.managers.simple.")
        users = env_of(COMMON)["AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS"]
        assert re.fullmatch(r"\$\{AIRFLOW_ADMIN_USER:-admin\}:admin", users), users


@pytest.mark.parametrize("setting", SECRET_SETTINGS, ids=SECRET_SETTINGS)
def test_secret_setting_refuses_to_start_when_unset(setting: str) -> None:
    found = variables(env_of(COMMON)[setting])
    assert found, f"{setting} is hard-coded instead of coming from .env"
    assert all(op == ":?" for _, op in found), f"{setting}: use ${{VAR:?message}} so a missing value fails"


def test_no_component_uses_psycopg2() -> None:
    offenders = [s for s in _strings(COMPOSE) if "psycopg2" in s]
    assert offenders == []


@pytest.mark.parametrize(
    ("connection", "server"),
    [("AIRFLOW_CONN_CRM_DEMO", "crm-db"), ("AIRFLOW_CONN_CRM_PRIVACY_LEDGER", "ledger-db")],
    ids=["crm", "ledger"],
)
def test_product_connection_matches_its_own_database_server(connection: str, server: str) -> None:
    raw = env_of(COMMON)[connection]
    conn = json.loads(interpolated(raw))
    assert conn["conn_type"] == "postgres"
    assert conn["host"] == server
    # Product data never goes to Airflow's metadata server (architecture decision).
    assert server != "postgres"
    db_env = env_of(SERVICES[server])
    assert conn["login"] == db_env["POSTGRES_USER"]
    assert conn["schema"] == db_env["POSTGRES_DB"]
    # Same .env variable on both sides, or the password would drift.
    assert {n for n, _ in variables(raw)} == {n for n, _ in variables(db_env["POSTGRES_PASSWORD"])}


def test_ledger_and_crm_are_separate_servers() -> None:
    hosts = {
        json.loads(interpolated(env_of(COMMON)[c]))["host"]
        for c in SHARED_SETTINGS
        if c.startswith("AIRFLOW_CONN_")
        and json.loads(interpolated(env_of(COMMON)[c]))["conn_type"] == "postgres"
    }
    assert len(hosts) == 2


# --- the DPO's run reports: by e-mail, caught by Mailpit (docs/email.md) ---------------------------


def test_mailpit_image_is_pinned_to_a_version() -> None:
    assert re.fullmatch(r"axllent/mailpit:v\d+\.\d+\.\d+", SERVICES["mailpit"]["image"])


def _report_smtp_settings(monkeypatch: pytest.MonkeyPatch, env: dict[str, str]) -> Any:
    """What crm_privacy.report.mail makes of the compose file's report connection, with ``env`` as .env."""
    from crm_privacy.report.mail import smtp_settings

    monkeypatch.setenv(
        "AIRFLOW_CONN_CRM_PRIVACY_SMTP", interpolate(env_of(COMMON)["AIRFLOW_CONN_CRM_PRIVACY_SMTP"], env)
    )
    return smtp_settings()


def test_report_connection_sends_to_mailpit_as_the_mail_code_reads_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    settings = _report_smtp_settings(monkeypatch, ENV_EXAMPLE_VALUES)
    assert settings is not None
    # Mailpit's SMTP port inside the compose network, plain SMTP (Mailpit has no TLS nor login here).
    assert (settings.host, settings.port, settings.security, settings.login) == (
        "mailpit",
        1025,
        "none",
        None,
    )
    assert settings.host in SERVICES and settings.port in published("mailpit")
    assert settings.sender == ENV_EXAMPLE_VALUES["CRM_PRIVACY_MAIL_FROM"]


def test_report_sender_is_the_sender_of_airflow_own_mails() -> None:
    report_conn, smtp_default = (
        env_of(COMMON)[c] for c in ("AIRFLOW_CONN_CRM_PRIVACY_SMTP", "AIRFLOW_CONN_SMTP_DEFAULT")
    )
    sender = env_of(COMMON)["AIRFLOW__SMTP__SMTP_MAIL_FROM"]
    assert (
        json.loads(report_conn)["extra"]["from_email"]
        == sender
        == json.loads(smtp_default)["extra"]["from_email"]
    )
    assert json.loads(report_conn)["conn_type"] == "smtp"


def test_report_sender_defaults_when_env_leaves_it_out(monkeypatch: pytest.MonkeyPatch) -> None:
    env = {k: v for k, v in ENV_EXAMPLE_VALUES.items() if k != "CRM_PRIVACY_MAIL_FROM"}
    settings = _report_smtp_settings(monkeypatch, env)
    assert settings is not None and settings.sender == "crm-privacy@example.org"


@pytest.mark.parametrize(
    ("dpo_emails", "expected"),
    [
        (None, ["dpo@example.org"]),
        ("dpo@corp.example; adjoint@corp.example", ["dpo@corp.example", "adjoint@corp.example"]),
        ("", []),
    ],
    ids=["unset-example-address", "env-list", "empty-means-the-policy-recipients"],
)
def test_dpo_recipient_variable_comes_from_env(dpo_emails: str | None, expected: list[str]) -> None:
    from crm_privacy.report.mail import parse_addresses

    env = {k: v for k, v in ENV_EXAMPLE_VALUES.items() if k != "CRM_PRIVACY_DPO_EMAILS"}
    if dpo_emails is not None:
        env["CRM_PRIVACY_DPO_EMAILS"] = dpo_emails
    value = interpolate(env_of(COMMON)["AIRFLOW_VAR_CRM_PRIVACY_DPO_EMAILS"], env)
    # An empty variable is no list: crm_privacy.report.mail.recipients() falls back to the policy's.
    assert parse_addresses(value) == expected


def test_env_example_names_a_dpo_address() -> None:
    from crm_privacy.report.mail import parse_addresses

    assert parse_addresses(ENV_EXAMPLE_VALUES["CRM_PRIVACY_DPO_EMAILS"]) == ["dpo@example.org"]


def test_metadata_db_url_matches_the_postgres_service() -> None:
    url = env_of(COMMON)["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"]
    db_env = env_of(SERVICES["postgres"])
    match = re.fullmatch(r"postgresql\+psycopg://([^:]+):(.+)@postgres:5432/(.+)", url)
    assert match
    assert (match[1], match[3]) == (db_env["POSTGRES_USER"], db_env["POSTGRES_DB"])
    assert {n for n, _ in variables(match[2])} == {n for n, _ in variables(db_env["POSTGRES_PASSWORD"])}


def test_worker_propagates_signals_for_warm_shutdown() -> None:
    assert env_of(SERVICES["airflow-worker"]).get("DUMB_INIT_SETSID") == "0"


@pytest.mark.parametrize("name", LONG_RUNNING_AIRFLOW, ids=LONG_RUNNING_AIRFLOW)
def test_airflow_service_runs_as_airflow_uid_with_group_0(name: str) -> None:
    # The official image requires group 0; the UID comes from .env so files in volumes get its owner.
    assert SERVICES[name]["user"] == "${AIRFLOW_UID:-50000}:0"


# --- health checks and start-up order -----------------------------------------------------------

LONG_RUNNING = [name for name in SERVICES if name not in ONE_SHOT]


@pytest.mark.parametrize("name", LONG_RUNNING, ids=LONG_RUNNING)
def test_long_running_service_has_a_healthcheck(name: str) -> None:
    check = SERVICES[name].get("healthcheck") or {}
    assert not check.get("disable")
    test = check.get("test")
    assert test, f"{name} has no healthcheck"
    if isinstance(test, list):
        assert test[0] in ("CMD", "CMD-SHELL") and len(test) > 1, test
    assert SERVICES[name].get("restart") in ("always", "unless-stopped")


@pytest.mark.parametrize("name", ONE_SHOT, ids=ONE_SHOT)
def test_one_shot_job_is_not_restarted(name: str) -> None:
    # `restart: always` on a job that exits would rerun it forever.
    assert SERVICES[name].get("restart") in (None, "no")


DEPENDENCIES = [(name, dep) for name, svc in SERVICES.items() for dep in (svc.get("depends_on") or {})]


@pytest.mark.parametrize(("name", "dependency"), DEPENDENCIES, ids=[f"{n}->{d}" for n, d in DEPENDENCIES])
def test_dependency_exists_and_waits_for_a_meaningful_condition(name: str, dependency: str) -> None:
    depends_on = SERVICES[name]["depends_on"]
    assert isinstance(depends_on, dict), f"{name}: use the long depends_on syntax with conditions"
    assert dependency in SERVICES and dependency != name
    condition = depends_on[dependency]["condition"]
    if dependency in ONE_SHOT:
        assert condition == "service_completed_successfully"
    else:
        assert condition == "service_healthy"
        assert SERVICES[dependency].get("healthcheck"), f"{dependency} cannot become healthy"


def test_dependencies_have_no_cycle() -> None:
    graph = {name: set(svc.get("depends_on") or {}) for name, svc in SERVICES.items()}
    done: set[str] = set()

    def visit(name: str, path: tuple[str, ...]) -> None:
        assert name not in path, " -> ".join((*path, name))
        if name not in done:
            for dep in graph[name]:
                visit(dep, (*path, name))
            done.add(name)

    for name in graph:
        visit(name, ())


@pytest.mark.parametrize("name", LONG_RUNNING_AIRFLOW, ids=LONG_RUNNING_AIRFLOW)
def test_airflow_service_waits_for_init_and_backends(name: str) -> None:
    depends_on = SERVICES[name]["depends_on"]
    assert depends_on["airflow-init"]["condition"] == "service_completed_successfully"
    assert depends_on["postgres"]["condition"] == "service_healthy"
    assert depends_on["redis"]["condition"] == "service_healthy"


@pytest.mark.parametrize(
    "dependency", ["airflow-apiserver", "crm-db", "ledger-db", "mailpit"], ids=lambda d: d
)
def test_worker_waits_for_what_tasks_talk_to(dependency: str) -> None:
    assert SERVICES["airflow-worker"]["depends_on"][dependency]["condition"] == "service_healthy"


def test_crm_seed_waits_for_the_crm() -> None:
    assert SERVICES["crm-seed"]["depends_on"]["crm-db"]["condition"] == "service_healthy"


# --- volumes and ports ----------------------------------------------------------------------------

MOUNTS = [
    (name, volume if isinstance(volume, str) else f"{volume['source']}:{volume['target']}")
    for name, svc in SERVICES.items()
    for volume in svc.get("volumes") or []
]


@pytest.mark.parametrize(("name", "mount"), MOUNTS, ids=[f"{n}:{m.split(':')[0]}" for n, m in MOUNTS])
def test_volume_is_declared_or_a_directory_of_the_repo(name: str, mount: str) -> None:
    source = mount.split(":")[0]
    if source.startswith((".", "/", "~")):
        assert not source.startswith(("/", "~")), f"{name}: absolute host path {source} is not portable"
        assert (ROOT / source).exists(), f"{name}: bind mount source {source} does not exist in the repo"
    else:
        assert source in (COMPOSE.get("volumes") or {}), f"{name}: volume {source} is not declared"


def test_every_declared_volume_is_used() -> None:
    used = {mount.split(":")[0] for _, mount in MOUNTS}
    assert set(COMPOSE.get("volumes") or {}) - used == set()


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("./dags", "/opt/airflow/dags"),
        ("./plugins", "/opt/airflow/plugins"),
        ("./include/policies", "/opt/airflow/include/policies"),
    ],
    ids=["dags", "plugins", "policies"],
)
def test_code_and_policies_are_mounted_read_only_in_every_airflow_service(source: str, target: str) -> None:
    for name in AIRFLOW_SERVICES:
        assert f"{source}:{target}:ro" in SERVICES[name]["volumes"], name


SHARED_DIRS = [
    ("logs", "/opt/airflow/logs"),
    ("workdir", "CRM_PRIVACY_WORKDIR"),
    ("reports", "CRM_PRIVACY_REPORTS_DIR"),
]


@pytest.mark.parametrize(("label", "where"), SHARED_DIRS, ids=[label for label, _ in SHARED_DIRS])
def test_shared_directory_is_one_named_volume_in_every_airflow_service(label: str, where: str) -> None:
    # Logs are read by the api-server, plan files are handed from task to task across workers, reports
    # are written by workers and shown by the UI plugin: one named volume, mounted everywhere.
    target = where if where.startswith("/") else env_of(COMMON)[where]
    sources = set()
    for name in AIRFLOW_SERVICES:
        mounted = [v.split(":")[0] for v in SERVICES[name]["volumes"] if v.split(":")[1] == target]
        assert mounted, f"{name} does not mount {target}"
        sources.update(mounted)
    assert len(sources) == 1 and sources <= set(COMPOSE["volumes"]), sources


def test_default_policy_is_a_file_of_the_repo_mounted_read_only() -> None:
    policy = env_of(COMMON)["CRM_PRIVACY_POLICY"]
    for mount in COMMON["volumes"]:
        source, target, *mode = mount.split(":")
        if policy.startswith(target + "/"):
            assert mode == ["ro"]
            assert (ROOT / source / policy.removeprefix(target + "/")).is_file(), policy
            # The image holds the same file at the same place (runs without the mount too).
            assert _copied_to(source.removeprefix("./") + "/") == target + "/"
            return
    raise AssertionError(f"{policy} is on no mount")


def published(name: str) -> set[int]:
    ports = set()
    for port in SERVICES[name].get("ports") or []:
        if isinstance(port, dict):
            ports.add(int(port["target"]))
        else:
            ports.add(int(str(port).split(":")[-1].split("/")[0]))
    return ports


@pytest.mark.parametrize(
    ("name", "port"),
    [("airflow-apiserver", 8080), ("mailpit", 8025), ("mailpit", 1025)],
    ids=["apiserver-8080", "mailpit-ui-8025", "mailpit-smtp-1025"],
)
def test_port_is_published(name: str, port: int) -> None:
    assert port in published(name)


@pytest.mark.parametrize("name", ["postgres", "redis", "crm-db", "ledger-db"], ids=lambda n: n)
def test_databases_are_not_published_on_the_host(name: str) -> None:
    assert not SERVICES[name].get("ports")


# --- Dockerfile -----------------------------------------------------------------------------------


def test_dockerfile_from_matches_the_pinned_airflow_and_python() -> None:
    froms = [args for keyword, args in dockerfile_instructions() if keyword == "FROM"]
    assert len(froms) == 1
    match = re.fullmatch(r"apache/airflow:(?P<airflow>[\d.]+)-python(?P<python>[\d.]+)", froms[0])
    assert match, froms[0]
    assert match["airflow"] == pins(ROOT / "requirements.txt")["apache-airflow"]
    locked_for = re.search(r"--python-version (\S+)", (ROOT / "requirements.txt").read_text())
    assert locked_for and match["python"] == locked_for[1]


def _copied_to(source: str) -> str:
    for sources, destination in copies():
        if source in sources:
            return destination
    raise AssertionError(f"the Dockerfile does not COPY {source}")


def _pip_installs() -> list[str]:
    return [args for keyword, args in dockerfile_instructions() if keyword == "RUN" and "pip install" in args]


@pytest.mark.parametrize(
    "lock", ["requirements.txt", "docker/requirements-celery.txt"], ids=["requirements", "celery"]
)
def test_dockerfile_installs_lock_with_airflow_held_at_the_image_version(lock: str) -> None:
    destination = _copied_to(lock)
    target = destination if not destination.endswith("/") else destination + Path(lock).name
    runs = [run for run in _pip_installs() if f"-r {target}" in run]
    assert runs, f"no `pip install -r {target}`"
    assert all('"apache-airflow==${AIRFLOW_VERSION}"' in run for run in runs)
    assert all("--no-cache-dir" in run for run in runs)


def test_dockerfile_installs_our_package_without_dependencies() -> None:
    project_dir = _copied_to("pyproject.toml").rstrip("/")
    assert _copied_to("include/").rstrip("/") == f"{project_dir}/include"
    runs = [run for run in _pip_installs() if re.search(rf"\s{re.escape(project_dir)}/?(\s|$)", run)]
    assert runs and all("--no-deps" in run for run in runs)


@pytest.mark.parametrize(
    ("source", "destination"),
    [("dags/", "/opt/airflow/dags/"), ("plugins/", "/opt/airflow/plugins/")],
    ids=["dags", "plugins"],
)
def test_dockerfile_bakes_in_dags_and_plugins(source: str, destination: str) -> None:
    assert _copied_to(source) == destination


COPY_SOURCES = sorted({source for sources, _ in copies() for source in sources})


@pytest.mark.parametrize("source", COPY_SOURCES, ids=COPY_SOURCES)
def test_copied_path_exists_and_is_in_the_build_context(source: str) -> None:
    matches = list(ROOT.glob(source.rstrip("/")))
    assert matches, f"{source} does not exist: the image cannot build"
    for path in matches:
        relative = path.relative_to(ROOT).as_posix()
        assert not dockerignored(relative), f".dockerignore excludes {relative}"


@pytest.mark.parametrize("path", [".env", ".env.production", ".venv", ".git"], ids=lambda p: p)
def test_dockerignore_keeps_secrets_and_local_state_out(path: str) -> None:
    assert dockerignored(path)


def test_dockerfile_holds_no_secret() -> None:
    for keyword, args in dockerfile_instructions():
        if keyword in ("ENV", "ARG"):
            assert not re.search(r"(KEY|SECRET|PASSWORD|TOKEN)\w*=", args, re.I), args
        if keyword in ("COPY", "ADD"):
            assert ".env" not in args.split(), args


def test_scripts_named_in_compose_are_in_the_image() -> None:
    referenced = set(re.findall(r"/opt/crm-privacy/docker/([\w.-]+\.py)", "\n".join(_strings(COMPOSE))))
    assert referenced, "compose runs no helper script?"
    assert _copied_to("docker/*.py") == "/opt/crm-privacy/docker/"
    assert {p for p in referenced if not (DOCKER_DIR / p).is_file()} == set()


def test_celery_lock_agrees_with_requirements() -> None:
    main, celery = pins(ROOT / "requirements.txt"), pins(DOCKER_DIR / "requirements-celery.txt")
    assert {"apache-airflow-providers-celery", "celery", "redis"} <= set(celery)
    assert {name: (main[name], v) for name, v in celery.items() if name in main and main[name] != v} == {}


# --- .env.example ---------------------------------------------------------------------------------


def test_compose_uses_no_bare_variable() -> None:
    # A bare ${VAR} silently becomes "" when unset; $VAR in a command is a shell variable that needs $$.
    bare = sorted({name for name, op in COMPOSE_VARIABLES if op is None})
    assert bare == []


@pytest.mark.parametrize("variable", REQUIRED_VARIABLES, ids=REQUIRED_VARIABLES)
def test_env_example_defines_every_required_variable(variable: str) -> None:
    assert ENV_EXAMPLE_VALUES.get(variable), f"{variable} is required by docker-compose.yaml"


@pytest.mark.parametrize("variable", sorted(ENV_EXAMPLE_VALUES), ids=sorted(ENV_EXAMPLE_VALUES))
def test_env_example_variable_is_used_by_compose(variable: str) -> None:
    assert variable in {name for name, _ in COMPOSE_VARIABLES}


def test_whole_compose_file_interpolates_with_env_example() -> None:
    for text in _strings(COMPOSE):
        interpolated(text)  # raises KeyError for a required variable .env.example lacks


check_env = load_script("check_env")


@pytest.mark.parametrize("variable", check_env.REQUIRED, ids=check_env.REQUIRED)
def test_env_example_secret_is_a_placeholder(variable: str) -> None:
    # No real secret is ever committed, and check_env refuses the placeholder.
    assert "change-me" in ENV_EXAMPLE_VALUES[variable]


def test_check_env_covers_every_required_compose_variable() -> None:
    assert set(REQUIRED_VARIABLES) == set(check_env.REQUIRED)


@pytest.mark.parametrize("variable", check_env.REQUIRED, ids=check_env.REQUIRED)
def test_airflow_init_receives_the_raw_value_to_check(variable: str) -> None:
    raw = env_of(SERVICES["airflow-init"]).get(variable, "")
    assert [name for name, _ in variables(raw)] == [variable]


def good_env() -> dict[str, str]:
    from cryptography.fernet import Fernet

    return {
        "AIRFLOW_FERNET_KEY": Fernet.generate_key().decode(),
        "AIRFLOW_JWT_SECRET": "a" * 64,
        "AIRFLOW_API_SECRET_KEY": "b" * 64,
        "CRM_PRIVACY_HMAC_KEY": "c" * 64,
        "AIRFLOW_ADMIN_USER": "admin",
        "AIRFLOW_ADMIN_PASSWORD": "d" * 32,
        "AIRFLOW_DB_PASSWORD": "e" * 48,
        "CRM_DB_PASSWORD": "f" * 48,
        "LEDGER_DB_PASSWORD": "0123456789abcdef",
    }


def test_check_env_refuses_the_env_example_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert check_env.main([str(ENV_EXAMPLE)]) == 1
    err = capsys.readouterr().err
    assert all(name in err for name in check_env.REQUIRED)
    assert "change-me" not in err  # names the settings, never echoes a value


def test_check_env_accepts_generated_values(capsys: pytest.CaptureFixture[str]) -> None:
    assert check_env.problems(good_env()) == []
    assert check_env.main([], env=good_env()) == 0


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"CRM_PRIVACY_HMAC_KEY": "change-me-openssl-rand-hex-32"}, "CRM_PRIVACY_HMAC_KEY still holds"),
        ({"AIRFLOW_JWT_SECRET": ""}, "AIRFLOW_JWT_SECRET is missing"),
        ({"AIRFLOW_JWT_SECRET": "short"}, "AIRFLOW_JWT_SECRET is shorter"),
        ({"AIRFLOW_FERNET_KEY": "x" * 44}, "AIRFLOW_FERNET_KEY is not a Fernet key"),
        ({"CRM_DB_PASSWORD": "p@ss/word:with#chars"}, "CRM_DB_PASSWORD may only use"),
        ({"AIRFLOW_DB_PASSWORD": "tooshort"}, "AIRFLOW_DB_PASSWORD is shorter"),
        ({"CRM_PRIVACY_HMAC_KEY": "a" * 64}, "AIRFLOW_JWT_SECRET and CRM_PRIVACY_HMAC_KEY are the same"),
        ({"AIRFLOW_ADMIN_USER": "ad:min"}, "AIRFLOW_ADMIN_USER may only use"),
    ],
    ids=["placeholder", "empty", "short-key", "bad-fernet", "url-unsafe", "short-password", "reused", "user"],
)
def test_check_env_refuses(changes: dict[str, str], expected: str) -> None:
    env = good_env() | changes
    found = check_env.problems(env)
    assert any(expected in line for line in found), found
    # Messages name settings, never values.
    assert not any(value in line for line in found for value in changes.values() if len(value) > 5)


def test_check_env_accepts_a_rotated_fernet_key_list() -> None:
    from cryptography.fernet import Fernet

    env = good_env() | {
        "AIRFLOW_FERNET_KEY": f"{Fernet.generate_key().decode()},{Fernet.generate_key().decode()}"
    }
    assert check_env.problems(env) == []


# --- helper scripts -----------------------------------------------------------------------------


def test_apiserver_writes_the_admin_password_before_starting() -> None:
    command = SERVICES["airflow-apiserver"]["command"]
    script = " ".join(command) if isinstance(command, list) else command
    assert re.search(r"simple_auth_passwords\.py && exec airflow api-server$", script), script
    env = env_of(SERVICES["airflow-apiserver"])
    assert {n for n, _ in variables(env["AIRFLOW_ADMIN_PASSWORD"])} == {"AIRFLOW_ADMIN_PASSWORD"}


def test_simple_auth_passwords_writes_a_private_json_file(tmp_path: Path) -> None:
    writer = load_script("simple_auth_passwords")
    path = tmp_path / "passwords.json"
    env = {
        "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE": str(path),
        "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS": "dpo:admin",
        "AIRFLOW_ADMIN_USER": "dpo",
        "AIRFLOW_ADMIN_PASSWORD": 'with "quotes" and \\',
    }
    assert writer.main(env) == 0
    assert json.loads(path.read_text()) == {"dpo": 'with "quotes" and \\'}
    assert path.stat().st_mode & 0o077 == 0
    assert writer.main(env | {"AIRFLOW_ADMIN_USER": "someone-else"}) == 1
    assert writer.main(env | {"AIRFLOW_ADMIN_PASSWORD": ""}) == 1


def test_crm_seed_runs_the_seed_script_without_waiting_for_airflow() -> None:
    service = SERVICES["crm-seed"]
    assert service["command"] == ["python", "/opt/crm-privacy/docker/seed_crm.py"]
    assert env_of(service)["CONNECTION_CHECK_MAX_COUNT"] == "0"


seed_crm = load_script("seed_crm")


class FakeParser:
    """Stands in for crm_privacy.cli.build_parser(): records the argv, runs ``func``."""

    def __init__(self, func: Any) -> None:
        self.func = func
        self.argv: list[str] | None = None

    def parse_args(self, argv: list[str]) -> Any:
        self.argv = argv
        return type("Args", (), {"func": staticmethod(self.func)})()


def _sqlite(tmp_path: Path, *, with_table: bool) -> str:
    import sqlite3

    path = tmp_path / "crm.sqlite"
    with sqlite3.connect(path) as db:
        if with_table:
            db.execute("CREATE TABLE contacts (id INTEGER PRIMARY KEY, email TEXT)")
            db.execute("INSERT INTO contacts VALUES (1, 'someone@example.org')")
    return f"sqlite:///{path}"


def test_seed_leaves_a_non_empty_crm_untouched(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import crm_privacy.cli

    def must_not_run(_args: Any) -> int:
        raise AssertionError("demo-db must not run on a CRM that holds tables")

    monkeypatch.setattr(crm_privacy.cli, "build_parser", lambda: FakeParser(must_not_run))
    url = _sqlite(tmp_path, with_table=True)
    assert seed_crm.main({"CRM_SEED_URL": url}) == 0


def test_seed_runs_demo_db_on_an_empty_crm(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import crm_privacy.cli

    parser = FakeParser(lambda _args: 0)
    monkeypatch.setattr(crm_privacy.cli, "build_parser", lambda: parser)
    url = _sqlite(tmp_path, with_table=False)
    assert seed_crm.main({"CRM_SEED_URL": url, "CRM_SEED_CONTACTS": "500"}) == 0
    assert parser.argv == ["demo-db", "--url", url, "--contacts", "500", "--seed", "42"]


@pytest.mark.parametrize(
    ("error", "expected_code"),
    [("SchemaNotEmpty", 0), ("ConnectionFailed", 2)],
    ids=["refusal-tolerated", "other-error-fails"],
)
def test_seed_tolerates_only_the_non_empty_refusal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: str, expected_code: int
) -> None:
    import crm_privacy.cli
    import crm_privacy.errors

    def refuse(_args: Any) -> int:
        raise getattr(crm_privacy.errors, error)("schema 'main' holds tables")

    monkeypatch.setattr(crm_privacy.cli, "build_parser", lambda: FakeParser(refuse))
    assert seed_crm.main({"CRM_SEED_URL": _sqlite(tmp_path, with_table=False)}) == expected_code


def test_seed_fails_when_the_crm_is_unreachable(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/no/such/dir/crm.sqlite"
    assert seed_crm.main({"CRM_SEED_URL": url}) == 2


def test_seed_builds_a_psycopg_url_with_an_escaped_password() -> None:
    url = seed_crm.crm_url(
        {
            "CRM_DB_USER": "crm",
            "CRM_DB_PASSWORD": "p@ss:w/rd",
            "CRM_DB_HOST": "crm-db",
            "CRM_DB_PORT": "5432",
            "CRM_DB_NAME": "crm",
        }
    )
    assert url == "postgresql+psycopg://crm:p%40ss%3Aw%2Frd@crm-db:5432/crm"


def test_seed_environment_matches_the_crm_server() -> None:
    seed, crm = env_of(SERVICES["crm-seed"]), env_of(SERVICES["crm-db"])
    assert seed["CRM_DB_HOST"] == "crm-db"
    assert (seed["CRM_DB_USER"], seed["CRM_DB_NAME"]) == (crm["POSTGRES_USER"], crm["POSTGRES_DB"])
    assert seed["CRM_DB_PASSWORD"] == crm["POSTGRES_PASSWORD"]


def _demo_db_registered() -> bool:
    from crm_privacy.cli import build_parser

    try:
        build_parser().parse_args(["demo-db", "--help"])
    except SystemExit as exc:
        return exc.code == 0
    return False


def test_seed_arguments_are_accepted_by_the_real_demo_db(capsys: pytest.CaptureFixture[str]) -> None:
    if not _demo_db_registered():
        pytest.skip("the demo-db command is not built yet")
    capsys.readouterr()
    from crm_privacy.cli import build_parser

    args = build_parser().parse_args(seed_crm.demo_db_argv("sqlite:///x.sqlite", {}))
    assert args.func


@pytest.mark.slow
def test_seed_twice_with_the_real_demo_db_never_rewrites(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if not _demo_db_registered():
        pytest.skip("the demo-db command is not built yet")
    import sqlite3

    env = {"CRM_SEED_URL": f"sqlite:///{tmp_path / 'crm.sqlite'}", "CRM_SEED_CONTACTS": "50"}
    assert seed_crm.main(env) == 0
    with sqlite3.connect(tmp_path / "crm.sqlite") as db:
        before = db.execute("SELECT count(*), max(email) FROM contacts").fetchone()
        db.execute("UPDATE contacts SET email = 'kept@example.org' WHERE id = (SELECT min(id) FROM contacts)")
    assert seed_crm.main(env) == 0
    assert "leaving it untouched" in capsys.readouterr().out
    with sqlite3.connect(tmp_path / "crm.sqlite") as db:
        assert db.execute("SELECT count(*) FROM contacts").fetchone()[0] == before[0]
        assert db.execute("SELECT count(*) FROM contacts WHERE email = 'kept@example.org'").fetchone()[0] == 1


# --- crm-seed: the archive reader role the demo policy needs ---------------------------------------
# (On real PostgreSQL and MariaDB servers: tests/integration/test_seed_crm.py.)


def test_crm_seed_reads_the_policy_the_dags_apply() -> None:
    # The roles it creates are the ones the sweep checks: same file, same mount as the DAGs'.
    seed = SERVICES["crm-seed"]
    assert env_of(seed)["CRM_PRIVACY_POLICY"] == env_of(COMMON)["CRM_PRIVACY_POLICY"]
    assert "./include/policies:/opt/airflow/include/policies:ro" in seed["volumes"]


def test_seed_default_policy_is_the_demo_policy_and_names_archive_reader() -> None:
    assert seed_crm.DEFAULT_POLICY == ROOT / "include" / "policies" / "demo_crm.yaml"
    # In the image the script sits in /opt/crm-privacy/docker/ and the policies in /opt/crm-privacy/include/.
    assert _copied_to("include/") == "/opt/crm-privacy/include/"
    assert seed_crm.reader_roles(seed_crm.policy_path({})) == ["archive_reader"]


def test_seed_creates_the_reader_roles_first_even_on_a_non_empty_crm(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import crm_privacy.cli

    calls: list[tuple[str, list[str]]] = []
    monkeypatch.setattr(seed_crm, "ensure_roles", lambda url, roles: calls.append((url, roles)) or [])

    def must_not_run(_args: Any) -> int:
        raise AssertionError("demo-db must not run on a CRM that holds tables")

    monkeypatch.setattr(crm_privacy.cli, "build_parser", lambda: FakeParser(must_not_run))
    url = _sqlite(tmp_path, with_table=True)
    assert seed_crm.main({"CRM_SEED_URL": url}) == 0
    assert calls == [(url, ["archive_reader"])]


def test_seed_on_sqlite_creates_no_role(tmp_path: Path) -> None:
    (message,) = seed_crm.ensure_roles(_sqlite(tmp_path, with_table=False), ["archive_reader"])
    assert "sqlite has no roles" in message


def test_seed_fails_on_a_policy_it_cannot_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    env = {
        "CRM_SEED_URL": _sqlite(tmp_path, with_table=False),
        "CRM_PRIVACY_POLICY": str(tmp_path / "no.yaml"),
    }
    assert seed_crm.main(env) == 2
    assert "no.yaml" in capsys.readouterr().err


def test_worker_waits_for_the_seeded_crm() -> None:
    # The first task must find the demo data and the archive reader role.
    condition = SERVICES["airflow-worker"]["depends_on"]["crm-seed"]["condition"]
    assert condition == "service_completed_successfully"


# --- the locks: the image installs the runtime lock only -------------------------------------------

RUNTIME_LOCK, DEV_LOCK = ROOT / "requirements.txt", ROOT / "requirements-dev.txt"
TEST_AND_LINT_TOOLS = ("pytest", "pytest-timeout", "playwright", "mypy", "ruff", "aiosmtpd", "types-pyyaml")


def test_dockerfile_installs_no_dev_lock() -> None:
    installed = {Path(f).name for run in _pip_installs() for f in re.findall(r"-r\s+(\S+)", run)}
    assert installed == {"requirements.txt", "requirements-celery.txt"}
    assert not [args for _, args in dockerfile_instructions() if "requirements-dev" in args]


@pytest.mark.parametrize("tool", TEST_AND_LINT_TOOLS, ids=TEST_AND_LINT_TOOLS)
def test_test_and_lint_tool_is_in_the_dev_lock_only(tool: str) -> None:
    assert tool not in pins(RUNTIME_LOCK), f"{tool} would be installed in the image"
    assert tool in pins(DEV_LOCK)


@pytest.mark.parametrize("lock", ["requirements.txt", "requirements-dev.txt"], ids=["runtime", "dev"])
def test_lock_is_generated_by_uv_from_its_in_file(lock: str) -> None:
    text = (ROOT / lock).read_text(encoding="utf-8")
    source = lock.replace(".txt", ".in")
    header = f"#    uv pip compile {source} -o {lock} --python-version 3.11"
    assert text.startswith("# This file was autogenerated by uv via the following command:\n" + header + "\n")
    assert header.removeprefix("#    ") in (ROOT / "Makefile").read_text(encoding="utf-8")


def test_dev_lock_is_constrained_by_the_runtime_lock() -> None:
    lines = [line.strip() for line in (ROOT / "requirements-dev.in").read_text(encoding="utf-8").splitlines()]
    assert "-c requirements.txt" in lines
    runtime, dev = pins(RUNTIME_LOCK), pins(DEV_LOCK)
    assert {
        name: (runtime[name], v) for name, v in dev.items() if name in runtime and runtime[name] != v
    } == {}


def test_make_install_installs_both_locks() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"pip install .*-r requirements\.txt -r requirements-dev\.txt", makefile)


def _imported_modules(paths: list[Path]) -> dict[str, str]:
    """Top-level module -> one file importing it (absolute imports only)."""
    import ast

    found: dict[str, str] = {}
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                found.setdefault(name.split(".")[0], str(path.relative_to(ROOT)))
    return found


def test_the_product_imports_only_what_the_runtime_lock_installs() -> None:
    import sys
    from importlib.metadata import packages_distributions

    sources = [
        *(ROOT / "include" / "crm_privacy").rglob("*.py"),
        *(ROOT / "dags").rglob("*.py"),
        *(ROOT / "plugins").rglob("*.py"),
        *DOCKER_DIR.glob("*.py"),
    ]
    shipped = set(pins(RUNTIME_LOCK)) | set(pins(DOCKER_DIR / "requirements-celery.txt"))
    dev_only = set(pins(DEV_LOCK)) - set(pins(RUNTIME_LOCK))
    distributions = packages_distributions()
    problems = []
    for module, where in sorted(_imported_modules(sources).items()):
        if module in sys.stdlib_module_names or module in ("__future__", "crm_privacy"):
            continue
        dists = {re.sub(r"[-_.]+", "-", d).lower() for d in distributions.get(module, [])}
        if not dists:
            problems.append(f"{module} ({where}): installed by no distribution")
        elif dists & dev_only:
            problems.append(f"{module} ({where}): from the dev lock only ({', '.join(sorted(dists))})")
        elif not dists & shipped:
            problems.append(f"{module} ({where}): {', '.join(sorted(dists))} not in the runtime lock")
    assert problems == []


# --- docker/smoke.sh: the REST smoke test a user with Docker runs ----------------------------------

SMOKE = DOCKER_DIR / "smoke.sh"
SMOKE_TEXT = SMOKE.read_text(encoding="utf-8")


def _airflow_openapi(relative: str) -> dict[str, Any]:
    """One of the OpenAPI documents shipped with the installed Airflow (read without importing it)."""
    import importlib.util

    spec = importlib.util.find_spec("airflow")
    assert spec and spec.submodule_search_locations
    path = Path(next(iter(spec.submodule_search_locations))) / "api_fastapi" / relative
    document: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return document


REST_API = _airflow_openapi("core_api/openapi/v2-rest-api-generated.yaml")
AUTH_API = _airflow_openapi("auth/managers/simple/openapi/v2-simple-auth-manager-generated.yaml")


def _schema(document: dict[str, Any], name: str) -> dict[str, Any]:
    schema: dict[str, Any] = document["components"]["schemas"][name]
    return schema


def smoke_calls() -> list[tuple[str, str]]:
    """(METHOD, OpenAPI path) of every `api METHOD PATH` call of the script."""
    calls = []
    for method, raw in re.findall(r"\bapi (GET|POST|PATCH|DELETE) \"?([^\"\s)]+)", SMOKE_TEXT):
        path = raw.split("?")[0].replace("$DAG_ID", "{dag_id}").replace("$run_id", "{dag_run_id}")
        calls.append((method, path))
    return calls


def test_smoke_script_is_an_executable_bash_script_that_parses() -> None:
    assert os.access(SMOKE, os.X_OK), "chmod +x docker/smoke.sh"
    assert SMOKE_TEXT.startswith("#!/usr/bin/env bash\n")
    assert "set -euo pipefail" in SMOKE_TEXT
    result = subprocess.run(["bash", "-n", str(SMOKE)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


def test_smoke_script_passes_shellcheck() -> None:
    shellcheck = shutil.which("shellcheck")
    if shellcheck is None:
        pytest.skip("shellcheck is not installed")
    result = subprocess.run([shellcheck, str(SMOKE)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout


def test_smoke_script_calls_only_endpoints_of_the_installed_airflow() -> None:
    calls = smoke_calls()
    assert len(calls) >= 6
    paths = REST_API["paths"] | AUTH_API["paths"]
    unknown = [(m, p) for m, p in calls if m.lower() not in paths.get(p, {})]
    assert unknown == []


def test_smoke_script_gets_a_token_from_the_simple_auth_manager() -> None:
    assert ("POST", "/auth/token") in smoke_calls()
    login = _schema(AUTH_API, "LoginBody")
    body = re.search(r"printf '(\{\"username\"[^']*)'", SMOKE_TEXT)
    assert body, "the token request body"
    assert set(re.findall(r"\"(\w+)\":", body[1])) == set(login["required"]) == {"username", "password"}
    assert "access_token" in _schema(AUTH_API, "LoginResponse")["required"]
    assert "json_get access_token" in SMOKE_TEXT
    assert "Authorization: Bearer" in SMOKE_TEXT


def test_smoke_script_waits_for_health_then_unpauses_the_sweep() -> None:
    calls = smoke_calls()
    assert calls[0] == ("GET", "/api/v2/monitor/health")
    components = set(_schema(REST_API, "HealthInfoResponse")["properties"])
    assert {"metadatabase", "scheduler", "dag_processor"} <= components
    assert ("PATCH", "/api/v2/dags/{dag_id}") in calls
    assert "is_paused" in _schema(REST_API, "DAGPatchBody")["properties"]
    assert "printf '{\"is_paused\": false}'" in SMOKE_TEXT
    assert re.search(r"^DAG_ID=crm_retention_sweep$", SMOKE_TEXT, re.M)
    assert 'dag_id="crm_retention_sweep"' in (ROOT / "dags" / "crm_retention_sweep.py").read_text()


def test_smoke_script_triggers_a_dry_run_then_a_real_run_and_checks_both() -> None:
    assert ("POST", "/api/v2/dags/{dag_id}/dagRuns") in smoke_calls()
    assert ("GET", "/api/v2/dags/{dag_id}/dagRuns/{dag_run_id}") in smoke_calls()
    trigger = _schema(REST_API, "TriggerDAGRunPostBody")
    body = re.search(r"printf '(\{\"dag_run_id\"[^']*)'", SMOKE_TEXT)
    assert body, "the trigger request body"
    keys = set(re.findall(r"\"(\w+)\":", body[1]))
    assert set(trigger["required"]) <= keys <= set(trigger["properties"])
    runs = re.findall(r"^run_and_wait (\w+) \d+ \"(.*)\"$", SMOKE_TEXT, re.M)
    assert [kind for kind, _ in runs] == ["dry", "real"]
    (_, dry), (_, real) = runs
    assert '\\"dry_run\\": true' in dry and "dry_run" not in real
    assert '\\"max_share\\": $SMOKE_MAX_SHARE' in real
    dag = (ROOT / "dags" / "crm_retention_sweep.py").read_text(encoding="utf-8")
    assert '"dry_run": Param(' in dag and '"max_share": Param(' in dag
    # Success is the only accepted end state; anything else exits non-zero.
    assert "success) return 0 ;;" in SMOKE_TEXT
    assert re.search(r"^fail\(\) \{\n.*\n  exit 1\n\}", SMOKE_TEXT, re.M)


def test_smoke_script_runs_on_the_demo_date_with_the_demo_share() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    demo_date = re.search(r"^DEMO_DATE \?= (\S+)$", makefile, re.M)
    demo_share = re.search(r'^DEMO_CONF \?= \{"max_share": ([\d.]+)\}$', makefile, re.M)
    assert demo_date and demo_share
    assert f'SMOKE_DATE="${{SMOKE_DATE:-{demo_date[1]}}}"' in SMOKE_TEXT
    assert f'SMOKE_MAX_SHARE="${{SMOKE_MAX_SHARE:-{demo_share[1]}}}"' in SMOKE_TEXT


# --- docker compose itself, where it is installed --------------------------------------------------


def _compose_plugin() -> list[str] | None:
    """`docker compose` (the CLI plugin), else a standalone Compose v2 `docker-compose`; None if neither."""
    candidates = []
    if docker := shutil.which("docker"):
        candidates.append([docker, "compose"])
    if standalone := shutil.which("docker-compose"):
        candidates.append([standalone])
    for command in candidates:
        probe = subprocess.run([*command, "version"], capture_output=True, text=True, check=False)
        if probe.returncode == 0 and re.search(r"version v?2\.", probe.stdout):
            return command
    return None


SKIP_NO_COMPOSE = "no Docker Compose v2 here (neither the `docker compose` plugin nor `docker-compose`)"


def _env_without_compose_variables() -> dict[str, str]:
    # The shell's environment wins over --env-file in compose: keep only what docker itself needs.
    names = {name for name, _ in COMPOSE_VARIABLES}
    return {k: v for k, v in os.environ.items() if k not in names}


def test_docker_compose_config_accepts_the_file_with_env_example() -> None:
    compose = _compose_plugin()
    if compose is None:
        pytest.skip(SKIP_NO_COMPOSE)
    result = subprocess.run(
        [*compose, "-f", str(COMPOSE_FILE), "--env-file", str(ENV_EXAMPLE), "config", "-q"],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
        env=_env_without_compose_variables(),
    )
    assert result.returncode == 0, result.stderr


def test_docker_compose_config_refuses_a_missing_secret(tmp_path: Path) -> None:
    compose = _compose_plugin()
    if compose is None:
        pytest.skip(SKIP_NO_COMPOSE)
    env_file = tmp_path / ".env"
    env_file.write_text(
        "\n".join(
            line
            for line in ENV_EXAMPLE.read_text().splitlines()
            if not line.startswith("AIRFLOW_JWT_SECRET=")
        )
    )
    result = subprocess.run(
        [*compose, "-f", str(COMPOSE_FILE), "--env-file", str(env_file), "config", "-q"],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
        env=_env_without_compose_variables(),
    )
    assert result.returncode != 0
    assert "AIRFLOW_JWT_SECRET" in result.stderr
