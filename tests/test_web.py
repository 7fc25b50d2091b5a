"""The web app in a real browser: runs the browser tests in web/e2e/tests/
(Node's test runner driving Debian's chromium; see web/e2e/README.md) against
a server of their own with a fresh demo clinic."""
import json
import os
import secrets
import shutil
import subprocess

import pytest

from conftest import own_server, wait_ready

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WEB_DIST = os.path.join(REPO, "web", "dist")
E2E_DIR = os.path.join(REPO, "web", "e2e")
CHROMIUM = "/usr/bin/chromium"
E2E_TIMEOUT_S = 2400


def _require_setup():
    if not os.path.isfile(os.path.join(WEB_DIST, "index.html")):
        reason = f"the web app is not built ({WEB_DIST} is missing): run scripts/setup.sh"
        if os.environ.get("CONSILIUM_REQUIRE_WEB"):
            pytest.fail(reason + " (CONSILIUM_REQUIRE_WEB is set)")
        pytest.skip(reason)
    missing = [path for path in (os.path.join(E2E_DIR, "node_modules"), CHROMIUM) if not os.path.exists(path)]
    assert not missing, f"the browser tests need {', '.join(missing)}: run scripts/setup.sh --test"


def _second_clinic(srv):
    """A second clinic in which the demo nurse is read-only, so the clinic switcher has two clinics.
    "Zeta" sorts after the demo clinic, which stays the nurse's clinic at sign-in."""
    with open(os.path.join(srv.data_dir, "demo-sign-ins.json")) as f:
        nurse = next(user for user in json.load(f)["users"] if user["role"] == "nurse")
    owner_password = srv.write_secret("Cons-" + secrets.token_urlsafe(18))
    created = srv.admin("create-clinic", "--name", "Zeta Clinic", "--owner-email", "owner@zeta.example.org",
                        "--owner-name", "Zed Owner", "--owner-password-file", owner_password)
    # The nurse exists already and keeps their password; the file is only what the command requires.
    srv.admin("add-user", "--clinic", created["clinic_id"], "--email", nurse["email"], "--name", "Demo nurse",
              "--role", "read_only", "--password-file", owner_password)
    return {"clinic_id": created["clinic_id"], "clinic_name": "Zeta Clinic", "role": "read_only",
            "member": "nurse"}


def test_the_browser_tests_pass():
    _require_setup()
    output_dir = os.path.join(os.path.dirname(os.path.abspath(os.environ["CONSILIUM_BIN"])), "e2e-output")
    shutil.rmtree(output_dir, ignore_errors=True)
    # Every browser test comes from 127.0.0.1: the per-address sign-in throttle would otherwise count
    # the wrong passwords of all of them together (the throttle has tests of its own).
    with own_server({"CONSILIUM_SIGN_IN_ADDRESS_FREE_FAILURES": "1000"}) as srv:
        wait_ready(srv)
        env = dict(os.environ,
                   E2E_SECOND_CLINIC=json.dumps(_second_clinic(srv)),
                   E2E_BASE_URL=f"https://127.0.0.1:{srv.port}",
                   E2E_DEMO_FILE=os.path.join(srv.data_dir, "demo-sign-ins.json"),
                   E2E_OUTPUT_DIR=output_dir,
                   E2E_CHROMIUM=CHROMIUM)
        # CONSILIUM_E2E_TESTS: some files only, e.g. "tests/audit.test.mjs" (paths under web/e2e, space-separated).
        files = os.environ.get("CONSILIUM_E2E_TESTS", "tests/").split()
        result = subprocess.run(["node", "--test", "--test-concurrency=1", *files], cwd=E2E_DIR, env=env,
                                stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=E2E_TIMEOUT_S)
        assert result.returncode == 0, (f"browser tests failed (exit {result.returncode}); screenshots in "
                                        f"{output_dir}\n{result.stdout}\n{result.stderr}\n{srv.log_tail()}")
