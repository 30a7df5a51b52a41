"""Where reports live under the reports base (``CRM_PRIVACY_REPORTS_DIR``).

::

    <base>/index.json, <base>/index.html          every run, newest first
    <base>/<job>/<run dir>/report.json             one run (schema: docs/reports.md)
    <base>/<job>/<run dir>/report.html
    <base>/<job>/<run dir>/data_docs/index.html    the validation gate's GX Data Docs (sweeps)
    <base>/register/register.json, register.html   the register of processing (art. 30)

``<job>`` is the job of the run (``retention_sweep``, ``pii_discovery``); ``<run dir>`` is the run id
made safe for a file name (``dagrun.workdir.safe_name``). Two DAGs' runs of the same date never share
a directory.
"""

from __future__ import annotations

import re

REPORT_JSON = "report.json"
REPORT_HTML = "report.html"
INDEX_JSON = "index.json"
INDEX_HTML = "index.html"
DATA_DOCS = "data_docs"
REGISTER_DIR = "register"
REGISTER_JSON = "register.json"
REGISTER_HTML = "register.html"

SCHEMA_VERSION = 1

# what a job name or a run directory name may hold (safe_name's output); anything else is refused
_SEGMENT = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,254}$")


def valid_segment(name: str) -> bool:
    """A single path segment a report path may hold: no separator, no '..', no hidden name."""
    return bool(_SEGMENT.match(name)) and ".." not in name
