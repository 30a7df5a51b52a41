"""The export bundle of an access (art. 15) or portability (art. 20) request: the person's rows as JSON
and CSV, a schema, a LISEZMOI.txt and SHA256SUMS, in a zip encrypted with AES-256 (WinZip AES).

The password is returned to the caller, to be sent to the person by another channel than the zip; it
is never logged nor written anywhere. See docs/requests.md.
"""

from __future__ import annotations

import base64
import csv
import datetime as dt
import hashlib
import io
import json
import math
import os
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from crm_privacy.crm.binding import Binding
from crm_privacy.errors import UsageError
from crm_privacy.requests.collect import Collected, collect, portable
from crm_privacy.requests.model import SubjectRequest
from crm_privacy.requests.notice import readme
from crm_privacy.requests.others import scrub_others
from crm_privacy.requests.scope import portability_refusal, purposes_reaching

SCHEMA_VERSION = 1
#: characters of ``secrets.token_urlsafe(18)``: 144 random bits, beyond the CNIL's 80-bit advice
PASSWORD_BYTES = 18


@dataclass(frozen=True)
class Bundle:
    path: Path | None  #: the encrypted zip (None: portability refused)
    password: str = field(repr=False)  #: sent to the person separately; never logged, never in a report
    sha256: str  #: of the zip ("" when refused)
    tables: dict[str, int]  #: rows exported per table (archive tables under their own name)
    refused: list[str]  #: portability: the reasons it does not apply (then no zip)


def write_bundle(
    binding: Binding,
    keys: Sequence[Any],
    *,
    request: SubjectRequest,
    out_dir: Path,
    portability: bool,
    as_of: dt.date,
) -> Bundle:
    """Collect the rows of the subject ``keys`` (primary keys of the subject table), check that
    portability applies (when asked), and write ``<out_dir>/<reference>-<access|portability>.zip``."""
    if request.type not in ("access", "portability"):
        raise UsageError(f"an export answers an access or portability request, not {request.type}")
    tables = collect(binding, keys)
    rows = {name: 0 for name in binding.policy.tables}
    for table in tables:
        rows[table.source] += len(table.rows)
    reached = purposes_reaching(binding, keys, rows)
    if portability:
        refused = portability_refusal(reached)
        if refused:
            return Bundle(path=None, password="", sha256="", tables={}, refused=refused)
        tables = portable(binding, tables)
    scrub_others(binding, keys, tables)
    kind = "portability" if portability else "access"
    files = _data_files(tables, request, as_of, kind)
    files["LISEZMOI.txt"] = readme(
        binding.policy, request, as_of, tables, reached, portability=portability
    ).encode("utf-8")
    files["schema.json"] = _json(_schema(tables, kind, as_of))
    files["SHA256SUMS"] = "".join(
        f"{hashlib.sha256(data).hexdigest()}  {name}\n" for name, data in sorted(files.items())
    ).encode("ascii")
    password = secrets.token_urlsafe(PASSWORD_BYTES)
    out_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    path = out_dir / f"{request.reference.replace(':', '_')}-{kind}.zip"
    _write_zip(path, files, password, as_of)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return Bundle(
        path=path,
        password=password,
        sha256=digest,
        tables={t.name: len(t.rows) for t in tables},
        refused=[],
    )


def _data_files(
    tables: Sequence[Collected], request: SubjectRequest, as_of: dt.date, kind: str
) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    everything: dict[str, list[dict[str, Any]]] = {}
    for table in tables:
        names = [c.name for c in table.columns]
        values = [{n: json_value(row[n]) for n in names} for row in table.rows]
        everything[table.name] = values
        files[f"json/{table.name}.json"] = _json(values)
        files[f"csv/{table.name}.csv"] = _csv(names, values)
    files["json/all.json"] = _json(
        {
            "kind": f"crm_privacy.{kind}_export",
            "schema_version": SCHEMA_VERSION,
            "request": {
                "type": request.type,
                "reference": request.reference,
                "received": str(request.received),
            },
            "as_of": as_of.isoformat(),
            "tables": everything,
        }
    )
    return files


def json_value(value: Any) -> Any:
    """A CRM value as JSON: dates and times ISO 8601, decimals as strings (no float rounding)."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes | bytearray | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    return str(value)


def _csv(names: list[str], values: list[dict[str, Any]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180
    writer.writerow(names)
    for row in values:
        writer.writerow([_csv_cell(row[n]) for n in names])
    return out.getvalue().encode("utf-8")


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _json(value: Any) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _schema(tables: Sequence[Collected], kind: str, as_of: dt.date) -> dict[str, Any]:
    return {
        "kind": f"crm_privacy.{kind}_export_schema",
        "schema_version": SCHEMA_VERSION,
        "as_of": as_of.isoformat(),
        "encoding": "UTF-8",
        "csv": {"delimiter": ",", "quote": '"', "header": True, "null": "", "line_end": "CRLF"},
        "values": {"dates": "ISO 8601", "decimals": "strings", "binary": "base64"},
        "tables": {
            t.name: {
                "source_table": t.source,
                "intermediate_archive": t.archive,
                "category": t.category,
                "rows": len(t.rows),
                "columns": [
                    {
                        "name": c.name,
                        "sql_type": str(c.type),
                        "json_type": _json_type(c.type),
                        "category": t.categories.get(c.name, t.category),
                    }
                    for c in t.columns
                ],
                "excluded_columns": t.excluded,
            }
            for t in tables
        },
    }


def _json_type(sql_type: Any) -> str:
    try:
        python = sql_type.python_type
    except NotImplementedError:
        return "string"
    if python is bool:
        return "boolean"
    if python is int:
        return "integer"
    if python is float:
        return "number"
    if python is Decimal:
        return "string (decimal)"
    if python is dt.datetime:
        return "string (date-time, ISO 8601)"
    if python is dt.date:
        return "string (date, ISO 8601)"
    if python is bytes:
        return "string (base64)"
    return "string"


def _write_zip(path: Path, files: dict[str, bytes], password: str, as_of: dt.date) -> None:
    """AES-256 (WZ_AES) zip, created 0600 under a temporary name and renamed when complete."""
    import pyzipper

    temp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with (
            os.fdopen(fd, "wb") as raw,
            pyzipper.AESZipFile(
                raw, "w", compression=pyzipper.ZIP_DEFLATED, encryption=pyzipper.WZ_AES
            ) as archive,
        ):
            archive.setpassword(password.encode("ascii"))
            archive.setencryption(pyzipper.WZ_AES, nbits=256)
            for name, data in files.items():
                info = archive.zipinfo_cls(name, date_time=(as_of.year, as_of.month, as_of.day, 0, 0, 0))
                info.compress_type = pyzipper.ZIP_DEFLATED
                info.external_attr = 0o600 << 16
                archive.writestr(info, data)
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)
