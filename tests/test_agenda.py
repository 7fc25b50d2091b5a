"""The agenda: proposals with a referral proforma stay pending until the
organiser approves them (with a position and a triage) or rejects them (with
a reason); only approved items are on the agenda; the cut-off closes
proposals to everyone but the organiser; guests see the approved agenda
without identifiers, only while the meeting is open."""
import pytest

from client import assert_error, assert_status
from conftest import create_patient
from test_meetings import bring_to, create_meeting, meeting_payload


def proforma(patient_id, **overrides):
    body = {"patient_id": patient_id, "clinical_question": "Surgery or neoadjuvant chemotherapy?",
            "summary": "T2 N1 lesion, left upper lobe; biopsy confirmed adenocarcinoma.", "ecog": 1,
            "comorbidities": "COPD", "investigations": "CT chest 2026-11-02; PET-CT 2026-11-10"}
    body.update(overrides)
    return body


def propose(api, token, meeting_id, body):
    return api.post(f"/api/v1/meetings/{meeting_id}/agenda", token=token, json=body)


def approve(api, token, meeting_id, item_id, **body):
    return api.post(f"/api/v1/meetings/{meeting_id}/agenda/{item_id}/approval", token=token,
                    json={"triage": "full_discussion", **body})


def agenda(api, token, meeting_id):
    return assert_status(api.get(f"/api/v1/meetings/{meeting_id}/agenda", token=token), 200)["items"]


def move(api, token, meeting_id, to):
    assert_status(api.post(f"/api/v1/meetings/{meeting_id}/transitions", token=token, json={"to": to}), 200)


def audit_count(superuser, action, resource_id):
    return superuser.value("SELECT count(*) FROM audit_events WHERE outcome = 'success' AND action = %s AND resource_id = %s",
                           (action, resource_id))


@pytest.fixture
def board(api, auth):
    """A scheduled meeting organised by the demo owner, and three patients."""
    owner = auth.token("owner")
    meeting = create_meeting(api, owner)
    bring_to(api, owner, meeting["id"], "scheduled")
    patients = [create_patient(api, auth.token("practitioner")) for _ in range(3)]
    return meeting["id"], patients


def test_a_proposal_waits_for_the_organiser(api, auth, board, superuser):
    meeting_id, patients = board
    item = assert_status(propose(api, auth.token("practitioner"), meeting_id, proforma(patients[0]["id"])), 201)
    assert item["state"] == "pending" and item["position"] is None and item["late"] is False
    assert item["patient"]["id"] == patients[0]["id"] and item["ecog"] == 1 and item["attachments"] == []
    assert agenda(api, auth.token("practitioner"), meeting_id) == [], "pending items are not on the agenda"
    pending = assert_status(api.get(f"/api/v1/meetings/{meeting_id}/proposals", token=auth.token("owner")), 200)
    assert [p["id"] for p in pending["items"]] == [item["id"]]
    assert superuser.value("SELECT count(*) FROM audit_events WHERE outcome = 'success' AND action = 'agenda.propose' AND resource_id = %s "
                           "AND patient_id = %s", (item["id"], patients[0]["id"])) == 1
    assert_error(propose(api, auth.token("nurse"), meeting_id, proforma(patients[0]["id"])), 409)


@pytest.mark.parametrize("change", [
    {"clinical_question": ""}, {"clinical_question": None}, {"summary": None}, {"ecog": 5}, {"ecog": -1},
    {"ecog": None}, {"ecog": "1"}, {"patient_id": "nope"}, {"comorbidities": "x" * 4001}, {"extra": 1},
])
def test_an_incomplete_proforma_is_refused(api, auth, board, change):
    meeting_id, patients = board
    body = {k: v for k, v in {**proforma(patients[0]["id"]), **change}.items() if v is not None}
    assert_error(propose(api, auth.token("practitioner"), meeting_id, body), 400)
    pending = assert_status(api.get(f"/api/v1/meetings/{meeting_id}/proposals", token=auth.token("owner")), 200)
    assert pending["items"] == []


def test_only_this_clinics_patients_can_be_proposed(api, auth, board):
    meeting_id, _ = board
    other = create_patient(api, auth.token("b_practitioner"))
    assert_error(propose(api, auth.token("practitioner"), meeting_id, proforma(other["id"])), 404)


def test_approving_orders_and_triages_the_agenda(api, auth, board, superuser):
    meeting_id, patients = board
    owner = auth.token("owner")
    items = [assert_status(propose(api, auth.token("practitioner"), meeting_id, proforma(p["id"])), 201)
             for p in patients]
    first = assert_status(approve(api, owner, meeting_id, items[0]["id"]), 200)
    assert first["state"] == "approved" and first["position"] == 1 and first["triage"] == "full_discussion"
    assert_status(approve(api, owner, meeting_id, items[1]["id"], triage="standard_of_care", position=1), 200)
    assert [(i["id"], i["position"]) for i in agenda(api, owner, meeting_id)] == [(items[1]["id"], 1),
                                                                                  (items[0]["id"], 2)]
    assert_error(approve(api, owner, meeting_id, items[0]["id"]), 409)
    assert_error(approve(api, owner, meeting_id, items[2]["id"], triage="maybe"), 400)
    rejected = assert_status(api.post(f"/api/v1/meetings/{meeting_id}/agenda/{items[2]['id']}/rejection",
                                      token=owner, json={"reason": "Not yet staged; re-refer after PET-CT"}), 200)
    assert rejected["state"] == "rejected" and rejected["rejection_reason"].startswith("Not yet staged")
    assert len(agenda(api, owner, meeting_id)) == 2
    order = api.request("PUT", f"/api/v1/meetings/{meeting_id}/agenda/order", token=owner,
                        json={"item_ids": [items[0]["id"], items[1]["id"]]})
    assert [i["id"] for i in assert_status(order, 200)["items"]] == [items[0]["id"], items[1]["id"]]
    for bad in ([items[0]["id"]], [items[0]["id"], items[2]["id"]], [items[0]["id"]] * 2):
        assert_error(api.request("PUT", f"/api/v1/meetings/{meeting_id}/agenda/order", token=owner,
                                 json={"item_ids": bad}), 400)
    assert audit_count(superuser, "agenda.review", items[1]["id"]) == 1
    assert audit_count(superuser, "agenda.review", meeting_id) == 1, "one record for the one reorder that happened"


def test_after_the_cut_off_only_the_organiser_proposes(api, auth):
    owner = auth.token("owner")
    meeting = assert_status(api.post("/api/v1/meetings", token=owner, json=meeting_payload(
        proposal_cutoff_at="2026-01-01T00:00:00Z")), 201)
    bring_to(api, owner, meeting["id"], "scheduled")
    patient = create_patient(api, auth.token("practitioner"))
    error = assert_error(propose(api, auth.token("practitioner"), meeting["id"], proforma(patient["id"])), 409)
    assert "closed at 2026-01-01T00:00:00Z" in error["message"] and "organiser" in error["message"]
    late = assert_status(propose(api, owner, meeting["id"], proforma(patient["id"])), 201)
    assert late["late"] is True


def test_a_finished_meeting_takes_no_proposals_or_reviews(api, auth, board):
    meeting_id, patients = board
    owner = auth.token("owner")
    item = assert_status(propose(api, auth.token("practitioner"), meeting_id, proforma(patients[0]["id"])), 201)
    move(api, owner, meeting_id, "in_progress")
    assert_error(propose(api, auth.token("practitioner"), meeting_id, proforma(patients[1]["id"])), 409)
    move(api, owner, meeting_id, "completed")
    assert_error(approve(api, owner, meeting_id, item["id"]), 409)


def test_guests_see_the_approved_agenda_without_identifiers_while_open(api, auth, board, superuser):
    meeting_id, patients = board
    owner = auth.token("owner")
    guest_token, guest = auth.token("guest"), auth.body("guest")["user"]["id"]
    assert_status(api.request("PUT", f"/api/v1/meetings/{meeting_id}/participants/{guest}", token=owner,
                              json={"meeting_role": "guest"}), 200)
    items = [assert_status(propose(api, auth.token("practitioner"), meeting_id, proforma(p["id"])), 201)
             for p in patients[:2]]
    assert_status(approve(api, owner, meeting_id, items[0]["id"]), 200)
    read = api.get(f"/api/v1/meetings/{meeting_id}/agenda", token=guest_token)
    seen = assert_status(read, 200)["items"]
    assert [i["id"] for i in seen] == [items[0]["id"]], "only approved items"
    assert superuser.value("SELECT meeting_role::text FROM audit_events WHERE request_id = %s",
                           (read.header("X-Request-Id"),)) == "guest", "the audit says in what role"
    assert set(seen[0]) == {"id", "position", "triage", "patient", "clinical_question", "summary", "ecog",
                            "comorbidities", "investigations"}
    assert set(seen[0]["patient"]) == {"family_name", "given_name", "birth_date", "sex"}, "no MRN, no ids"
    assert_error(api.get(f"/api/v1/meetings/{meeting_id}/proposals", token=guest_token), 404)
    assert_error(propose(api, guest_token, meeting_id, proforma(patients[2]["id"])), 404)
    meeting = assert_status(api.get(f"/api/v1/meetings/{meeting_id}", token=guest_token), 200)
    assert "participants" not in meeting, "a guest sees the meeting, not who else takes part"
    assert_error(api.get(f"/api/v1/patients/{patients[0]['id']}", token=guest_token), 403)
    move(api, owner, meeting_id, "in_progress")
    assert len(agenda(api, guest_token, meeting_id)) == 1
    move(api, owner, meeting_id, "completed")
    assert_error(api.get(f"/api/v1/meetings/{meeting_id}/agenda", token=guest_token), 404)


def test_reading_the_agenda_records_which_patients_were_shown(api, auth, board, superuser):
    meeting_id, patients = board
    owner = auth.token("owner")
    item = assert_status(propose(api, auth.token("practitioner"), meeting_id, proforma(patients[0]["id"])), 201)
    assert_status(approve(api, owner, meeting_id, item["id"]), 200)
    response = api.get(f"/api/v1/meetings/{meeting_id}/agenda", token=auth.token("read_only"))
    assert_status(response, 200)
    [row] = superuser.rows("SELECT detail, patient_ids::text[] AS patient_ids FROM audit_events "
                           "WHERE request_id = %s AND action = 'agenda.read'", (response.header("X-Request-Id"),))
    assert row == {"detail": {"part": "agenda"}, "patient_ids": [patients[0]["id"]]}
