"""Tenant isolation in the database itself, as the server's runtime role
(`admin db-url --role app`): row-level security is on, forced and cannot be
switched off; the role owns nothing, cannot bypass RLS and cannot rewrite the
audit log, its seals or a month's partition of it (nor can the owner role:
triggers refuse UPDATE, DELETE and TRUNCATE to everyone); password hashes stay
out of reach."""
import time
from contextlib import closing, contextmanager

import psycopg2
import psycopg2.errors
import pytest

from conftest import Sql

CORE_CLINIC_TABLES = {"patients", "memberships", "audit_events"}


@pytest.fixture(scope="module")
def app(server):
    return Sql(server.db_url("app"))


@pytest.fixture(scope="module")
def owner(server):
    return Sql(server.db_url("owner"))


@contextmanager
def app_cursor(app, clinic_id=None, autocommit=True):
    """A cursor as the runtime role, with app.clinic_id set for the session (or left unset)."""
    with closing(psycopg2.connect(app.conninfo)) as conn:
        conn.autocommit = autocommit
        with conn.cursor() as cur:
            if clinic_id is not None:
                cur.execute("SELECT set_config('app.clinic_id', %s, false)", (clinic_id,))
            yield cur
        if not autocommit:
            conn.rollback()


def fetch_value(cur, query, params=None):
    cur.execute(query, params)
    return cur.fetchone()[0]


def must_fail(app, statement, clinic_id=None, params=None):
    """Runs statement as the runtime role; it must raise a database error."""
    with app_cursor(app, clinic_id) as cur:
        with pytest.raises(psycopg2.Error):
            cur.execute(statement, params)
            pytest.fail(f"runtime role was allowed: {statement} (rowcount {cur.rowcount})")


def clinic_tables(superuser):
    """Every table (and partition) in schema public with a clinic_id column, with its RLS flags and key."""
    return superuser.rows("""
        SELECT c.relname AS name, c.relrowsecurity AS rls, c.relforcerowsecurity AS forced,
               (SELECT a.attname FROM pg_index i
                  JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
                 WHERE i.indrelid = c.oid AND i.indisprimary) AS first_key_column
          FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
           AND EXISTS (SELECT 1 FROM pg_attribute a
                        WHERE a.attrelid = c.oid AND a.attname = 'clinic_id' AND NOT a.attisdropped)
         ORDER BY c.relname""")


# ------------------------------------------------------------------ the role itself

def test_runtime_role_is_not_superuser_and_cannot_bypass_rls(app, owner, superuser):
    role = app.rows("SELECT current_user AS name, rolsuper, rolbypassrls, rolcreaterole, rolcreatedb"
                    " FROM pg_roles WHERE rolname = current_user")[0]
    assert role["rolsuper"] is False
    assert role["rolbypassrls"] is False
    assert role["name"] != owner.value("SELECT current_user"), "the runtime role must not be the owner role"
    assert role["name"] != superuser.value("SELECT current_user")


def test_runtime_role_cannot_act_as_owner_or_superuser(app, owner, superuser):
    owner_name = owner.value("SELECT current_user")
    superuser_name = superuser.value("SELECT current_user")
    assert app.value("SELECT pg_has_role(current_user, %s, 'MEMBER')", (owner_name,)) is False
    assert app.value("SELECT pg_has_role(current_user, %s, 'MEMBER')", (superuser_name,)) is False
    for name in (owner_name, superuser_name):
        must_fail(app, f'SET ROLE "{name}"')
        must_fail(app, f'SET SESSION AUTHORIZATION "{name}"')
    # No member role of the runtime role may bypass RLS either.
    escalations = app.rows("SELECT r.rolname FROM pg_roles r WHERE pg_has_role(current_user, r.oid, 'MEMBER')"
                           " AND (r.rolsuper OR r.rolbypassrls)")
    assert escalations == []


def test_runtime_role_owns_no_table(app):
    assert app.value("SELECT count(*) FROM pg_tables WHERE tableowner = current_user") == 0
    owned = app.rows("SELECT c.relname, c.relkind FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner"
                     " WHERE r.rolname = current_user AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')")
    assert owned == []


def test_every_clinic_table_has_forced_rls_and_clinic_id_first_in_its_key(superuser):
    tables = clinic_tables(superuser)
    names = {t["name"] for t in tables}
    assert names >= CORE_CLINIC_TABLES, f"missing clinic tables: {CORE_CLINIC_TABLES - names}"
    for table in tables:
        assert table["rls"] is True, f"{table['name']}: row-level security not enabled"
        assert table["forced"] is True, f"{table['name']}: row-level security not forced"
        assert table["first_key_column"] == "clinic_id", f"{table['name']}: primary key {table['first_key_column']!r}"


# ------------------------------------------------------------------ what the role sees

@pytest.mark.parametrize("table", sorted(CORE_CLINIC_TABLES))
def test_no_clinic_set_sees_no_rows(app, superuser, seeded, table):
    assert superuser.value(f"SELECT count(*) FROM {table}") > 0, "the control: the table has rows"
    with app_cursor(app) as cur:
        assert fetch_value(cur, f"SELECT count(*) FROM {table}") == 0


@pytest.mark.parametrize("value", ["", "not-a-uuid", "00000000-0000-0000-0000-000000000000"])
def test_empty_or_bogus_clinic_sees_no_rows(app, seeded, value):
    """An emptied or bogus setting must match nothing (an error is acceptable too)."""
    for table in sorted(CORE_CLINIC_TABLES):
        with app_cursor(app, value) as cur:
            try:
                count = fetch_value(cur, f"SELECT count(*) FROM {table}")
            except psycopg2.Error:
                continue
            assert count == 0, f"{table} with app.clinic_id={value!r}"


@pytest.mark.parametrize("which", ["a", "b"])
def test_clinic_setting_shows_exactly_that_clinics_rows(app, superuser, world, seeded, which):
    clinic = world.clinic_a if which == "a" else world.clinic_b
    checked = set()
    for table in clinic_tables(superuser):
        name = table["name"]
        if not app.value("SELECT has_table_privilege(current_user, %s, 'SELECT')", (f"public.{name}",)):
            continue
        expected = superuser.value(f"SELECT count(*) FROM {name} WHERE clinic_id = %s", (clinic,))
        with app_cursor(app, clinic) as cur:
            assert fetch_value(cur, f"SELECT count(*) FROM {name}") == expected, name
            cur.execute(f"SELECT DISTINCT clinic_id::text FROM {name}")
            assert {row[0] for row in cur.fetchall()} <= {clinic}, name
        checked.add(name)
    assert checked >= CORE_CLINIC_TABLES
    with app_cursor(app, clinic) as cur:
        assert fetch_value(cur, "SELECT count(*) FROM patients") > 0, "the control: the clinic has patients"


def test_row_security_off_does_not_reveal_rows(app, superuser, world, seeded):
    own = superuser.value("SELECT count(*) FROM patients WHERE clinic_id = %s", (world.clinic_b,))
    for clinic, visible in ((world.clinic_b, own), (None, 0)):
        with app_cursor(app, clinic) as cur:
            try:
                cur.execute("SET row_security = off")
                count = fetch_value(cur, "SELECT count(*) FROM patients")
            except psycopg2.Error:
                continue  # "query would be affected by row-level security policy"
            assert count == visible


# ------------------------------------------------------------------ what the role cannot do

def policy_names(superuser, table):
    return [r["policyname"] for r in superuser.rows(
        "SELECT policyname FROM pg_policies WHERE schemaname = 'public' AND tablename = %s", (table,))]


def rls_state(superuser):
    return (clinic_tables(superuser),
            superuser.rows("SELECT tablename, policyname, cmd, qual, with_check FROM pg_policies"
                           " WHERE schemaname = 'public' ORDER BY 1, 2"))


@pytest.mark.parametrize("statement", [
    "ALTER TABLE patients DISABLE ROW LEVEL SECURITY",
    "ALTER TABLE patients NO FORCE ROW LEVEL SECURITY",
    "ALTER TABLE audit_events DISABLE ROW LEVEL SECURITY",
    "ALTER TABLE memberships NO FORCE ROW LEVEL SECURITY",
    "CREATE POLICY let_me_in ON patients USING (true)",
    "CREATE POLICY let_me_in ON patients AS PERMISSIVE FOR SELECT TO PUBLIC USING (true)",
    "ALTER TABLE patients OWNER TO CURRENT_USER",
    "CREATE TABLE public.sneaky (clinic_id uuid)",
    "TRUNCATE patients",
])
def test_runtime_role_cannot_weaken_rls(app, superuser, world, seeded, statement):
    state = rls_state(superuser)
    must_fail(app, statement, world.clinic_b)
    assert rls_state(superuser) == state


def test_runtime_role_cannot_drop_or_change_policies(app, superuser, world, seeded):
    state = rls_state(superuser)
    for table in sorted(CORE_CLINIC_TABLES):
        names = policy_names(superuser, table)
        assert names, f"{table} has no policy"
        for name in names:
            must_fail(app, f'DROP POLICY "{name}" ON {table}', world.clinic_b)
            must_fail(app, f'ALTER POLICY "{name}" ON {table} USING (true)', world.clinic_b)
    assert rls_state(superuser) == state


# ------------------------------------------------------------------ the audit trail is append-only

APPEND_ONLY_CODE = "CS403"  # raised by the audit_refuse_change() triggers


def newest_partition(superuser):
    """The month's partition of audit_events that holds the newest records."""
    return superuser.value("SELECT tableoid::regclass::text FROM audit_events ORDER BY occurred_at DESC LIMIT 1")


def audit_targets(superuser):
    return {"audit_events": "audit_events", "audit_seals": "audit_seals", "partition": newest_partition(superuser)}


def trail_state(superuser):
    """Counts, once the server's sealer has caught up (it appends seals in the background)."""
    for _ in range(100):
        if not superuser.value("SELECT count(*) FROM audit_events e WHERE NOT EXISTS (SELECT 1 FROM audit_seals s "
                               "WHERE s.clinic_id = e.clinic_id AND s.event_id = e.id)"):
            break
        time.sleep(0.1)
    return (superuser.value("SELECT count(*) FROM audit_events"),
            superuser.value("SELECT count(*) FROM audit_events WHERE action = 'tampered'"),
            superuser.value("SELECT count(*) FROM audit_seals"))


def in_rolled_back_transaction(sql, statements, clinic_id=None):
    """Runs statements in one transaction that is always rolled back, so that
    nothing could stick even if the database let it through. Returns the error
    the last statement raised, or else its row count."""
    with closing(psycopg2.connect(sql.conninfo)) as conn:
        try:
            with conn.cursor() as cur:
                if clinic_id is not None:
                    cur.execute("SELECT set_config('app.clinic_id', %s, true)", (clinic_id,))
                for statement in statements[:-1]:
                    cur.execute(statement)
                try:
                    cur.execute(statements[-1])
                except psycopg2.Error as error:
                    return error
                return cur.rowcount
        finally:
            conn.rollback()


def refused_in_rolled_back_transaction(sql, statements, clinic_id=None):
    """As above; the last statement must raise. Returns its error."""
    outcome = in_rolled_back_transaction(sql, statements, clinic_id)
    assert isinstance(outcome, psycopg2.Error), f"{sql.user} was allowed: {statements[-1]} (rowcount {outcome})"
    return outcome


TAMPERING = ["UPDATE {table} SET clinic_id = clinic_id", "DELETE FROM {table}", "TRUNCATE {table}"]


@pytest.mark.parametrize("clinic", ["own", "none"])
@pytest.mark.parametrize("target", ["audit_events", "audit_seals", "partition"])
@pytest.mark.parametrize("statement", TAMPERING)
def test_the_runtime_role_cannot_change_or_remove_audit_rows(app, superuser, world, seeded, statement, target, clinic):
    table = audit_targets(superuser)[target]
    state = trail_state(superuser)
    assert state[0] > 0, "the control: there are records"
    refused_in_rolled_back_transaction(app, [statement.format(table=table)],
                                       world.clinic_b if clinic == "own" else None)
    assert trail_state(superuser) == state


def test_the_runtime_role_cannot_rewrite_a_records_content(app, superuser, world, seeded):
    state = trail_state(superuser)
    for statement in ("UPDATE audit_events SET action = 'tampered'", "UPDATE audit_events SET before = NULL, after = NULL"):
        refused_in_rolled_back_transaction(app, [statement], world.clinic_b)
    assert trail_state(superuser) == state


def test_the_owner_cannot_change_or_remove_audit_rows_either(owner, superuser, world, seeded):
    """The owner (the migration role) is bound by the same triggers. Row-level
    security alone already hides every row from its UPDATE and DELETE (no
    policy grants them), so each is tried again with that lifted inside the
    transaction (the owner may do so): the trigger refuses. TRUNCATE ignores
    row-level security: the trigger refuses it outright."""
    partition = newest_partition(superuser)
    state = trail_state(superuser)
    assert superuser.value(f"SELECT count(*) FROM {partition}") > 0, "the control: the partition has records"
    for table in ("audit_events", partition):
        for statement in TAMPERING:
            sql = statement.format(table=table)
            outcome = in_rolled_back_transaction(owner, [sql])
            if isinstance(outcome, psycopg2.Error):
                assert outcome.pgcode == APPEND_ONLY_CODE, f"{sql}: {outcome}"
            else:
                assert outcome == 0, f"the owner reached {outcome} audit rows with {sql}"
            lift = f"ALTER TABLE {table} NO FORCE ROW LEVEL SECURITY"
            error = refused_in_rolled_back_transaction(owner, [lift, sql])
            assert error.pgcode == APPEND_ONLY_CODE, f"{sql}: refused by {error.pgcode}, not the trigger: {error}"
    assert trail_state(superuser) == state


def test_the_owner_cannot_change_or_remove_a_seal(owner, superuser, world):
    """A seal of the owner's own making (inside a transaction that is rolled
    back), so that the test needs no sealer to have run."""
    state = trail_state(superuser)
    forged = ("INSERT INTO audit_seals (clinic_id, position, event_id, event_occurred_at, digest, chain) "
              f"VALUES ('{world.clinic_a}', 999999999, 1, now(), decode(repeat('00', 32), 'hex'), "
              "decode(repeat('00', 32), 'hex'))")
    for statement in TAMPERING:
        error = refused_in_rolled_back_transaction(
            owner, ["ALTER TABLE audit_seals NO FORCE ROW LEVEL SECURITY", forged, statement.format(table="audit_seals")])
        assert error.pgcode == APPEND_ONLY_CODE, f"{statement}: {error}"
    assert trail_state(superuser) == state


INSERT_PATIENT = ("INSERT INTO patients (clinic_id, id, mrn, family_name, given_name, birth_date, sex)"
                  " VALUES (%s, gen_random_uuid(), %s, 'Probe', '', '1970-01-01', 'unknown')")
INSERT_AUDIT = ("INSERT INTO audit_events (clinic_id, action, outcome, resource_type)"
                " VALUES (%s, 'test.probe', 'success', 'test')")


def test_runtime_role_cannot_write_into_another_clinic(app, superuser, world, seeded):
    b_patient = seeded.b_patients[0]
    a_patient = seeded.a_patients[0]
    snapshot = superuser.rows("SELECT * FROM patients WHERE id IN (%s, %s) ORDER BY id",
                              (a_patient["id"], b_patient["id"]))
    patients = superuser.value("SELECT count(*) FROM patients")
    audits = superuser.value("SELECT count(*) FROM audit_events WHERE action = 'test.probe'")

    # Controls, rolled back: the same statements work inside the acting clinic.
    with app_cursor(app, world.clinic_b, autocommit=False) as cur:
        cur.execute(INSERT_PATIENT, (world.clinic_b, "PROBE-OWN"))
        assert cur.rowcount == 1
        cur.execute(INSERT_AUDIT, (world.clinic_b,))
        assert cur.rowcount == 1
        cur.execute("UPDATE patients SET given_name = 'Probe' WHERE id = %s", (b_patient["id"],))
        assert cur.rowcount == 1

    must_fail(app, INSERT_PATIENT, world.clinic_b, (world.clinic_a, "PROBE-A"))
    must_fail(app, INSERT_AUDIT, world.clinic_b, (world.clinic_a,))
    must_fail(app, "UPDATE patients SET clinic_id = %s WHERE id = %s", world.clinic_b,
              (world.clinic_a, b_patient["id"]))
    with app_cursor(app, world.clinic_b) as cur:
        cur.execute("UPDATE patients SET given_name = 'Hijacked' WHERE id = %s", (a_patient["id"],))
        assert cur.rowcount == 0, "updated another clinic's patient"

    assert superuser.rows("SELECT * FROM patients WHERE id IN (%s, %s) ORDER BY id",
                          (a_patient["id"], b_patient["id"])) == snapshot
    assert superuser.value("SELECT count(*) FROM patients") == patients
    assert superuser.value("SELECT count(*) FROM audit_events WHERE action = 'test.probe'") == audits


# ------------------------------------------------------------------ password hashes

@pytest.mark.parametrize("clinic", ["a", "b", "none"])
def test_credentials_are_invisible_to_the_runtime_role(app, superuser, world, seeded, clinic):
    assert superuser.value("SELECT to_regclass('public.credentials') IS NOT NULL"), "no credentials table"
    assert superuser.value("SELECT count(*) FROM credentials") > 0, "the control: hashes exist"
    clinic_id = {"a": world.clinic_a, "b": world.clinic_b, "none": None}[clinic]
    with app_cursor(app, clinic_id) as cur:
        try:
            cur.execute("SELECT * FROM credentials")
        except psycopg2.errors.InsufficientPrivilege:
            return
        rows = cur.fetchall()
    assert rows == [], "the runtime role read password hashes"
