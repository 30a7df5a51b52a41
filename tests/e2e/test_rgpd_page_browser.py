"""The RGPD page as a DPO uses it: Chromium (Debian's, driven by Playwright) on a real Airflow
(``airflow_server.py``) logs in through the UI's login form, clicks "RGPD" in the navigation and reads,
in the plugin's iframe, the run a real retention sweep just reported: its rows treated and validation
verdict must be those of the run's ``report.json``; the report itself then opens in the same iframe.

The report comes from a real run: ``crm-privacy demo-db`` then ``crm-privacy sweep`` on the demo
policy, writing into the server's reports directory. Screenshots go to ``test-artifacts/`` at the root
of the repository (their paths are printed). Without ``/usr/bin/chromium`` the test skips locally and
fails when ``CI`` is set.

Run: ``pytest -m e2e tests/e2e/test_rgpd_page_browser.py -s`` (about two minutes).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.airflow_server import AIRFLOW, ROOT, USERNAME, AirflowServer, LogReporter

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts"
CRM_PRIVACY = str(Path(AIRFLOW).with_name("crm-privacy"))
RUN_DATE = "2025-06-30"
VERDICTS = {True: "réussie", False: "échouée", None: "non exécutée"}
TIMEOUT_MS = 90_000  # a busy 2-core machine: the UI's first load can take a while


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


@pytest.fixture(scope="module")
def chromium() -> str:
    if not os.access(CHROMIUM, os.X_OK):
        reason = f"{CHROMIUM} is missing: apt-get install -y --no-install-recommends chromium"
        if in_ci():
            pytest.fail(f"{reason} (CI is set: the browser test must run)", pytrace=False)
        pytest.skip(reason)
    return str(CHROMIUM)


@pytest.fixture(scope="module")
def airflow(
    chromium: str, tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> Iterator[AirflowServer]:
    """A running Airflow whose reports directory holds the report of one real sweep (run meanwhile)."""
    home = tmp_path_factory.mktemp("airflow-rgpd-browser")
    server = AirflowServer(home=home, crm=home / "crm.db", ledger=home / "ledger.db")
    reporter = LogReporter(server, "airflow")
    request.config.pluginmanager.register(reporter, "crm-privacy-rgpd-browser-airflow-logs")
    try:
        sweep = start_sweep(server)
        started = time.monotonic()
        server.start()
        print(f"\nAirflow up on {server.base_url} in {time.monotonic() - started:.0f} s (home {home})")
        out, _ = sweep.communicate(timeout=900)
        assert sweep.returncode == 0, f"crm-privacy sweep failed:\n{out[-4000:]}"
        yield server
    finally:
        server.stop()
        request.config.pluginmanager.unregister(reporter)


def start_sweep(server: AirflowServer) -> subprocess.Popen[str]:
    """The demo CRM, then the real sweep in the background, reporting where the server reads."""
    env = server.env()
    crm, ledger = f"sqlite:///{server.crm}", f"sqlite:///{server.ledger}"
    demo = [CRM_PRIVACY, "demo-db", "--url", crm, "--contacts", "500", "--seed", "42", "--as-of", RUN_DATE]
    subprocess.run(
        [*demo, "--replace"], env=env, cwd=server.home, check=True, capture_output=True, timeout=600
    )
    policy = str(ROOT / "include" / "policies" / "demo_crm.yaml")
    args = ["--policy", policy, "--crm", crm, "--ledger", ledger, "--as-of", RUN_DATE, "--max-share", "0.8"]
    return subprocess.Popen(
        [CRM_PRIVACY, "sweep", *args],
        env=env,
        cwd=server.home,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def the_run(server: AirflowServer) -> tuple[dict[str, Any], dict[str, Any]]:
    """The sweep's entry in index.json and its report.json."""
    path = server.reports_dir / "index.json"
    assert path.is_file(), f"the sweep wrote no report index ({path}): is crm_privacy.report.publish there?"
    index = json.loads(path.read_text(encoding="utf-8"))
    (entry,) = [run for run in index["runs"] if run["job"] == "retention_sweep"]
    report = json.loads((server.reports_dir / entry["report_json"]).read_text(encoding="utf-8"))
    return entry, report


def digits(text: str) -> str:
    """'1 782' (narrow no-break space) -> '1782'."""
    return re.sub(r"(?<=\d)[\s\u202f\u00a0,](?=\d)", "", text)


def shoot(page: Any, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path), full_page=True)
    print(f"screenshot: {path}")
    return path


def test_a_logged_in_user_reads_a_real_run_on_the_rgpd_page(airflow: AirflowServer, chromium: str) -> None:
    from playwright.sync_api import expect, sync_playwright

    entry, report = the_run(airflow)
    rows = report["totals"]["rows_treated"]
    verdict = VERDICTS[report["validation"]["passed"]]
    assert (entry["rows_treated"], entry["validation_passed"]) == (rows, report["validation"]["passed"])
    assert rows > 0 and report["status"] == "succeeded", report["status"]
    expect.set_options(timeout=TIMEOUT_MS)

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, headless=True)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.set_default_timeout(TIMEOUT_MS)
        try:
            # not logged in: the plugin refuses (Airflow's own authentication)
            anonymous = page.goto(f"{airflow.base_url}/crm-privacy/")
            assert anonymous is not None and anonymous.status in (401, 403)

            page.goto(f"{airflow.base_url}/")  # the UI sends us to its login form
            page.get_by_label("Username").fill(USERNAME)
            page.get_by_label("Password").fill(airflow.password)
            page.get_by_role("button", name="Sign in").click()
            page.get_by_role("link", name="RGPD").click()
            expect(page).to_have_url(re.compile(r"/plugin/rgpd"))

            frame = page.frame_locator("iframe[title='RGPD']")
            row = frame.locator("tbody tr").filter(has_text=entry["run_id"])
            expect(row).to_have_count(1)
            cells = row.locator("td")
            shown = [cells.nth(i).inner_text().strip() for i in range(6)]
            shoot(page, "rgpd-page.png")
            assert digits(shown[3]) == str(rows), shown
            assert shown[4] == verdict, shown
            assert shown[2] == "réussie", shown

            row.get_by_role("link", name="rapport").click()
            expect(page).to_have_url(
                re.compile(rf"/plugin/rgpd/crm-privacy/runs/{entry['path']}/report\.html")
            )
            body = frame.locator("body")
            expect(body).to_contain_text("Rapport")
            text = digits(body.inner_text())
            assert str(rows) in text and verdict in text
            shoot(page, "rgpd-report.png")
        except Exception:
            shoot(page, "rgpd-failure.png")
            raise
        finally:
            browser.close()
