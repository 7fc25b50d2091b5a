"""Decisions: recorded per approved agenda item while the meeting runs, with
the participants present and quorum taken from the attendance; signed by
the organiser; after signing, a change is a new version with its reason and
every version stays readable."""
import psycopg2
import pytest

from client import assert_error, assert_status
from conftest import create_patient
from test_agenda import approve, move, proforma, propose
from test_meetings import bring_to, create_meeting


def decision(**overrides):
    body = {"outcome": "surgery", "rationale": "Resectable; fit for lobectomy.", "trial_considered": True,
            "trial_name": "LungCare-3", "responsible_clinician_id": None}
    body.update(overrides)
    return body


def start_meeting(api, auth, new_member, **meeting_fields):
    """A meeting in progress with one approved item and a doctor invited;
    returns (meeting id, item id, patient id, doctor)."""
    owner = auth.token("owner")
    meeting = create_meeting(api, owner, **meeting_fields)
    doctor = new_member("practitioner", name="Dora Doctor")
    assert_status(api.request("PUT", f"/api/v1/meetings/{meeting['id']}/participants/{doctor['id']}", token=owner,
                              json={"meeting_role": "doctor"}), 200)
    bring_to(api, owner, meeting["id"], "scheduled")
    patient = create_patient(api, auth.token("practitioner"))
    item = assert_status(propose(api, auth.token("practitioner"), meeting["id"], proforma(patient["id"])), 201)
    assert_status(approve(api, owner, meeting["id"], item["id"]), 200)
    move(api, owner, meeting["id"], "in_progress")
    return meeting["id"], item["id"], patient["id"], doctor


@pytest.fixture
def running(api, auth, new_member):
    return start_meeting(api, auth, new_member)


def path(meeting_id, item_id, suffix=""):
    return f"/api/v1/meetings/{meeting_id}/agenda/{item_id}/decision{suffix}"


def record(api, token, meeting_id, item_id, body):
    return api.request("PUT", path(meeting_id, item_id), token=token, json=body)


def take_attendance(api, token, meeting_id, present):
    assert_status(api.request("PUT", f"/api/v1/meetings/{meeting_id}/attendance", token=token,
                              json={"present": present}), 200)


def test_record_sign_and_version_a_decision(api, auth, running, superuser):
    meeting_id, item_id, patient_id, doctor = running
    owner_token, owner = auth.token("owner"), auth.body("owner")["user"]["id"]
    take_attendance(api, owner_token, meeting_id, [owner])
    first = assert_status(record(api, owner_token, meeting_id, item_id,
                                 decision(responsible_clinician_id=doctor["id"])), 200)
    assert first["version"] == 1 and first["present"] == [owner] and first["quorate"] is False, "no doctor present"
    assert first["signed_at"] is None and first["patient_id"] == patient_id
    take_attendance(api, owner_token, meeting_id, [owner, doctor["id"]])
    draft = assert_status(record(api, owner_token, meeting_id, item_id,
                                 decision(responsible_clinician_id=doctor["id"], rationale="Fit for surgery.")), 200)
    assert draft["version"] == 1 and draft["quorate"] is True and draft["rationale"] == "Fit for surgery."
    signed = assert_status(api.post(path(meeting_id, item_id, "/signature"), token=owner_token), 200)
    assert signed["signed_by"] == owner and signed["signed_at"]
    assert_error(api.post(path(meeting_id, item_id, "/signature"), token=owner_token), 409)

    change = decision(responsible_clinician_id=doctor["id"], outcome="chemotherapy", rationale="Node positive.")
    assert_error(record(api, owner_token, meeting_id, item_id, change), 400)  # no reason
    move(api, owner_token, meeting_id, "completed")
    second = assert_status(record(api, owner_token, meeting_id, item_id,
                                  {**change, "reason": "Pathology review after the meeting"}), 200)
    assert second["version"] == 2 and second["change_reason"] == "Pathology review after the meeting"
    assert second["signed_at"] is None
    versions = assert_status(api.get(path(meeting_id, item_id, "/versions"), token=auth.token("read_only")), 200)
    assert [(v["version"], v["outcome"]) for v in versions["items"]] == [(2, "chemotherapy"), (1, "surgery")]
    latest = assert_status(api.get(path(meeting_id, item_id), token=auth.token("nurse")), 200)
    assert latest["version"] == 2
    records = superuser.value("SELECT count(*) FROM audit_events WHERE outcome = 'success' AND action = 'decision.record' AND "
                              "resource_id = %s AND patient_id = %s", (item_id, patient_id))
    assert records == 3
    assert superuser.value("SELECT count(*) FROM audit_events WHERE outcome = 'success' AND action = 'decision.sign' AND resource_id = %s",
                           (item_id,)) == 1


def test_quorum_follows_the_meetings_core_roles(api, auth, running):
    meeting_id, item_id, _, doctor = running
    owner_token, owner = auth.token("owner"), auth.body("owner")["user"]["id"]
    changed = api.patch(f"/api/v1/meetings/{meeting_id}", token=owner_token,
                        json={"core_roles": ["organiser", "doctor", "doctor"]})
    assert_error(changed, 409)  # an in-progress meeting's settings are fixed
    take_attendance(api, owner_token, meeting_id, [owner, doctor["id"]])
    recorded = assert_status(record(api, owner_token, meeting_id, item_id,
                                    decision(responsible_clinician_id=doctor["id"])), 200)
    assert recorded["quorate"] is True and sorted(recorded["present"]) == sorted([owner, doctor["id"]])


def test_a_meeting_may_need_more_than_one_doctor(api, auth, new_member):
    owner = auth.token("owner")
    meeting_id, item_id, _, doctor = start_meeting(api, auth, new_member, core_roles=["organiser", "doctor", "doctor"])
    meeting = assert_status(api.get(f"/api/v1/meetings/{meeting_id}", token=owner), 200)
    assert meeting["core_roles"] == ["organiser", "doctor", "doctor"]
    take_attendance(api, owner, meeting_id, [auth.body("owner")["user"]["id"], doctor["id"]])
    recorded = assert_status(record(api, owner, meeting_id, item_id,
                                    decision(responsible_clinician_id=doctor["id"])), 200)
    assert recorded["quorate"] is False, "one doctor of the two needed"


def test_a_signed_version_cannot_be_altered_even_in_sql(api, auth, running, server):
    meeting_id, item_id, _, doctor = running
    owner_token = auth.token("owner")
    assert_status(record(api, owner_token, meeting_id, item_id, decision(responsible_clinician_id=doctor["id"])), 200)
    assert_status(api.post(path(meeting_id, item_id, "/signature"), token=owner_token), 200)
    # As the superuser, whom row-level security does not limit: the trigger still refuses.
    with psycopg2.connect(server.db_url("superuser")) as connection, connection.cursor() as cursor:
        with pytest.raises(psycopg2.Error) as refused:
            cursor.execute("UPDATE decision_versions SET rationale = 'rewritten' WHERE agenda_item_id = %s",
                           (item_id,))
        assert "signed decision" in str(refused.value)


@pytest.mark.parametrize("change", [
    {"outcome": "magic"}, {"outcome": "other"}, {"rationale": ""}, {"trial_considered": None},
    {"trial_considered": False, "trial_name": "X"}, {"responsible_clinician_id": "nope"}, {"resolution": "later"},
])
def test_bad_decisions_are_refused(api, auth, running, change):
    meeting_id, item_id, _, doctor = running
    body = {k: v for k, v in {**decision(responsible_clinician_id=doctor["id"]), **change}.items() if v is not None}
    assert_error(record(api, auth.token("owner"), meeting_id, item_id, body), 400)
    assert_error(api.get(path(meeting_id, item_id), token=auth.token("owner")), 404)


def test_the_responsible_clinician_is_a_clinician_of_this_clinic(api, auth, running):
    meeting_id, item_id, _, _ = running
    for who in (auth.body("nurse")["user"]["id"], auth.body("b_owner")["user"]["id"]):
        assert_error(record(api, auth.token("owner"), meeting_id, item_id, decision(responsible_clinician_id=who)),
                     400)


def test_decisions_wait_for_the_meeting_and_for_approval(api, auth, new_member):
    owner = auth.token("owner")
    meeting = create_meeting(api, owner)
    bring_to(api, owner, meeting["id"], "scheduled")
    patient = create_patient(api, auth.token("practitioner"))
    item = assert_status(propose(api, auth.token("practitioner"), meeting["id"], proforma(patient["id"])), 201)
    clinician = auth.body("practitioner")["user"]["id"]
    move(api, owner, meeting["id"], "in_progress")
    assert_error(record(api, owner, meeting["id"], item["id"], decision(responsible_clinician_id=clinician)), 409)
    other = create_meeting(api, owner)
    bring_to(api, owner, other["id"], "scheduled")
    other_item = assert_status(propose(api, auth.token("practitioner"), other["id"], proforma(patient["id"])), 201)
    assert_status(approve(api, owner, other["id"], other_item["id"]), 200)
    assert_error(record(api, owner, other["id"], other_item["id"], decision(responsible_clinician_id=clinician)), 409)
    assert_error(record(api, owner, meeting["id"], other_item["id"], decision(responsible_clinician_id=clinician)),
                 404)


def test_who_may_record_sign_and_read(api, auth, running):
    meeting_id, item_id, _, doctor = running
    doctor_token = assert_status(api.post("/api/v1/sessions", json={"email": doctor["email"],
                                                                    "password": doctor["password"]}), 201)["access_token"]
    body = decision(responsible_clinician_id=doctor["id"])
    assert_error(record(api, doctor_token, meeting_id, item_id, body), 403)
    assert_status(record(api, auth.token("owner"), meeting_id, item_id, body), 200)
    assert_error(api.post(path(meeting_id, item_id, "/signature"), token=doctor_token), 403)
    assert_status(api.get(path(meeting_id, item_id), token=doctor_token), 200)
    assert_error(api.get(path(meeting_id, item_id), token=auth.token("front_desk")), 403)


def test_the_patients_history_shows_each_item_with_its_latest_decision(api, auth, running, superuser):
    meeting_id, item_id, patient_id, doctor = running
    owner_token, owner = auth.token("owner"), auth.body("owner")["user"]["id"]
    take_attendance(api, owner_token, meeting_id, [owner])
    assert_status(record(api, owner_token, meeting_id, item_id, decision(responsible_clinician_id=doctor["id"])), 200)
    assert_status(api.post(path(meeting_id, item_id, "/signature"), token=owner_token), 200)
    response = api.get(f"/api/v1/patients/{patient_id}/history", token=auth.token("nurse"))
    [item] = assert_status(response, 200)["items"]
    assert (item["item_id"], item["meeting_id"], item["state"]) == (item_id, meeting_id, "approved")
    assert item["decision"]["outcome"] == "surgery" and item["decision"]["signed"] is True
    assert item["decision"]["responsible_clinician_id"] == doctor["id"]
    [audit] = superuser.rows("SELECT patient_id::text AS patient_id, detail FROM audit_events "
                             "WHERE request_id = %s", (response.header("X-Request-Id"),))
    assert audit == {"patient_id": patient_id, "detail": {"returned": 1}}


def test_the_history_is_clinical_and_stays_in_its_clinic(api, auth, make_patient):
    patient = make_patient()
    assert assert_status(api.get(f"/api/v1/patients/{patient['id']}/history", token=auth.token("read_only")),
                         200)["items"] == []
    for role in ("front_desk", "admin", "guest"):
        assert_error(api.get(f"/api/v1/patients/{patient['id']}/history", token=auth.token(role)), 403)
    assert_error(api.get(f"/api/v1/patients/{patient['id']}/history", token=auth.token("b_practitioner")), 404)
