"""Clinical free text is sealed at rest (DESIGN.md 3.6, docs/decisions/0005): the proforma, the
decision's rationale and detail, a plan's goals and steps and its addenda reach the database only
sealed, under a data key per object, wrapped by the patient's key, wrapped by a versioned clinic key,
wrapped by the root key outside the database. The raw cluster (tables, WAL, logs) and the audit
trail hold none of the words; a sealed value moved to another row or altered is refused; rotating the
clinic key or the root key keeps everything readable, files included; destroying a patient's key makes
that patient's text and files unreadable and nobody else's."""
import json
import os
import re
import secrets
import shutil
import signal
import time
from contextlib import closing

import pytest

from client import assert_error, assert_status
from conftest import Server, Sql, _ensure_service_user, _runnable_copy, create_patient, wait_ready
from test_agenda import approve, proforma, propose
from test_files import fetch, patient_path, text_body, upload
from test_decisions import decision, path, record, take_attendance
from test_meetings import bring_to, create_meeting
from test_plans import move as move_plan
from test_root_key_hsm import restart

REWRAP_TIMEOUT_S = 30  # the server's job runs every 5 s


def marker(label):
    return f"{label}-{secrets.token_hex(8)}"


class Case:
    """A patient with a decided agenda item and a stopped plan with an addendum, every text a marker."""

    def __init__(self, api, auth):
        owner, practitioner = auth.token("owner"), auth.token("practitioner")
        clinician = auth.body("practitioner")["user"]["id"]
        self.words = {name: marker(name) for name in (
            "question", "summary", "comorbidities", "investigations", "rationale", "detail", "goals", "step",
            "addendum")}
        w = self.words
        self.patient = create_patient(api, practitioner)
        meeting = create_meeting(api, owner)
        bring_to(api, owner, meeting["id"], "scheduled")
        self.item = assert_status(propose(api, practitioner, meeting["id"], proforma(
            self.patient["id"], clinical_question=w["question"], summary=w["summary"],
            comorbidities=w["comorbidities"], investigations=w["investigations"])), 201)
        assert_status(approve(api, owner, meeting["id"], self.item["id"]), 200)
        assert_status(api.post(f"/api/v1/meetings/{meeting['id']}/transitions", token=owner,
                               json={"to": "in_progress"}), 200)
        take_attendance(api, owner, meeting["id"], [])
        self.meeting_id = meeting["id"]
        self.decision = assert_status(record(api, owner, meeting["id"], self.item["id"], decision(
            outcome="other", outcome_detail=w["detail"], rationale=w["rationale"],
            responsible_clinician_id=clinician)), 200)
        self.plan = assert_status(api.post(f"/api/v1/patients/{self.patient['id']}/plans", token=practitioner, json={
            "goals": w["goals"], "responsible_clinician_id": clinician,
            "steps": [{"description": w["step"]}]}), 201)
        assert_status(move_plan(api, practitioner, self.plan["id"], "stopped"), 200)
        assert_status(api.post(f"/api/v1/plans/{self.plan['id']}/addenda", token=practitioner,
                               json={"text": w["addendum"]}), 201)

    def decision_path(self):
        return path(self.meeting_id, self.item["id"], "/versions")

    def attach_file(self, api, auth):
        """A file of several chunks on the patient's record; returns (file id, its bytes)."""
        body = text_body(self.words["summary"], 200_000)
        made = assert_status(upload(api, auth.token("nurse"), patient_path(self.patient["id"]), body, "scan.txt"), 201)
        return made["id"], body


def downloads_intact(api, token, file_id, body):
    status, _headers, content, complete = fetch(api, token, file_id)
    return status == 200 and complete and content == body


@pytest.fixture
def case(api, auth):
    return Case(api, auth)


def files_holding(root, needles):
    """Every file under `root` whose bytes hold one of `needles`, and which."""
    found = []
    encoded = [n.encode() for n in needles]
    for folder, _dirs, names in os.walk(root):
        for name in names:
            file_path = os.path.join(folder, name)
            try:
                with open(file_path, "rb") as f:
                    content = f.read()
            except OSError:
                continue
            found += [(file_path, n.decode()) for n in encoded if n in content]
    return found


def test_the_api_gives_back_every_sealed_text(api, auth, case):
    w, token = case.words, auth.token("practitioner")
    versions = assert_status(api.get(case.decision_path(), token=token), 200)["items"]
    assert (versions[0]["rationale"], versions[0]["outcome_detail"]) == (w["rationale"], w["detail"])
    agenda = assert_status(api.get(f"/api/v1/meetings/{case.meeting_id}/agenda", token=token), 200)["items"]
    item = next(i for i in agenda if i["id"] == case.item["id"])
    assert [item[k] for k in ("clinical_question", "summary", "comorbidities", "investigations")] == [
        w["question"], w["summary"], w["comorbidities"], w["investigations"]]
    plan = assert_status(api.get(f"/api/v1/plans/{case.plan['id']}", token=token), 200)
    assert plan["goals"] == w["goals"] and plan["steps"][0]["description"] == w["step"]
    assert plan["addenda"][0]["text"] == w["addendum"]
    history = assert_status(api.get(f"/api/v1/patients/{case.patient['id']}/history", token=token), 200)["items"]
    assert history[0]["clinical_question"] == w["question"] and history[0]["decision"]["outcome_detail"] == w["detail"]


def set_statement_logging(superuser, on):
    with closing(superuser.connect()) as conn, conn.cursor() as cur:
        if on:
            cur.execute("ALTER SYSTEM SET log_statement = 'all'")
            cur.execute("ALTER SYSTEM SET log_parameter_max_length = 0")  # the statements, never their values
        else:
            cur.execute("ALTER SYSTEM RESET log_statement")
            cur.execute("ALTER SYSTEM RESET log_parameter_max_length")
        cur.execute("SELECT pg_reload_conf()")
    time.sleep(0.5)  # every backend takes up the reload before its next statement


def logged_transactions(log_text):
    """The statements in PostgreSQL's log, one list per committed transaction."""
    running, committed = {}, []
    for line in log_text.splitlines():
        found = re.search(r"\[(\d+)\] LOG:  execute [^:]+: (.*)", line)
        if not found:
            continue
        backend, sql = found.groups()
        if sql == "BEGIN":
            running[backend] = []
        elif sql == "COMMIT":
            committed.append(running.pop(backend, []))
        else:
            running.setdefault(backend, []).append(sql)
    return committed


def test_a_request_looks_up_its_patients_key_once(api, auth, case, server, superuser):
    """However many values one request seals, opens and fingerprints (a decision: its rationale and detail
    sealed, the version read back, before and after fingerprinted for the trail), its transaction reads the
    patient's key once: every ClinicalText of a transaction shares what it has unwrapped."""
    owner = auth.token("owner")
    log = os.path.join(server.data_dir, "log", "postgres.log")
    start = os.path.getsize(log)
    set_statement_logging(superuser, True)
    try:
        assert_status(record(api, owner, case.meeting_id, case.item["id"], decision(
            outcome="other", outcome_detail=marker("detail"), rationale=marker("rationale"),
            responsible_clinician_id=auth.body("practitioner")["user"]["id"])), 200)
        assert_status(api.post(f"/api/v1/plans/{case.plan['id']}/addenda", token=auth.token("practitioner"),
                               json={"text": marker("addendum")}), 201)
        assert_status(api.get(f"/api/v1/plans/{case.plan['id']}", token=owner), 200)
    finally:
        set_statement_logging(superuser, False)
    with open(log, errors="replace") as f:
        f.seek(start)
        transactions = logged_transactions(f.read())
    requests = {"decision": "decision_versions", "addendum": "INSERT INTO treatment_plan_addenda",
              "plan read": "FROM treatment_plan_addenda"}
    for request, statement in requests.items():
        # A request's own transaction: it checks the caller's session (the background jobs do not).
        matching = [t for t in transactions if any("app_require_session" in sql for sql in t)
                    and any(statement in sql for sql in t)]
        assert matching, f"the {request}'s transaction is not in the log"
        lookups = [sql for sql in matching[-1] if "FROM patient_keys" in sql]
        assert len(lookups) == 1, f"the {request} looked up the patient's key {len(lookups)} times"


def test_the_raw_database_and_the_audit_trail_hold_none_of_the_words(api, auth, case, server, superuser):
    with superuser.connect() as conn, conn.cursor() as cur:
        cur.execute("CHECKPOINT")  # tables' pages on disk, not only in the WAL
    needles = list(case.words.values())
    assert files_holding(server.data_dir, needles) == []
    trail = superuser.rows("SELECT before::text AS before, after::text AS after, detail::text AS detail "
                           "FROM audit_events WHERE patient_id = %s", (case.patient["id"],))
    assert trail, "the writes were recorded"
    assert not [n for n in needles for row in trail for v in row.values() if v and n in v]
    # ... while the trail still shows what changed: fingerprints, not words.
    created = superuser.rows("SELECT after FROM audit_events WHERE action = 'plan.create' AND resource_id = %s",
                             (case.plan["id"],))
    assert created[0]["after"]["goals"].startswith("hmac-sha256:")


def test_a_sealed_text_altered_or_moved_to_another_row_is_refused(api, auth, case, superuser):
    token = auth.token("practitioner")
    other = Case(api, auth)
    where = "agenda_item_id = %s AND version = 1"
    original = bytes(superuser.value(f"SELECT clinical_text FROM decision_versions WHERE {where}", (case.item["id"],)))
    foreign = bytes(superuser.value(f"SELECT clinical_text FROM decision_versions WHERE {where}", (other.item["id"],)))
    flipped = bytearray(original)
    flipped[-20] ^= 0x01
    try:
        for bad in (bytes(flipped), foreign, original[:-1]):
            superuser.value(f"UPDATE decision_versions SET clinical_text = %s WHERE {where} RETURNING 1",
                            (bad, case.item["id"]))
            response = api.get(case.decision_path(), token=token)
            assert_error(response, 500)
            assert case.words["rationale"] not in response.text and other.words["rationale"] not in response.text
    finally:
        superuser.value(f"UPDATE decision_versions SET clinical_text = %s WHERE {where} RETURNING 1",
                        (original, case.item["id"]))
    assert assert_status(api.get(case.decision_path(), token=token), 200)["items"][0]["rationale"] == \
        case.words["rationale"]


LATEST_PLAN_VERSION = "plan_id = %s AND version = (SELECT max(version) FROM treatment_plan_versions WHERE plan_id = %s)"
FORGED_STEPS = "jsonb_build_array(jsonb_build_object('description', %s::text))"
CLEARED = [
    # (table, the plain columns its sealed text replaced and how a forger fills them, the row, its
    #  parameters from the case, where the API shows it)
    ("decision_versions", {"rationale": "%s"}, "agenda_item_id = %s", lambda c: (c.item["id"],),
     lambda c: path(c.meeting_id, c.item["id"], "/versions")),
    ("agenda_items", {"clinical_question": "%s", "summary": "%s"}, "id = %s", lambda c: (c.item["id"],),
     lambda c: f"/api/v1/meetings/{c.meeting_id}/agenda"),
    ("treatment_plan_versions", {"goals": "%s", "steps": FORGED_STEPS}, LATEST_PLAN_VERSION,
     lambda c: (c.plan["id"], c.plan["id"]), lambda c: f"/api/v1/plans/{c.plan['id']}"),
    ("treatment_plan_addenda", {"text": "%s"}, "plan_id = %s", lambda c: (c.plan["id"],),
     lambda c: f"/api/v1/plans/{c.plan['id']}"),
]


@pytest.mark.parametrize("table, plain, where, params_of, shown_at", CLEARED, ids=[c[0] for c in CLEARED])
def test_a_row_whose_sealed_text_was_cleared_is_refused_not_read_plain(api, auth, case, superuser, table, plain,
                                                                        where, params_of, shown_at):
    """Someone who can write to the database clears a row's sealed text and writes words of their own in
    the plain columns it replaced: the API refuses the row rather than show them (every row is sealed
    before the server serves, so a row without sealed text has been tampered with)."""
    token = auth.token("practitioner")
    params = params_of(case)
    original = superuser.value(f"SELECT clinical_text FROM {table} WHERE {where}", params)
    forged = marker("forged")
    forge = ", ".join(f"{column} = {value}" for column, value in plain.items())
    superuser.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")  # the guards of signed and past versions
    try:
        superuser.value(f"UPDATE {table} SET clinical_text = NULL, {forge} WHERE {where} RETURNING 1",
                        (forged,) * len(plain) + params)
        response = api.get(shown_at(case), token=token)
        assert_error(response, 500)
        assert forged not in response.text
    finally:
        # Sealed rows keep nothing in the plain columns.
        clear = ", ".join(f"{column} = NULL" for column in plain)
        superuser.value(f"UPDATE {table} SET clinical_text = %s, {clear} WHERE {where} RETURNING 1",
                        (original,) + params)
        superuser.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")
    assert_status(api.get(shown_at(case), token=token), 200)


def wait_for_rewrap(api, token):
    deadline = time.monotonic() + REWRAP_TIMEOUT_S
    while True:
        status = assert_status(api.get("/api/v1/keys", token=token), 200)
        if status["rewrap_pending"] == {"patient_keys": 0, "clinic_keys": 0}:
            return status
        assert time.monotonic() < deadline, f"re-wrapping did not finish: {status}"
        time.sleep(0.5)


def test_rotating_the_clinic_key_rewraps_in_the_background_and_keeps_everything_readable(api, auth, case,
                                                                                          world, superuser):
    owner = auth.token("owner")
    file_id, file_body = case.attach_file(api, auth)
    before = assert_status(api.get("/api/v1/keys", token=owner), 200)
    assert before["current_version"] >= 1 and before["patient_keys"] >= 1
    rotated = assert_status(api.post("/api/v1/keys/rotate", token=owner), 200)
    assert rotated["current_version"] == before["current_version"] + 1
    assert [v["version"] for v in rotated["clinic_key_versions"]][0] == rotated["current_version"]
    done = wait_for_rewrap(api, owner)
    clinic = world.clinic_a
    versions = superuser.rows("SELECT DISTINCT clinic_key_version AS v FROM patient_keys "
                              "WHERE clinic_id = %s AND wrapped_key IS NOT NULL", (clinic,))
    assert versions == [{"v": done["current_version"]}]
    assert assert_status(api.get(case.decision_path(), token=owner), 200)["items"][0]["rationale"] == \
        case.words["rationale"]
    assert downloads_intact(api, owner, file_id, file_body), "a file written before the rotation reads after it"
    # New patients' keys are made under the new version at once.
    newer = Case(api, auth)
    assert superuser.value("SELECT clinic_key_version FROM patient_keys WHERE patient_id = %s",
                           (newer.patient["id"],)) == done["current_version"]


def test_rotating_the_root_key_rewraps_every_clinic_key_and_the_old_version_can_go(api, auth, case, server,
                                                                                  superuser):
    owner = auth.token("owner")
    file_id, file_body = case.attach_file(api, auth)
    root_dir = os.path.join(server.data_dir, "keys", "root")
    old = sorted(os.listdir(root_dir))
    out = server.run_cli("keys", "rotate-root", "--data-dir", server.data_dir)
    assert '"root_key_version"' in out
    new = sorted(set(os.listdir(root_dir)) - set(old))
    assert len(new) == 1 and oct(os.stat(os.path.join(root_dir, new[0])).st_mode & 0o777) == "0o600"
    latest = int(new[0].removeprefix("root-v").removesuffix(".key"))
    assert superuser.value("SELECT count(*) FROM clinic_keys WHERE root_key_version <> %s", (latest,)) == 0
    assert wait_for_rewrap(api, owner)["root_key"]["current_version"] == latest
    # Without the old versions' files, a process that has cached nothing still opens every clinic key.
    hidden = os.path.join(server.data_dir, "retired-root-keys")
    os.makedirs(hidden, exist_ok=True)
    for name in old:
        os.rename(os.path.join(root_dir, name), os.path.join(hidden, name))
    try:
        server.run_cli("keys", "rewrap", "--data-dir", server.data_dir)
        assert_status(api.post("/api/v1/keys/rotate", token=owner), 200)  # a new clinic key under the new root
        wait_for_rewrap(api, owner)
        assert assert_status(api.get(case.decision_path(), token=owner), 200)["items"][0]["rationale"] == \
            case.words["rationale"]
        assert downloads_intact(api, owner, file_id, file_body)
    finally:
        for name in old:
            os.rename(os.path.join(hidden, name), os.path.join(root_dir, name))


def test_destroying_a_patients_key_erases_their_text_and_nobody_elses(api, auth, case, superuser):
    owner = auth.token("owner")
    file_id, _body = case.attach_file(api, auth)
    other = Case(api, auth)
    other_file, other_body = other.attach_file(api, auth)
    erased_before = assert_status(api.get("/api/v1/keys", token=owner), 200)["destroyed_patient_keys"]
    superuser.value("UPDATE patient_keys SET wrapped_key = NULL, destroyed_at = now() WHERE patient_id = %s "
                    "RETURNING 1", (case.patient["id"],))
    error = assert_error(api.get(case.decision_path(), token=owner), 404)
    assert "erased" in error["message"]
    assert_error(api.get(f"/api/v1/plans/{case.plan['id']}", token=owner), 404)
    status, _headers, content, _complete = fetch(api, owner, file_id)
    assert status == 404 and case.words["summary"].encode() not in content
    assert downloads_intact(api, owner, other_file, other_body)
    assert assert_status(api.get(other.decision_path(), token=owner), 200)["items"][0]["rationale"] == \
        other.words["rationale"]
    assert assert_status(api.get("/api/v1/keys", token=owner), 200)["destroyed_patient_keys"] == erased_before + 1


def test_each_clinic_sees_and_rotates_only_its_own_keys(api, auth, world, superuser):
    a = assert_status(api.get("/api/v1/keys", token=auth.token("owner")), 200)
    b_before = assert_status(api.get("/api/v1/keys", token=auth.token("b_owner")), 200)
    assert_status(api.post("/api/v1/keys/rotate", token=auth.token("b_owner")), 200)
    assert assert_status(api.get("/api/v1/keys", token=auth.token("owner")), 200)["current_version"] == \
        a["current_version"]
    assert assert_status(api.get("/api/v1/keys", token=auth.token("b_owner")), 200)["current_version"] == \
        b_before["current_version"] + 1
    for role in ("admin", "practitioner", "nurse", "read_only", "front_desk", "guest"):
        assert_error(api.get("/api/v1/keys", token=auth.token(role)), 403)
        assert_error(api.post("/api/v1/keys/rotate", token=auth.token(role)), 403)


def test_text_written_before_sealing_is_sealed_in_place_at_start_up():
    """Rows from before migration 0015 (their text in the old plain columns) are sealed in place when the
    server starts, signed decisions included, and the sealing is recorded; until then they are not read."""
    _ensure_service_user()
    binary, bin_dir = _runnable_copy(os.path.abspath(os.environ["CONSILIUM_BIN"]))
    srv = Server(binary)
    try:
        srv.start()
        api = wait_ready(srv)
        auth = OwnServerAuth(api, srv)
        case = Case(api, auth)
        assert_status(api.post(path(case.meeting_id, case.item["id"], "/signature"), token=auth.token("owner")), 200)
        sql = Sql(srv.db_url("superuser"))
        w = case.words
        with closing(sql.connect()) as conn, conn.cursor() as cur:
            cur.execute("ALTER TABLE decision_versions DISABLE TRIGGER decision_versions_final")
            cur.execute("UPDATE decision_versions SET clinical_text = NULL, rationale = %s, outcome_detail = %s "
                        "WHERE agenda_item_id = %s", (w["rationale"], w["detail"], case.item["id"]))
            cur.execute("ALTER TABLE decision_versions ENABLE TRIGGER decision_versions_final")
            cur.execute("UPDATE agenda_items SET clinical_text = NULL, clinical_question = %s, summary = %s, "
                        "comorbidities = %s, investigations = %s WHERE id = %s",
                        (w["question"], w["summary"], w["comorbidities"], w["investigations"], case.item["id"]))
            cur.execute("UPDATE treatment_plan_versions SET clinical_text = NULL, goals = %s, steps = %s "
                        "WHERE plan_id = %s", (w["goals"], json.dumps([{"description": w["step"]}]), case.plan["id"]))
            cur.execute("UPDATE treatment_plan_addenda SET clinical_text = NULL, text = %s WHERE plan_id = %s",
                        (w["addendum"], case.plan["id"]))
        # A running server never reads the plain columns (a row without sealed text is a tampered one) ...
        response = api.get(case.decision_path(), token=auth.token("practitioner"))
        assert_error(response, 500)
        assert w["rationale"] not in response.text

        srv.proc.send_signal(signal.SIGTERM)
        assert srv.proc.wait(timeout=60) == 0, srv.log_tail()
        restart(srv)
        api = wait_ready(srv)
        auth = OwnServerAuth(api, srv)
        test_the_api_gives_back_every_sealed_text(api, auth, case)  # ... the next start seals them
        assert sql.value("SELECT count(*) FROM decision_versions WHERE rationale IS NOT NULL OR clinical_text IS NULL") == 0
        assert sql.value("SELECT count(*) FROM agenda_items WHERE summary IS NOT NULL OR clinical_text IS NULL") == 0
        assert sql.value("SELECT count(*) FROM treatment_plan_versions WHERE goals IS NOT NULL") == 0
        assert sql.value("SELECT count(*) FROM treatment_plan_addenda WHERE text IS NOT NULL") == 0
        recorded = sql.rows("SELECT detail FROM audit_events WHERE action = 'keys.seal_legacy'")
        assert [r["detail"] for r in recorded] == [
            {"agenda_items": 1, "decision_versions": 1, "plan_versions_and_addenda": 3}]
    finally:
        problems = srv.stop()
        shutil.rmtree(bin_dir, ignore_errors=True)
    assert not problems, problems


class OwnServerAuth:
    """Tokens of a server of the test's own, by demo role."""

    def __init__(self, api, srv):
        self.api, self.users = api, {u["role"]: u for u in srv.demo["users"]}
        self.tokens, self.bodies = {}, {}

    def body(self, role):
        if role not in self.bodies:
            user = self.users[role]
            self.bodies[role] = assert_status(self.api.post("/api/v1/sessions", json={
                "email": user["email"], "password": user["password"]}), 201)
        return self.bodies[role]

    def token(self, role):
        return self.body(role)["access_token"]
