"""Every write of the clinical workflow leaves exactly one audit record (a
merge: one per patient) in the same transaction, with the right action,
patient and before/after; a write that fails leaves none of its changes
and only a record of the failure."""
import json

from client import assert_error, assert_status
from conftest import create_patient
from test_agenda import proforma
from test_decisions import decision


def records(superuser, response):
    return superuser.rows("SELECT action, outcome, patient_id::text AS patient_id, before, after "
                          "FROM audit_events WHERE request_id = %s ORDER BY id", (response.header("X-Request-Id"),))


def one(superuser, response, action, status=200):
    """The response succeeded and left exactly one record, for `action`."""
    assert_status(response, status)
    rows = records(superuser, response)
    assert [(r["action"], r["outcome"]) for r in rows] == [(action, "success")], rows
    return rows[0]


def test_every_write_leaves_exactly_one_record_with_its_diff(api, auth, new_member, superuser):
    owner, practitioner = auth.token("owner"), auth.token("practitioner")
    clinician = auth.body("practitioner")["user"]["id"]

    response = api.post("/api/v1/patients", token=practitioner, json={
        "mrn": "AUD-" + new_member()["id"][:8], "family_name": "Audit", "birth_date": "1960-02-02"})
    patient = response.json
    row = one(superuser, response, "patient.create", 201)
    assert row["patient_id"] == patient["id"] and row["after"]["family_name"] == "Audit"
    row = one(superuser, api.patch(f"/api/v1/patients/{patient['id']}", token=practitioner,
                                   json={"given_name": "Ann"}), "patient.update")
    assert row["before"] == {"given_name": ""} and row["after"] == {"given_name": "Ann"}

    response = api.post("/api/v1/meetings", token=owner, json={
        "title": "Audit board", "specialty": "audit", "starts_at": "2032-01-05T08:00:00Z",
        "ends_at": "2032-01-05T09:00:00Z"})
    meeting = response.json
    one(superuser, response, "meeting.create", 201)
    base = f"/api/v1/meetings/{meeting['id']}"
    row = one(superuser, api.patch(base, token=owner, json={"location": "Room 9"}), "meeting.update")
    assert row["after"] == {"location": "Room 9"}
    doctor = new_member("practitioner")
    row = one(superuser, api.request("PUT", f"{base}/participants/{doctor['id']}", token=owner,
                                     json={"meeting_role": "doctor"}), "meeting.participants.manage")
    assert row["before"]["meeting_role"] is None and row["after"]["meeting_role"] == "doctor"
    row = one(superuser, api.post(f"{base}/transitions", token=owner, json={"to": "scheduled"}), "meeting.transition")
    assert (row["before"], row["after"]) == ({"state": "draft"}, {"state": "scheduled"})

    other = create_patient(api, practitioner)
    response = api.post(f"{base}/agenda", token=practitioner, json=proforma(patient["id"]))
    item = response.json
    row = one(superuser, response, "agenda.propose", 201)
    assert row["patient_id"] == patient["id"] and row["after"]["clinical_question"]
    second = assert_status(api.post(f"{base}/agenda", token=practitioner, json=proforma(other["id"])), 201)
    row = one(superuser, api.post(f"{base}/agenda/{item['id']}/approval", token=owner,
                                  json={"triage": "full_discussion"}), "agenda.review")
    assert row["after"]["state"] == "approved" and row["patient_id"] == patient["id"]
    row = one(superuser, api.post(f"{base}/agenda/{second['id']}/rejection", token=owner,
                                  json={"reason": "Duplicate referral"}), "agenda.review")
    assert row["after"] == {"state": "rejected", "reason": "Duplicate referral"}
    one(superuser, api.request("PUT", f"{base}/agenda/order", token=owner, json={"item_ids": [item["id"]]}),
        "agenda.review")

    one(superuser, api.post(f"{base}/transitions", token=owner, json={"to": "in_progress"}), "meeting.transition")
    row = one(superuser, api.request("PUT", f"{base}/attendance", token=owner,
                                     json={"present": [doctor["id"]]}), "meeting.attendance.record")
    assert row["after"] == {"present": [doctor["id"]]}
    decision_path = f"{base}/agenda/{item['id']}/decision"
    row = one(superuser, api.request("PUT", decision_path, token=owner,
                                     json=decision(responsible_clinician_id=clinician)), "decision.record")
    assert row["before"] is None and row["after"]["version"] == 1 and row["patient_id"] == patient["id"]
    one(superuser, api.post(f"{decision_path}/signature", token=owner), "decision.sign")
    row = one(superuser, api.request("PUT", decision_path, token=owner, json=decision(
        responsible_clinician_id=clinician, outcome="surveillance", reason="Patient preference")), "decision.record")
    assert (row["before"]["version"], row["after"]["version"]) == (1, 2)

    response = api.post(f"/api/v1/patients/{patient['id']}/plans", token=practitioner, json={
        "goals": "Surveillance", "responsible_clinician_id": clinician, "decision_item_id": item["id"]})
    plan = response.json
    one(superuser, response, "plan.create", 201)
    row = one(superuser, api.patch(f"/api/v1/plans/{plan['id']}", token=practitioner,
                                   json={"goals": "Surveillance, CT in 3 months"}), "plan.update")
    # Clinical text is in the trail only as a fingerprint: the change shows, the words do not.
    before, after = row["before"]["goals"], row["after"]["goals"]
    assert before.startswith("hmac-sha256:") and after.startswith("hmac-sha256:") and before != after
    assert "Surveillance" not in json.dumps(row["before"]) + json.dumps(row["after"])
    one(superuser, api.post(f"/api/v1/plans/{plan['id']}/transitions", token=practitioner, json={"to": "stopped"}),
        "plan.transition")
    one(superuser, api.post(f"/api/v1/plans/{plan['id']}/addenda", token=practitioner,
                            json={"text": "Patient moved away."}), "plan.addendum", 201)

    duplicate = create_patient(api, practitioner)
    merged = api.post(f"/api/v1/patients/{duplicate['id']}/merge", token=practitioner, json={"into": other["id"]})
    assert_status(merged, 200)
    assert sorted((r["action"], r["patient_id"]) for r in records(superuser, merged)) == sorted(
        [("patient.merge", duplicate["id"]), ("patient.merge", other["id"])])


def test_a_failing_write_leaves_none_of_its_changes(api, auth, superuser):
    practitioner = auth.token("practitioner")
    clinician = auth.body("practitioner")["user"]["id"]
    patient = create_patient(api, practitioner)
    plan = assert_status(api.post(f"/api/v1/patients/{patient['id']}/plans", token=practitioner,
                                  json={"goals": "Start", "responsible_clinician_id": clinician}), 201)
    # The goals would change, but the new clinician is refused: nothing may change.
    response = api.patch(f"/api/v1/plans/{plan['id']}", token=practitioner, json={
        "goals": "Changed", "responsible_clinician_id": auth.body("nurse")["user"]["id"]})
    assert_error(response, 400)
    assert [(r["action"], r["outcome"]) for r in records(superuser, response)] == [("plan.write", "failure")]
    after = assert_status(api.get(f"/api/v1/plans/{plan['id']}", token=practitioner), 200)
    assert after["goals"] == "Start" and after["version"] == 1
    versions = assert_status(api.get(f"/api/v1/plans/{plan['id']}/versions", token=practitioner), 200)["items"]
    assert len(versions) == 1


# ------------------------------------------------------------------ no record of a change that did not happen

def row_of(superuser, table, row_id):
    return superuser.rows(f"SELECT * FROM {table} WHERE id = %s", (row_id,))


def refused_and_unchanged(superuser, response, status, expected, table, row_id, before):
    """The write was refused with `status`, its row is as it was, and the
    request's only record is `expected`: (action, failure or not_found)."""
    assert_error(response, status)
    assert [(r["action"], r["outcome"]) for r in records(superuser, response)] == [expected]
    assert row_of(superuser, table, row_id) == before, f"{table} {row_id} changed by a refused write"


def if_match(version):
    return {"If-Match": f'"{version}"'}


def test_a_refused_write_leaves_only_its_failure_and_the_same_write_done_right_its_success(api, auth, superuser):
    owner, practitioner = auth.token("owner"), auth.token("practitioner")
    clinician = auth.body("practitioner")["user"]["id"]

    patient = create_patient(api, practitioner)
    before = row_of(superuser, "patients", patient["id"])
    path = f"/api/v1/patients/{patient['id']}"
    refused_and_unchanged(superuser, api.patch(path, token=practitioner, json={"given_name": "Stale"},
                                               headers=if_match(patient["version"] + 1)),
                          412, ("patient.update", "failure"), "patients", patient["id"], before)
    refused_and_unchanged(superuser, api.patch(path, token=practitioner, json={"birth_date": "yesterday"}),
                          400, ("patient.update", "failure"), "patients", patient["id"], before)
    other_clinics = create_patient(api, auth.token("b_practitioner"))
    theirs = row_of(superuser, "patients", other_clinics["id"])
    refused_and_unchanged(superuser, api.patch(f"/api/v1/patients/{other_clinics['id']}", token=practitioner,
                                               json={"given_name": "Hijacked"}),
                          404, ("patient.update", "not_found"), "patients", other_clinics["id"], theirs)
    row = one(superuser, api.patch(path, token=practitioner, json={"given_name": "Right"},
                                   headers=if_match(patient["version"])), "patient.update")
    assert row["after"] == {"given_name": "Right"}

    mrn = "BAD-" + patient["id"][:8]
    bad = api.post("/api/v1/patients", token=practitioner, json={"mrn": mrn, "family_name": "Bad",
                                                                   "birth_date": "1970-13-45"})
    assert_error(bad, 400)
    assert [(r["action"], r["outcome"]) for r in records(superuser, bad)] == [("patient.create", "failure")]
    assert superuser.value("SELECT count(*) FROM patients WHERE mrn = %s", (mrn,)) == 0
    one(superuser, api.post("/api/v1/patients", token=practitioner, json={"mrn": mrn, "family_name": "Good",
                                                                          "birth_date": "1970-12-25"}),
        "patient.create", 201)

    plan = assert_status(api.post(f"/api/v1/patients/{patient['id']}/plans", token=practitioner,
                                  json={"goals": "Start", "responsible_clinician_id": clinician}), 201)
    before = row_of(superuser, "treatment_plans", plan["id"])
    versions = superuser.value("SELECT count(*) FROM treatment_plan_versions WHERE plan_id = %s", (plan["id"],))
    plan_path = f"/api/v1/plans/{plan['id']}"
    refused_and_unchanged(superuser, api.post(f"{plan_path}/transitions", token=practitioner, json={"to": "completed"}),
                          409, ("plan.write", "failure"), "treatment_plans", plan["id"], before)
    refused_and_unchanged(superuser, api.patch(plan_path, token=practitioner, json={"goals": "Stale"},
                                               headers=if_match(plan["version"] + 1)),
                          412, ("plan.write", "failure"), "treatment_plans", plan["id"], before)
    assert superuser.value("SELECT count(*) FROM treatment_plan_versions WHERE plan_id = %s", (plan["id"],)) == versions
    one(superuser, api.patch(plan_path, token=practitioner, json={"goals": "Right"}, headers=if_match(plan["version"])),
        "plan.update")
    one(superuser, api.post(f"{plan_path}/transitions", token=practitioner, json={"to": "active"}), "plan.transition")

    meeting = assert_status(api.post("/api/v1/meetings", token=owner, json={
        "title": "Refusals board", "specialty": "audit", "starts_at": "2032-02-02T08:00:00Z",
        "ends_at": "2032-02-02T09:00:00Z"}), 201)
    before = row_of(superuser, "meetings", meeting["id"])
    base = f"/api/v1/meetings/{meeting['id']}"
    refused_and_unchanged(superuser, api.post(f"{base}/transitions", token=owner, json={"to": "completed"}),
                          409, ("meeting.transition", "failure"), "meetings", meeting["id"], before)
    refused_and_unchanged(superuser, api.patch(base, token=owner, json={"title": "Stale"},
                                               headers=if_match(meeting["version"] + 1)),
                          412, ("meeting.update", "failure"), "meetings", meeting["id"], before)
    refused_and_unchanged(superuser, api.patch(base, token=auth.token("b_owner"), json={"title": "Theirs"}),
                          404, ("meeting.update", "not_found"), "meetings", meeting["id"], before)
    one(superuser, api.patch(base, token=owner, json={"title": "Right"}, headers=if_match(meeting["version"])),
        "meeting.update")
    one(superuser, api.post(f"{base}/transitions", token=owner, json={"to": "scheduled"}), "meeting.transition")

    item = assert_status(api.post(f"{base}/agenda", token=practitioner, json=proforma(patient["id"])), 201)
    one(superuser, api.post(f"{base}/agenda/{item['id']}/approval", token=owner, json={"triage": "full_discussion"}),
        "agenda.review")
    before = row_of(superuser, "agenda_items", item["id"])
    refused_and_unchanged(superuser, api.post(f"{base}/agenda/{item['id']}/rejection", token=owner,
                                              json={"reason": "Too late"}),
                          409, ("agenda.review", "failure"), "agenda_items", item["id"], before)
