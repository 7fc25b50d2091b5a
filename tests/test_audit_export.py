"""The audit export (GET /api/v1/audit/export): the filtered trail, oldest
first, streamed in chunks as CSV, JSON Lines or a FHIR R4 Bundle of
AuditEvents. The export is recorded before its first byte and is a snapshot
(nothing recorded after its start); CSV round-trips to the same values as
JSON Lines, with formulas guarded; an admin's export withholds values; a
transfer that fails half-way is cut, never complete-looking."""
import csv
import datetime
import http.client
import io
import json
import re
import secrets
import uuid
from contextlib import closing

import pytest

from client import assert_error, assert_status, insecure_context
from conftest import create_patient

EXPORT = "/api/v1/audit/export"
EVENTS = "/api/v1/audit/events"
CONTENT_TYPES = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson", "fhir": "application/fhir+json"}
EXTENSIONS = {"csv": "csv", "jsonl": "jsonl", "fhir": "json"}
CSV_COLUMNS = ["id", "occurred_at", "actor_id", "actor_name", "clinic_role", "meeting_role", "action", "outcome",
               "resource_type", "resource_id", "patient_id", "patient_ids", "changed_fields", "before", "after",
               "values_withheld", "detail", "ip", "user_agent", "request_id"]
JSON_COLUMNS = {"patient_ids", "changed_fields", "before", "after", "detail"}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A name with a comma and quotes, and a user agent a spreadsheet would run.
AWKWARD_NAME = 'O"Neill, Jr'
FORMULA_AGENT = '=HYPERLINK("https://attacker.example/","open me")'
# No API field takes a line break (text fields refuse control characters),
# so this one is written in SQL, as the database superuser.
MULTILINE_AGENT = 'line one,\r\n"line two"\nline three'

FHIR_INSTANT = re.compile(r"([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)-(0[1-9]|1[0-2])-(0[1-9]|[1-2][0-9]|3[0-1])"
                          r"T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\.[0-9]{1,9})?"
                          r"(Z|(\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00))")
EVENT_TYPES = {("http://terminology.hl7.org/CodeSystem/audit-event-type", "rest"),
               ("http://dicom.nema.org/resources/ontology/DCM", "110114")}


def export(api, token, fmt, **params):
    return api.get(EXPORT, token=token, params={"format": fmt, **params})


def jsonl(api, token, **params):
    response = export(api, token, "jsonl", **params)
    assert response.status == 200, response
    return [json.loads(line) for line in response.text.splitlines()]


def review(api, token, **params):
    page = assert_status(api.get(EVENTS, token=token, params={"limit": 200, **params}), 200)
    assert page["next_cursor"] is None, "the test expects one page"
    return page["events"]


def parse_instant(text):
    assert FHIR_INSTANT.fullmatch(text), text
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))


def open_stream(server, token, **params):
    """A GET on a connection of its own whose body is read as the test goes."""
    conn = http.client.HTTPSConnection("127.0.0.1", server.port, context=insecure_context(), timeout=60)
    query = "&".join(f"{k}={v}" for k, v in params.items())
    conn.request("GET", f"{EXPORT}?{query}", headers={"Authorization": f"Bearer {token}"})
    return conn, conn.getresponse()


@pytest.fixture(scope="module")
def trail(api, auth, world, superuser):
    """A patient with an awkward name that the practitioner created, read
    (with a formula for a user agent), listed and changed, plus one record
    with line breaks written in SQL."""
    practitioner = auth.token("practitioner")
    patient = create_patient(api, practitioner, family_name=AWKWARD_NAME)
    read = api.get(f"/api/v1/patients/{patient['id']}", token=practitioner, headers={"User-Agent": FORMULA_AGENT})
    assert_status(read, 200)
    assert_status(api.get("/api/v1/patients", token=practitioner, params={"mrn": patient["mrn"]}), 200)
    assert_status(api.patch(f"/api/v1/patients/{patient['id']}", token=practitioner,
                            json={"given_name": "Rhea"}), 200)
    superuser.value("INSERT INTO audit_events (clinic_id, action, outcome, resource_type, resource_id, patient_id, "
                    "user_agent, detail) VALUES (%s, 'patient.read', 'success', 'patient', %s, %s, %s, %s) RETURNING id",
                    (world.clinic_a, patient["id"], patient["id"], MULTILINE_AGENT, json.dumps({"via": "sql"})))
    return patient


def test_the_export_is_streamed_in_chunks_with_a_named_file_and_the_security_headers(api, auth, trail):
    for fmt, content_type in CONTENT_TYPES.items():
        response = export(api, auth.token("owner"), fmt, patient_id=trail["id"])
        assert response.status == 200, response
        assert response.header("Transfer-Encoding") == "chunked", response.header_list
        assert response.header("Content-Length") is None
        assert response.header("Content-Type") == content_type
        assert re.fullmatch(rf'attachment; filename="consilium-audit-\d{{8}}T\d{{6}}Z\.{EXTENSIONS[fmt]}"',
                            response.header("Content-Disposition")), response.header("Content-Disposition")
        assert response.header("Cache-Control") == "no-store"
        assert response.header("X-Content-Type-Options") == "nosniff"
        assert response.header("Content-Security-Policy", "").startswith("default-src 'self'")
        assert response.header("X-Request-Id")


def test_the_connection_serves_the_next_request_after_a_streamed_body(server, auth, trail):
    conn = http.client.HTTPSConnection("127.0.0.1", server.port, context=insecure_context(), timeout=30)
    headers = {"Authorization": f"Bearer {auth.token('owner')}"}
    with closing(conn):
        bodies = []
        for _ in range(2):
            conn.request("GET", f"{EXPORT}?format=jsonl&patient_id={trail['id']}", headers=headers)
            response = conn.getresponse()
            assert response.status == 200 and response.getheader("Connection") != "close"
            bodies.append(response.read())
        conn.request("GET", f"{EVENTS}?patient_id={trail['id']}", headers=headers)
        assert conn.getresponse().status == 200
    assert bodies[0] == bodies[1] and bodies[0].count(b"\n") >= 5


def test_jsonl_is_the_review_apis_records_oldest_first(api, auth, trail):
    owner = auth.token("owner")
    exported = jsonl(api, owner, patient_id=trail["id"])
    assert exported == list(reversed(review(api, owner, patient_id=trail["id"])))
    assert [e["action"] for e in exported][:4] == ["patient.create", "patient.read", "patient.list", "patient.update"]


def test_csv_round_trips_to_the_jsonl_values_with_formulas_guarded(api, auth, trail):
    owner = auth.token("owner")
    events = jsonl(api, owner, patient_id=trail["id"])
    response = export(api, owner, "csv", patient_id=trail["id"])
    assert response.status == 200, response
    text = response.body.decode("utf-8")
    assert text.endswith("\r\n") and text.startswith(",".join(CSV_COLUMNS) + "\r\n")
    rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    assert rows[0] == CSV_COLUMNS
    assert len(rows) - 1 == len(events)
    for row, event in zip(rows[1:], events):
        actor = event["actor"] or {}
        flat = dict(event, actor_id=actor.get("id"), actor_name=actor.get("name"))
        for column, value in zip(CSV_COLUMNS, row):
            expected = flat[column]
            if column in JSON_COLUMNS:
                assert (json.loads(value) if value else None) == expected, column
            elif expected is None:
                assert value == "", column
            elif isinstance(expected, bool):
                assert value == str(expected).lower(), column
            else:
                guarded = "'" + expected if expected.startswith(FORMULA_STARTS) else expected
                assert value == guarded, (column, value)
    agents = [row[CSV_COLUMNS.index("user_agent")] for row in rows[1:]]
    assert "'" + FORMULA_AGENT in agents and MULTILINE_AGENT in agents
    created = next(e for e in events if e["action"] == "patient.create")
    assert created["after"]["family_name"] == AWKWARD_NAME


def test_fhir_export_is_a_structurally_valid_r4_bundle_of_audit_events(api, auth, world, trail):
    owner = auth.token("owner")
    response = export(api, owner, "fhir", patient_id=trail["id"])
    assert response.status == 200, response
    bundle = response.json
    assert (bundle["resourceType"], bundle["type"]) == ("Bundle", "collection")
    parse_instant(bundle["timestamp"])
    events = jsonl(api, owner, patient_id=trail["id"])
    assert [entry["resource"]["id"] for entry in bundle["entry"]] == [e["id"] for e in events]
    full_urls = [entry["fullUrl"] for entry in bundle["entry"]]
    assert len(set(full_urls)) == len(full_urls)
    for entry, event in zip(bundle["entry"], events):
        assert entry["fullUrl"].startswith("urn:uuid:") and uuid.UUID(entry["fullUrl"][9:])
        resource = entry["resource"]
        assert resource["resourceType"] == "AuditEvent"
        assert (resource["type"]["system"], resource["type"]["code"]) in EVENT_TYPES
        assert resource["subtype"] == [{"system": "urn:consilium:audit-action", "code": event["action"]}]
        assert resource["action"] in ("C", "R", "U", "D", "E")
        assert parse_instant(resource["recorded"]) == parse_instant(event["occurred_at"])
        assert resource["outcome"] in ("0", "4", "8", "12")
        assert resource["agent"], resource
        for agent in resource["agent"]:
            assert isinstance(agent["requestor"], bool) and agent["who"]
            if "network" in agent:
                assert agent["network"]["type"] in ("1", "2", "3", "4", "5") and agent["network"]["address"]
        if event["actor"]:
            [agent] = resource["agent"]
            assert agent["requestor"] is True
            assert agent["who"]["identifier"] == {"system": "urn:consilium:user", "value": event["actor"]["id"]}
        assert resource["source"]["observer"] and resource["source"]["site"] == world.clinic_a
        patient_entities = [e for e in resource["entity"]
                            if e.get("role", {}).get("system") == "http://terminology.hl7.org/CodeSystem/object-role"
                            and e["role"]["code"] == "1"]
        assert {"reference": f"Patient/{trail['id']}"} in [e["what"] for e in patient_entities], resource
        for entity in resource["entity"]:
            assert not ("name" in entity and "query" in entity)  # sev-1
            for detail in entity.get("detail", []):
                assert isinstance(detail["type"], str) and isinstance(detail["valueString"], str)
    by_action = {entry["resource"]["subtype"][0]["code"]: entry["resource"] for entry in bundle["entry"]}
    assert (by_action["patient.create"]["action"], by_action["patient.read"]["action"],
            by_action["patient.update"]["action"]) == ("C", "R", "U")
    assert {"type": "changed_fields", "valueString": "given_name"} in by_action["patient.update"]["entity"][0]["detail"]
    # Before/after values are clinical content: never in FHIR, even for an owner.
    assert "Neill" not in response.text and "Rhea" not in response.text


def test_filters_apply(api, auth, trail):
    owner = auth.token("owner")
    practitioner_id = auth.body("practitioner")["user"]["id"]
    reads = jsonl(api, owner, patient_id=trail["id"], action="patient.read", actor_id=practitioner_id)
    assert [e["action"] for e in reads] == ["patient.read"] and reads[0]["user_agent"] == FORMULA_AGENT
    family = jsonl(api, owner, patient_id=trail["id"], action="patient.", resource_type="patient",
                   outcome="success")
    assert {e["action"] for e in family} == {"patient.create", "patient.read", "patient.list", "patient.update"}
    everything = jsonl(api, owner, patient_id=trail["id"])
    middle = everything[2]["occurred_at"]
    assert jsonl(api, owner, patient_id=trail["id"], **{"from": middle}) == everything[2:]
    assert jsonl(api, owner, patient_id=trail["id"], to=middle) == everything[:2]
    assert jsonl(api, owner, patient_id=trail["id"], outcome="denied") == []
    assert jsonl(api, auth.token("b_owner"), patient_id=trail["id"]) == [], "another clinic's trail"


def test_an_admins_export_withholds_the_values(api, auth, trail):
    [update] = jsonl(api, auth.token("admin"), patient_id=trail["id"], action="patient.update")
    assert (update["before"], update["after"], update["values_withheld"]) == (None, None, True)
    assert update["changed_fields"] == ["given_name"]
    response = export(api, auth.token("admin"), "csv", patient_id=trail["id"], action="patient.create")
    [header, row] = list(csv.reader(io.StringIO(response.text, newline="")))
    record = dict(zip(header, row))
    assert (record["before"], record["after"], record["values_withheld"]) == ("", "", "true")
    assert "Neill" not in response.text


def test_the_export_is_recorded_before_its_first_byte_and_is_in_the_next_export(server, api, auth, superuser):
    owner = auth.token("owner")
    conn, response = open_stream(server, owner, format="jsonl", action="patient.")
    with closing(conn):
        assert response.status == 200
        request_id = response.getheader("X-Request-Id")
        # The head has arrived, the body is not read yet: the record is committed.
        [record] = superuser.rows("SELECT action, outcome, resource_type, detail, occurred_at FROM audit_events "
                                  "WHERE request_id = %s", (request_id,))
        exported = [json.loads(line) for line in response.read().decode().splitlines()]
    assert (record["action"], record["outcome"], record["resource_type"]) == ("audit.export", "success", "audit_trail")
    assert record["detail"]["format"] == "jsonl"
    snapshot_end = parse_instant(record["detail"]["snapshot"])
    assert record["detail"]["filter"] == {"action": "patient."}
    assert snapshot_end <= record["occurred_at"]
    assert all(parse_instant(e["occurred_at"]) < snapshot_end for e in exported)
    later = jsonl(api, owner, action="audit.export")
    mine = [e for e in later if e["request_id"] == request_id]
    assert len(mine) == 1 and mine[0]["detail"]["format"] == "jsonl"
    assert mine[0]["actor"]["id"] == auth.body("owner")["user"]["id"]


def test_the_export_leaves_out_its_own_record(api, auth):
    owner = auth.token("owner")
    response = export(api, owner, "jsonl", action="audit.export")
    assert response.status == 200
    ids = [json.loads(line)["request_id"] for line in response.text.splitlines()]
    assert response.header("X-Request-Id") not in ids
    # Nor with a `to` in the future: it is held to the export's start.
    response = export(api, owner, "jsonl", action="audit.export", to="2999-01-01T00:00:00Z")
    assert response.status == 200
    ids = [json.loads(line)["request_id"] for line in response.text.splitlines()]
    assert response.header("X-Request-Id") not in ids


@pytest.mark.parametrize("role", ["practitioner", "nurse", "front_desk", "read_only", "guest"])
def test_other_roles_are_refused_and_the_refusal_is_recorded(api, auth, superuser, role):
    response = export(api, auth.token(role), "csv")
    assert_error(response, 403)
    [record] = superuser.rows("SELECT action, outcome FROM audit_events WHERE request_id = %s",
                              (response.header("X-Request-Id"),))
    assert (record["action"], record["outcome"]) == ("audit.export", "denied")


@pytest.mark.parametrize("params", [{}, {"format": "xml"}, {"format": "CSV"}, {"format": "csv", "cursor": "x"},
                                    {"format": "csv", "limit": "5"}, {"format": "csv", "patient_id": "nope"},
                                    {"format": "csv", "from": "yesterday"}])
def test_a_bad_format_or_filter_is_refused_with_400(api, auth, params):
    assert_error(api.get(EXPORT, token=auth.token("owner"), params=params), 400)


def test_a_transfer_that_fails_half_way_is_cut_not_completed(server, api, superuser):
    """The owner of a clinic of its own signs out while the export streams:
    the next page's transaction is refused, and the client sees the chunked
    body end without its last chunk."""
    email, password = f"owner.export.{secrets.token_hex(4)}@example.org", "Cons-" + secrets.token_urlsafe(18)
    created = server.admin("create-clinic", "--name", f"Export Clinic {secrets.token_hex(3)}", "--owner-email", email,
                           "--owner-name", "Ex Porter", "--owner-password-file", server.write_secret(password))
    clinic = created["clinic_id"]
    # Some 40 MB: more than the sockets between server and client can hold.
    superuser.value("INSERT INTO audit_events (clinic_id, action, outcome, resource_type, detail) "
                    "SELECT %s, 'bulk.read', 'success', 'bulk', jsonb_build_object('n', n, 'pad', repeat('x', 1000)) "
                    "FROM generate_series(1, 30000) AS n RETURNING 1", (clinic,))
    signed_in = assert_status(api.post("/api/v1/sessions", json={"email": email, "password": password}), 201)
    token = signed_in["access_token"]
    conn, response = open_stream(server, token, format="jsonl", action="bulk.read")
    with closing(conn):
        assert response.status == 200
        assert response.read(1000)
        signed_out = api.request("DELETE", f"/api/v1/sessions/{signed_in['session_id']}", token=token)
        assert signed_out.status == 204, signed_out
        with pytest.raises(http.client.IncompleteRead) as cut:
            response.read()
    assert 1000 + len(cut.value.partial) < 30000 * 1000, "the whole trail arrived"
    assert server.wait_for_output('"stream_failed"'), server.log_tail()
