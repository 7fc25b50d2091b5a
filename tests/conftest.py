"""Fixtures: one real Consilium server (with its private PostgreSQL) per test session.

The server runs as the unprivileged `consilium` user with short timeouts and
a small body limit. On top of the demo clinic ("A") the fixtures build a
second clinic ("B") with the admin CLI, and one person who belongs to both.
"""
import json
import os
import pwd
import secrets
import shutil
import signal
import subprocess
import tempfile
import threading
import time
import urllib.parse
from contextlib import closing, contextmanager
from dataclasses import dataclass, field

import psycopg2
import psycopg2.extras
from psycopg2.extensions import parse_dsn
import pytest

from client import Client, assert_status, patient_payload, random_tag, unique_mrn

SERVICE_USER = "consilium"
WEB_DIST = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "web", "dist")
ROLES = ("owner", "admin", "practitioner", "nurse", "front_desk", "read_only", "guest")
SERVER_ENV = {
    "CONSILIUM_HEADER_TIMEOUT_MS": "2000",
    "CONSILIUM_IDLE_TIMEOUT_MS": "5000",
    "CONSILIUM_BODY_LIMIT_BYTES": "65536",
    "CONSILIUM_FILE_SIZE_LIMIT_BYTES": "1048576",  # 1 MiB: the file limit tests are quick
    # Every test signs in from 127.0.0.1; test_guessing.py checks the
    # per-address delays on a server of its own.
    "CONSILIUM_SIGN_IN_ADDRESS_FREE_FAILURES": "100000",
}
START_TIMEOUT_S = 90


def _ensure_service_user():
    try:
        pwd.getpwnam(SERVICE_USER)
    except KeyError:
        subprocess.run(["useradd", "--system", "--home-dir", "/nonexistent", "--shell", "/usr/sbin/nologin",
                        SERVICE_USER], check=True)


class Server:
    """The server process, its data directory, its log and the admin CLI."""

    def __init__(self, binary, extra_env=None):
        self.binary = binary
        self.data_dir = tempfile.mkdtemp(prefix="cons-", dir="/tmp")
        account = pwd.getpwnam(SERVICE_USER)
        self.uid, self.gid = account.pw_uid, account.pw_gid
        os.chown(self.data_dir, self.uid, self.gid)
        os.chmod(self.data_dir, 0o700)
        # A clean environment: nothing from the caller may point the server
        # at another database or change its settings.
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PG", "CONSILIUM_", "DATABASE_"))}
        env.update(SERVER_ENV, HOME=self.data_dir, USER=SERVICE_USER, LOGNAME=SERVICE_USER,
                   CONSILIUM_WEB_ROOT=os.path.join(os.path.dirname(binary), "web"))
        env.update(extra_env or {})
        self.env = env
        self.stdout_lines = []
        self.stderr_lines = []
        self.proc = None
        self.port = None
        self.url = None
        self.demo = None
        self._listening = threading.Event()

    # -- processes as the service user (what `runuser -u consilium --` does)
    def _as_service_user(self):
        return {"user": self.uid, "group": self.gid, "extra_groups": [], "env": self.env, "cwd": self.data_dir}

    def start(self):
        self.proc = subprocess.Popen(
            [self.binary, "serve", "--data-dir", self.data_dir, "--listen", "127.0.0.1:0", "--demo"],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **self._as_service_user())
        threading.Thread(target=self._pump, args=(self.proc.stdout, self.stdout_lines, True), daemon=True).start()
        threading.Thread(target=self._pump, args=(self.proc.stderr, self.stderr_lines, False), daemon=True).start()
        deadline = time.monotonic() + START_TIMEOUT_S
        while not self._listening.wait(0.2):
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited with {self.proc.returncode} before listening\n{self.log_tail()}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"server not listening after {START_TIMEOUT_S}s\n{self.log_tail()}")
        demo_file = os.path.join(self.data_dir, "demo-sign-ins.json")
        while not os.path.exists(demo_file):
            if time.monotonic() > deadline:
                raise RuntimeError(f"{demo_file} was not written\n{self.log_tail()}")
            time.sleep(0.2)
        time.sleep(0.2)  # let a just-created file be completely written
        with open(demo_file) as f:
            self.demo = json.load(f)

    def _pump(self, stream, sink, is_stdout):
        for raw in stream:
            line = raw.decode("utf-8", "replace").rstrip("\n")
            sink.append(line)
            if is_stdout and not self._listening.is_set():
                try:
                    event = json.loads(line)
                except ValueError:
                    continue
                if isinstance(event, dict) and event.get("event") == "listening":
                    self.url = event["url"]
                    self.port = urllib.parse.urlsplit(self.url).port
                    self._listening.set()

    def log_tail(self, count=60):
        return ("--- server stdout (tail) ---\n" + "\n".join(self.stdout_lines[-count:]) +
                "\n--- server stderr (tail) ---\n" + "\n".join(self.stderr_lines[-count:]))

    def all_output(self):
        return self.stdout_lines + self.stderr_lines

    def wait_for_output(self, text, timeout_s=10):
        """True once a line holding `text` has been read from the server: the
        server writes it before the client sees what follows, but the threads
        reading its pipes may not have caught up yet."""
        deadline = time.monotonic() + timeout_s
        while not any(text in line for line in self.all_output()):
            if time.monotonic() > deadline:
                return False
            time.sleep(0.05)
        return True

    def write_secret(self, text):
        """A password file readable by the service user only."""
        path = os.path.join(self.data_dir, f"secret-{secrets.token_hex(6)}.txt")
        with open(path, "w") as f:
            f.write(text)
        os.chown(path, self.uid, self.gid)
        os.chmod(path, 0o600)
        return path

    def run_cli(self, *args):
        result = subprocess.run([self.binary, *args], capture_output=True, text=True, timeout=120,
                                stdin=subprocess.DEVNULL, **self._as_service_user())
        assert result.returncode == 0, (f"`consilium {' '.join(args)}` exited with {result.returncode}\n"
                                        f"stdout: {result.stdout}\nstderr: {result.stderr}")
        return result.stdout

    def admin(self, command, *args):
        """Runs `consilium admin COMMAND --data-dir DIR ARGS` and returns its JSON output line."""
        out = self.run_cli("admin", command, "--data-dir", self.data_dir, *args)
        for line in reversed(out.strip().splitlines()):
            try:
                value = json.loads(line)
            except ValueError:
                continue
            if isinstance(value, dict) and "level" not in value:
                return value
        raise AssertionError(f"admin {command} printed no JSON result: {out!r}")

    def db_url(self, role):
        out = self.run_cli("admin", "db-url", "--data-dir", self.data_dir, "--role", role)
        lines = [line for line in out.strip().splitlines() if line.strip()]
        assert lines, f"admin db-url --role {role} printed nothing"
        return lines[-1].strip()

    def stop(self):
        """SIGTERM, wait, and check that the private cluster stopped too."""
        problems = []
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
                problems.append("server did not exit within 60 s of SIGTERM")
        for root, _dirs, files in os.walk(self.data_dir):
            if "postmaster.pid" in files:
                # The cluster our server started outlived it: stop it by its pid.
                problems.append(f"PostgreSQL still running in {root} after the server exited")
                try:
                    with open(os.path.join(root, "postmaster.pid")) as f:
                        os.kill(int(f.readline().strip()), signal.SIGTERM)
                    time.sleep(3)
                except (OSError, ValueError):
                    pass
        if not os.environ.get("CONSILIUM_TEST_KEEP_DATA"):
            shutil.rmtree(self.data_dir, ignore_errors=True)
        return problems


class Sql:
    """Direct SQL with one libpq conninfo; a fresh connection per call."""

    def __init__(self, conninfo):
        self.conninfo = conninfo
        self.user = parse_dsn(conninfo).get("user")

    def connect(self):
        conn = psycopg2.connect(self.conninfo)
        conn.autocommit = True
        return conn

    def execute(self, statement, params=None):
        """A statement that returns no rows (ALTER, SET, ...)."""
        with closing(self.connect()) as conn, conn.cursor() as cur:
            cur.execute(statement, params)

    def rows(self, query, params=None):
        with closing(self.connect()) as conn, conn.cursor(cursor_factory=psycopg2.extras.RealDictCursor) as cur:
            cur.execute(query, params)
            return [dict(row) for row in cur.fetchall()]

    def value(self, query, params=None):
        with closing(self.connect()) as conn, conn.cursor() as cur:
            cur.execute(query, params)
            return cur.fetchone()[0]


@dataclass
class Account:
    email: str
    password: str
    clinic_id: str = None          # sent at sign-in (None: let the server choose)
    expect_clinic: str = None      # the clinic the session must be for
    expect_role: str = None


@dataclass
class World:
    clinic_a: str
    clinic_b: str
    clinic_b_name: str
    accounts: dict = field(default_factory=dict)
    dual_user_ids: tuple = ()


class Sessions:
    """Signs each account in once and reuses the token until it nears expiry."""

    def __init__(self, api, world):
        self.api = api
        self.world = world
        self._cache = {}

    def sign_in(self, email, password, clinic_id=None, **request_kw):
        body = {"email": email, "password": password}
        if clinic_id is not None:
            body["clinic_id"] = clinic_id
        return self.api.post("/api/v1/sessions", json=body, **request_kw)

    def response(self, name):
        cached = self._cache.get(name)
        if cached is None or time.monotonic() > cached[0]:
            account = self.world.accounts[name]
            response = self.sign_in(account.email, account.password, account.clinic_id)
            body = assert_status(response, 201)
            self._cache[name] = (time.monotonic() + max(30, int(body["expires_in"]) - 60), response)
        return self._cache[name][1]

    def body(self, name):
        return self.response(name).json

    def token(self, name):
        return self.body(name)["access_token"]

    def cached_responses(self):
        return [entry[1] for entry in self._cache.values()]


def _runnable_copy(binary):
    """The checkout may sit under a folder the service user cannot enter
    (e.g. /root): a world-readable copy of the binary and of the built web
    app beside it (web/), and their folder."""
    bin_dir = tempfile.mkdtemp(prefix="cons-bin-", dir="/tmp")
    os.chmod(bin_dir, 0o755)
    copy = shutil.copy(binary, os.path.join(bin_dir, "consilium"))
    os.chmod(copy, 0o755)
    if os.path.isdir(WEB_DIST):
        shutil.copytree(WEB_DIST, os.path.join(bin_dir, "web"))
        for root, dirs, files in os.walk(os.path.join(bin_dir, "web")):
            for name in dirs:
                os.chmod(os.path.join(root, name), 0o755)
            for name in files:
                os.chmod(os.path.join(root, name), 0o644)
    return copy, bin_dir


def wait_ready(srv, timeout_s=30):
    """Waits until the server's /readyz answers 200; returns a client of it."""
    api = Client("127.0.0.1", srv.port)
    deadline = time.monotonic() + timeout_s
    while api.get("/readyz").status != 200:
        assert time.monotonic() < deadline, f"/readyz never became 200\n{srv.log_tail()}"
        time.sleep(0.3)
    return api


@contextmanager
def own_server(extra_env=None):
    """A server of a test's own, for tests that stop or reconfigure it."""
    _ensure_service_user()
    binary, bin_dir = _runnable_copy(os.path.abspath(os.environ["CONSILIUM_BIN"]))
    srv = Server(binary, extra_env)
    try:
        srv.start()
        yield srv
    finally:
        problems = srv.stop()
        shutil.rmtree(bin_dir, ignore_errors=True)
    assert not problems, problems


@pytest.fixture(scope="session")
def server():
    binary = os.environ.get("CONSILIUM_BIN")
    if not binary:
        raise RuntimeError("set CONSILIUM_BIN to the built consilium server binary")
    binary = os.path.abspath(binary)
    assert os.access(binary, os.X_OK), f"CONSILIUM_BIN={binary} is not executable"
    _ensure_service_user()
    binary, _bin_dir = _runnable_copy(binary)
    srv = Server(binary)
    try:
        srv.start()
        wait_ready(srv)
        yield srv
    finally:
        problems = srv.stop()
    assert not problems, "; ".join(problems) + "\n" + srv.log_tail()


@pytest.fixture(scope="session")
def api(server):
    return Client("127.0.0.1", server.port)


@pytest.fixture(scope="session")
def world(server):
    """Clinic A (demo), clinic B (made here) and the sign-in accounts of both."""
    demo = server.demo
    clinic_a = demo["clinic_id"]
    by_role = {user["role"]: user for user in demo["users"]}
    assert set(by_role) >= set(ROLES), f"demo-sign-ins.json lacks roles: {set(ROLES) - set(by_role)}"
    accounts = {role: Account(by_role[role]["email"], by_role[role]["password"], None, clinic_a, role)
                for role in ROLES}

    def new_password():
        return "Cons-" + secrets.token_urlsafe(18)

    suffix = secrets.token_hex(4)
    # "Beta ..." sorts before "Demo Clinic": the dual member's default clinic is B.
    clinic_b_name = "Beta Clinic"
    assert clinic_b_name.lower() < demo["clinic_name"].lower(), "the tests assume B sorts before the demo clinic"
    b_owner = Account(f"owner.b.{suffix}@example.org", new_password())
    created = server.admin("create-clinic", "--name", clinic_b_name, "--owner-email", b_owner.email,
                           "--owner-name", "Bea Owner", "--owner-password-file", server.write_secret(b_owner.password))
    clinic_b = created["clinic_id"]
    assert clinic_b != clinic_a
    b_owner.expect_clinic, b_owner.expect_role = clinic_b, "owner"
    accounts["b_owner"] = b_owner

    b_prac = Account(f"practitioner.b.{suffix}@example.org", new_password(), None, clinic_b, "practitioner")
    server.admin("add-user", "--clinic", clinic_b, "--email", b_prac.email, "--name", "Bob Practitioner",
                 "--role", "practitioner", "--password-file", server.write_secret(b_prac.password))
    accounts["b_practitioner"] = b_prac

    # One person in both clinics: practitioner in A, read_only in B.
    dual_email, dual_password = f"dual.{suffix}@example.org", new_password()
    dual_file = server.write_secret(dual_password)
    in_a = server.admin("add-user", "--clinic", clinic_a, "--email", dual_email, "--name", "Dana Dual",
                        "--role", "practitioner", "--password-file", dual_file)
    in_b = server.admin("add-user", "--clinic", clinic_b, "--email", dual_email, "--name", "Dana Dual",
                        "--role", "read_only", "--password-file", dual_file)
    accounts["dual_b"] = Account(dual_email, dual_password, None, clinic_b, "read_only")
    accounts["dual_a"] = Account(dual_email, dual_password, clinic_a, clinic_a, "practitioner")

    # Used only for failed sign-ins, so lockout cannot hurt anyone else.
    victim = Account(f"victim.{suffix}@example.org", new_password(), None, clinic_a, "read_only")
    server.admin("add-user", "--clinic", clinic_a, "--email", victim.email, "--name", "Vic Tim",
                 "--role", "read_only", "--password-file", server.write_secret(victim.password))
    accounts["victim"] = victim

    return World(clinic_a, clinic_b, clinic_b_name, accounts, (in_a["user_id"], in_b["user_id"]))


@pytest.fixture
def new_member(server, world):
    """Makes a fresh person in clinic A (so what a test does to them hurts no
    other test); returns {"email", "password", "id"}."""
    def make(role="practitioner", name="Test Person"):
        email = f"member.{secrets.token_hex(5)}@example.org"
        password = "Cons-" + secrets.token_urlsafe(18)
        created = server.admin("add-user", "--clinic", world.clinic_a, "--email", email, "--name", name,
                               "--role", role, "--password-file", server.write_secret(password))
        return {"email": email, "password": password, "id": created["user_id"]}
    return make


@pytest.fixture(scope="session")
def auth(api, world):
    return Sessions(api, world)


@pytest.fixture(scope="session")
def superuser(server):
    return Sql(server.db_url("superuser"))


@dataclass
class Seeded:
    a_patients: list   # clinic A: demo patients and two made here
    b_patients: list   # clinic B: two made here


@pytest.fixture(scope="session")
def seeded(api, auth):
    """A few patients in each clinic, for the isolation and database tests."""
    made = {}
    for name in ("practitioner", "b_practitioner"):
        made[name] = []
        tag = random_tag()
        for given in ("Alma", "Bruno"):
            response = api.post("/api/v1/patients", token=auth.token(name),
                                json=patient_payload(mrn=unique_mrn(tag), family_name=tag + "sen", given_name=given))
            made[name].append(assert_status(response, 201))
    demo = assert_status(api.get("/api/v1/patients", token=auth.token("owner"), params={"limit": 100}), 200)
    return Seeded(a_patients=made["practitioner"] + demo["items"], b_patients=made["b_practitioner"])


def create_patient(api, token, **overrides):
    """POSTs a patient (as the given token) and returns its JSON; must succeed."""
    return assert_status(api.post("/api/v1/patients", token=token, json=patient_payload(**overrides)), 201)


@pytest.fixture
def make_patient(api, auth):
    def make(role="practitioner", **overrides):
        return create_patient(api, auth.token(role), **overrides)
    return make
