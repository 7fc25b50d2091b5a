"""The root key in a PKCS#11 token (SoftHSM2, package softhsm2): the server starts with it, keeps no
root key file of its own, serves signed-in requests and reads the clinical text it sealed after a
restart; with a wrong PIN it refuses to start, quickly, naming the token and never the PIN.
A server of the test's own, since it is configured and restarted."""
import os
import shutil
import signal
import subprocess
import tempfile
import time

from client import assert_status, patient_payload
from conftest import Server, _ensure_service_user, _runnable_copy, wait_ready

SOFTHSM_MODULE = "/usr/lib/softhsm/libsofthsm2.so"
TOKEN_LABEL = "consilium-it"
PIN = "it-pin-804417"
WRONG_PIN = "it-wrong-pin-390562"
SO_PIN = "it-so-pin-661203"
REFUSAL_TIMEOUT_S = 30  # a refused start must not wait for anything


class SoftHsm:
    """A SoftHSM2 configuration and token directory of the test's own, owned by the service user."""

    def __init__(self, uid, gid):
        self.uid, self.gid = uid, gid
        self.dir = tempfile.mkdtemp(prefix="cons-hsm-", dir="/tmp")
        tokens = os.path.join(self.dir, "tokens")
        os.mkdir(tokens)
        self.conf = os.path.join(self.dir, "softhsm2.conf")
        with open(self.conf, "w") as f:
            f.write(f"directories.tokendir = {tokens}\nobjectstore.backend = file\nlog.level = ERROR\n")
        for root, dirs, files in os.walk(self.dir):
            for name in [root] + [os.path.join(root, n) for n in dirs + files]:
                os.chown(name, uid, gid)
        os.chmod(self.dir, 0o700)
        self.tokens = tokens
        # As the service user, so that the token's files are its own.
        subprocess.run(["softhsm2-util", "--init-token", "--free", "--label", TOKEN_LABEL, "--pin", PIN,
                        "--so-pin", SO_PIN], check=True, capture_output=True, timeout=60,
                       env={**os.environ, "SOFTHSM2_CONF": self.conf}, user=uid, group=gid, extra_groups=[],
                       cwd=self.dir)

    def pin_file(self, pin):
        path = os.path.join(self.dir, f"pin-{len(os.listdir(self.dir))}.txt")
        with open(path, "w") as f:
            f.write(pin + "\n")
        os.chown(path, self.uid, self.gid)
        os.chmod(path, 0o600)
        return path

    def object_files(self):
        """The token's object files other than the token's own: the keys in it."""
        found = []
        for _root, _dirs, files in os.walk(self.tokens):
            found += [name for name in files if name.endswith(".object") and name != "token.object"]
        return found

    def remove(self):
        shutil.rmtree(self.dir, ignore_errors=True)


def sign_in_owner(api, srv):
    return sign_in_owner_body(api, srv)["access_token"]


def sign_in_owner_body(api, srv):
    owner = next(user for user in srv.demo["users"] if user["role"] == "owner")
    return assert_status(api.post("/api/v1/sessions", json={"email": owner["email"], "password": owner["password"]}),
                         201)


def restart(srv):
    """Starts the same server (same data directory) again, with srv.env as it is now."""
    srv.stdout_lines, srv.stderr_lines = [], []
    srv._listening.clear()
    srv.start()


def test_root_key_in_a_pkcs11_token_and_a_wrong_pin_refused():
    _ensure_service_user()
    binary, bin_dir = _runnable_copy(os.path.abspath(os.environ["CONSILIUM_BIN"]))
    srv = None
    hsm = None
    try:
        srv = Server(binary)
        hsm = SoftHsm(srv.uid, srv.gid)
        assert not hsm.object_files()
        srv.env.update(CONSILIUM_ROOT_KEY_PROVIDER="pkcs11", CONSILIUM_PKCS11_MODULE=SOFTHSM_MODULE,
                       CONSILIUM_PKCS11_TOKEN_LABEL=TOKEN_LABEL, CONSILIUM_PKCS11_PIN_FILE=hsm.pin_file(PIN),
                       SOFTHSM2_CONF=hsm.conf)

        srv.start()
        api = wait_ready(srv)
        owner = sign_in_owner_body(api, srv)
        token = owner["access_token"]
        created = assert_status(api.post("/api/v1/patients", token=token, json=patient_payload()), 201)
        assert_status(api.get(f"/api/v1/patients/{created['id']}", token=token), 200)
        # Clinical text, sealed under keys that the token's root key wraps.
        goals = "Sealed under the HSM's root key"
        plan = assert_status(api.post(f"/api/v1/patients/{created['id']}/plans", token=token, json={
            "goals": goals, "responsible_clinician_id": owner["user"]["id"]}), 201)
        assert hsm.object_files(), "no root key was made in the token"
        root_dir = os.path.join(srv.data_dir, "keys", "root")
        assert not (os.path.isdir(root_dir) and os.listdir(root_dir)), "a root key file beside the data"
        assert not any(PIN in line for line in srv.all_output()), "the PIN is in the server's output"

        srv.proc.send_signal(signal.SIGTERM)
        assert srv.proc.wait(timeout=60) == 0, srv.log_tail()

        # A wrong PIN: the server refuses to start, at once, and says why without the PIN.
        wrong_env = dict(srv.env, CONSILIUM_PKCS11_PIN_FILE=hsm.pin_file(WRONG_PIN))
        started = time.monotonic()
        refused = subprocess.Popen(
            [binary, "serve", "--data-dir", srv.data_dir, "--listen", "127.0.0.1:0", "--demo"],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            user=srv.uid, group=srv.gid, extra_groups=[], env=wrong_env, cwd=srv.data_dir)
        try:
            stdout, stderr = refused.communicate(timeout=REFUSAL_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            refused.send_signal(signal.SIGTERM)  # lets it stop its PostgreSQL
            stdout, stderr = refused.communicate(timeout=60)
            raise AssertionError(f"the server still ran {REFUSAL_TIMEOUT_S}s after a start with a wrong PIN\n"
                                 f"{stdout[-3000:]}\n{stderr[-3000:]}")
        output = stdout + stderr
        assert refused.returncode != 0, output
        assert time.monotonic() - started < REFUSAL_TIMEOUT_S
        assert "PKCS#11 token" in output, output
        assert WRONG_PIN not in output and PIN not in output, "a PIN is in the refusal"

        # The right PIN again: what was written under the token's root key is read back.
        srv.env.update(CONSILIUM_PKCS11_PIN_FILE=hsm.pin_file(PIN))
        restart(srv)
        api = wait_ready(srv)
        token = sign_in_owner(api, srv)
        again = assert_status(api.get(f"/api/v1/patients/{created['id']}", token=token), 200)
        assert again["mrn"] == created["mrn"]
        # A new process unwraps the clinic key through the token again.
        assert assert_status(api.get(f"/api/v1/plans/{plan['id']}", token=token), 200)["goals"] == goals
    finally:
        problems = srv.stop() if srv is not None else []
        if hsm is not None:
            hsm.remove()
        shutil.rmtree(bin_dir, ignore_errors=True)
    assert not problems, problems
