"""The audit trail is tamper-evident: the server's sealer chains every
clinic's records (SHA-256 over the canonical record and the previous seal),
and `consilium audit verify` reports the first record altered, deleted or
inserted behind the server's back, at the right record, with exit status 1.
Each tampering here is done directly in SQL (as the superuser, with triggers
off, or as the owner) and then undone, so the trail verifies again.
Retention keeps six years at least and records what it drops."""
import json
import subprocess
import time

import psycopg2
import pytest

from client import assert_status
from conftest import create_patient

UNSEALED = ("SELECT count(*) FROM audit_events e WHERE e.clinic_id = %s AND NOT EXISTS ("
            "SELECT 1 FROM audit_seals s WHERE s.clinic_id = e.clinic_id AND s.event_id = e.id)")


def audit_cli(server, *args):
    """Runs `consilium audit ARGS` on the test server's database: (exit status, JSON lines it printed)."""
    result = subprocess.run([server.binary, "audit", *args, "--data-dir", server.data_dir], capture_output=True,
                            text=True, timeout=300, stdin=subprocess.DEVNULL, **server._as_service_user())
    printed = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    printed = [value for value in printed if "level" not in value]  # not the log lines
    assert printed, result.stderr
    return result.returncode, printed


def verify(server, *args):
    """(exit status, {clinic_id: report})"""
    status, reports = audit_cli(server, "verify", *args)
    return status, {r["clinic_id"]: r for r in reports}


def wait_sealed(superuser, clinic_id):
    for _ in range(100):
        if superuser.value(UNSEALED, (clinic_id,)) == 0:
            return
        time.sleep(0.1)
    pytest.fail("the sealer did not seal the clinic's records within 10 s")


class Tamper:
    """SQL as the superuser with triggers off (session_replication_role =
    replica): what someone with the database's keys could do."""

    def __init__(self, superuser):
        self.connection = superuser.connect()
        self.connection.autocommit = True

    def run(self, sql, params=None):
        with self.connection.cursor() as cursor:
            cursor.execute("SET session_replication_role = replica")
            cursor.execute(sql, params)
            cursor.execute("SET session_replication_role = origin")


@pytest.fixture(scope="module")
def sealed(api, auth, superuser, world):
    """Some fresh records of clinic A, all sealed; one in the middle to tamper with."""
    token = auth.token("practitioner")
    patient = create_patient(api, token, family_name="Chained")
    ids = []
    for _ in range(3):
        response = api.get(f"/api/v1/patients/{patient['id']}", token=token)
        assert_status(response, 200)
        ids.append(superuser.value("SELECT id FROM audit_events WHERE request_id = %s",
                                   (response.header("X-Request-Id"),)))
    wait_sealed(superuser, world.clinic_a)
    return {"clinic": world.clinic_a, "record": ids[1]}


def position_of(superuser, clinic, record):
    return superuser.value("SELECT position FROM audit_seals WHERE clinic_id = %s AND event_id = %s", (clinic, record))


def test_an_untouched_trail_verifies(server, sealed):
    status, reports = verify(server)
    assert status == 0, reports
    report = reports[sealed["clinic"]]
    assert report["ok"] and report["breaks"] == [] and report["sealed"] > 3
    assert len(report["head_chain"]) == 64


def test_the_sealer_chains_each_clinic_separately(superuser, sealed, world):
    for clinic in (world.clinic_a, world.clinic_b):
        wait_sealed(superuser, clinic)
        positions = [r["position"] for r in superuser.rows(
            "SELECT position FROM audit_seals WHERE clinic_id = %s ORDER BY position", (clinic,))]
        assert positions, f"clinic {clinic} has no sealed records"
        assert positions == list(range(1, len(positions) + 1))
        records = superuser.value("SELECT count(*) FROM audit_events WHERE clinic_id = %s", (clinic,))
        assert len(positions) == records, "every record sealed exactly once"


def test_altering_one_field_is_reported_at_that_record(server, superuser, sealed):
    clinic, record = sealed["clinic"], sealed["record"]
    tamper = Tamper(superuser)
    tamper.run("UPDATE audit_events SET outcome = 'denied' WHERE clinic_id = %s AND id = %s", (clinic, record))
    try:
        status, reports = verify(server, "--clinic", clinic)
        assert status == 1
        [found] = reports[clinic]["breaks"]
        assert (found["kind"], found["record_id"]) == ("altered", str(record))
        assert found["position"] == position_of(superuser, clinic, record)
    finally:
        tamper.run("UPDATE audit_events SET outcome = 'success' WHERE clinic_id = %s AND id = %s", (clinic, record))
    assert verify(server, "--clinic", clinic)[0] == 0


def test_deleting_one_record_is_reported_at_its_position(server, superuser, sealed):
    clinic, record = sealed["clinic"], sealed["record"]
    [row] = superuser.rows("SELECT * FROM audit_events WHERE clinic_id = %s AND id = %s", (clinic, record))
    tamper = Tamper(superuser)
    tamper.run("DELETE FROM audit_events WHERE clinic_id = %s AND id = %s", (clinic, record))
    try:
        status, reports = verify(server, "--clinic", clinic)
        assert status == 1
        [found] = reports[clinic]["breaks"]
        assert (found["kind"], found["record_id"]) == ("deleted", str(record))
        assert found["position"] == position_of(superuser, clinic, record)
    finally:
        restore_record(tamper, row)
    assert verify(server, "--clinic", clinic)[0] == 0


def restore_record(tamper, row):
    columns = ", ".join(row.keys())
    placeholders = ", ".join(["%s"] * len(row))
    values = [json.dumps(v) if isinstance(v, (dict, list)) and k != "patient_ids" else v for k, v in row.items()]
    tamper.run(f"INSERT INTO audit_events ({columns}) OVERRIDING SYSTEM VALUE VALUES ({placeholders})", values)


def test_deleting_a_record_with_its_seal_is_reported_as_a_gap(server, superuser, sealed):
    clinic, record = sealed["clinic"], sealed["record"]
    [row] = superuser.rows("SELECT * FROM audit_events WHERE clinic_id = %s AND id = %s", (clinic, record))
    [seal] = superuser.rows("SELECT * FROM audit_seals WHERE clinic_id = %s AND event_id = %s", (clinic, record))
    tamper = Tamper(superuser)
    tamper.run("DELETE FROM audit_seals WHERE clinic_id = %s AND event_id = %s", (clinic, record))
    tamper.run("DELETE FROM audit_events WHERE clinic_id = %s AND id = %s", (clinic, record))
    try:
        status, reports = verify(server, "--clinic", clinic)
        assert status == 1
        [found] = reports[clinic]["breaks"]
        assert (found["kind"], found["position"]) == ("deleted", seal["position"])
    finally:
        tamper.run("INSERT INTO audit_seals (clinic_id, position, event_id, event_occurred_at, digest, chain, sealed_at)"
                   " VALUES (%s, %s, %s, %s, %s, %s, %s)",
                   (clinic, seal["position"], seal["event_id"], seal["event_occurred_at"], seal["digest"],
                    seal["chain"], seal["sealed_at"]))
        restore_record(tamper, row)
    assert verify(server, "--clinic", clinic)[0] == 0


def test_a_forged_record_inserted_by_the_owner_is_reported(server, superuser, sealed):
    clinic = sealed["clinic"]
    owner = psycopg2.connect(server.db_url("owner"))
    owner.autocommit = True
    with owner.cursor() as cursor:
        cursor.execute("SELECT set_config('app.clinic_id', %s, false)", (clinic,))
        # An access that never happened, backdated by a day.
        cursor.execute("INSERT INTO audit_events (clinic_id, occurred_at, action, outcome, resource_type) "
                       "VALUES (%s, now() - interval '1 day', 'patient.read', 'success', 'patient') RETURNING id",
                       (clinic,))
        forged = cursor.fetchone()[0]
    owner.close()
    try:
        time.sleep(1.5)  # the sealer runs meanwhile and must leave the forged record out
        status, reports = verify(server, "--clinic", clinic)
        assert status == 1
        [found] = reports[clinic]["breaks"]
        assert (found["kind"], found["record_id"], found["position"]) == ("inserted", str(forged), 0)
    finally:
        Tamper(superuser).run("DELETE FROM audit_events WHERE clinic_id = %s AND id = %s", (clinic, forged))
    assert verify(server, "--clinic", clinic)[0] == 0


def test_an_altered_seal_breaks_the_chain(server, superuser, sealed):
    clinic, record = sealed["clinic"], sealed["record"]
    tamper = Tamper(superuser)
    original = superuser.value("SELECT encode(chain, 'hex') FROM audit_seals WHERE clinic_id = %s "
                               "AND event_id = %s", (clinic, record))
    tamper.run("UPDATE audit_seals SET chain = sha256(chain) WHERE clinic_id = %s AND event_id = %s",
               (clinic, record))
    try:
        status, reports = verify(server, "--clinic", clinic)
        assert status == 1
        assert reports[clinic]["breaks"][0]["kind"] == "chain"
        assert reports[clinic]["breaks"][0]["record_id"] == str(record)
    finally:
        tamper.run("UPDATE audit_seals SET chain = decode(%s, 'hex') WHERE clinic_id = %s AND event_id = %s",
                   (original, clinic, record))
    status, reports = verify(server, "--clinic", clinic)
    assert status == 0, reports


def test_retention_drops_only_months_past_six_years_and_records_it(server, superuser, world):
    owner = psycopg2.connect(server.db_url("owner"))
    owner.autocommit = True
    with owner.cursor() as cursor:
        cursor.execute("SELECT audit_ensure_month(date '2015-03-01')")
        cursor.execute("SELECT set_config('app.clinic_id', %s, false)", (world.clinic_a,))
        cursor.execute("INSERT INTO audit_events (clinic_id, occurred_at, action, outcome, resource_type) "
                       "VALUES (%s, '2015-03-10T10:00:00Z', 'patient.read', 'success', 'patient')",
                       (world.clinic_a,))
        with pytest.raises(psycopg2.Error, match="at least six years"):
            cursor.execute("SELECT audit_drop_expired(5)")
    owner.close()
    status, [dropped] = audit_cli(server, "retention")
    assert status == 0
    assert "audit_events_201503" in dropped["dropped"]
    assert superuser.value("SELECT to_regclass('audit_events_201503')") is None
    assert superuser.value("SELECT to_regclass('audit_seals_201503')") is None
    # This month and the next three are there.
    assert superuser.value("SELECT count(*) FROM pg_class WHERE relname ~ '^audit_events_[0-9]{6}$' "
                           "AND to_date(right(relname, 6), 'YYYYMM') >= date_trunc('month', now())") >= 4
    [record] = superuser.rows("SELECT actor_user_id, detail FROM audit_events WHERE clinic_id = %s "
                              "AND action = 'audit.retention' AND detail->'partitions' ? 'audit_events_201503'",
                              (world.clinic_a,))
    assert record["actor_user_id"] is None and record["detail"]["records_dropped"] == 1
    assert record["detail"]["retention_years"] == 6
    wait_sealed(superuser, world.clinic_a)
    assert verify(server)[0] == 0


def test_the_runtime_role_cannot_run_the_retention_job(server):
    runtime = psycopg2.connect(server.db_url("app"))
    try:
        with runtime.cursor() as cursor, pytest.raises(psycopg2.Error, match="permission denied"):
            cursor.execute("SELECT audit_drop_expired(6)")
    finally:
        runtime.close()
