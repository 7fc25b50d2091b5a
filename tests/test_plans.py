"""Treatment plans: draft -> active -> completed (or stopped), every change a
kept version; after completion only the responsible clinician edits, and
only within the clinic's window (seven days at most; the tests move the
completion time back instead of waiting); after that a correction is an
addendum."""
import itertools

import pytest

from client import assert_error, assert_status
from conftest import create_patient

PLAN_STATES = ("draft", "active", "completed", "stopped")
ALLOWED = {("draft", "active"), ("draft", "stopped"), ("active", "completed"), ("active", "stopped")}
PATH_TO = {"draft": [], "active": ["active"], "completed": ["active", "completed"], "stopped": ["stopped"]}


def plan_body(clinician_id, **overrides):
    body = {"goals": "Curative resection, then adjuvant therapy.", "responsible_clinician_id": clinician_id,
            "steps": [{"description": "Lobectomy", "due_date": "2027-01-15"}, {"description": "Oncology review"}],
            "start_date": "2027-01-10", "end_date": "2027-06-30"}
    body.update(overrides)
    return body


def move(api, token, plan_id, to):
    return api.post(f"/api/v1/plans/{plan_id}/transitions", token=token, json={"to": to})


@pytest.fixture
def patient(api, auth):
    return create_patient(api, auth.token("practitioner"))


@pytest.fixture
def plan(api, auth, patient):
    clinician = auth.body("practitioner")["user"]["id"]
    response = api.post(f"/api/v1/patients/{patient['id']}/plans", token=auth.token("practitioner"),
                        json=plan_body(clinician))
    created = assert_status(response, 201)
    assert response.header("Location") == f"/api/v1/plans/{created['id']}"
    return created


def completed_days_ago(superuser, plan_id, days):
    superuser.rows("UPDATE treatment_plans SET completed_at = now() - make_interval(days => %s) WHERE id = %s "
                   "RETURNING id", (days, plan_id))


def test_a_new_plan_is_a_draft_with_its_first_version(plan, patient, auth, superuser):
    assert plan["state"] == "draft" and plan["version"] == 1 and plan["allowed_transitions"] == ["active", "stopped"]
    assert plan["patient_id"] == patient["id"] and plan["steps"][0] == {"description": "Lobectomy",
                                                                        "due_date": "2027-01-15"}
    assert plan["responsible_clinician_id"] == auth.body("practitioner")["user"]["id"]
    assert plan["completed_at"] is None and plan["addenda"] == []
    assert superuser.value("SELECT count(*) FROM audit_events WHERE outcome = 'success' AND action = 'plan.create' AND resource_id = %s "
                           "AND patient_id = %s", (plan["id"], patient["id"])) == 1


def test_changes_are_versions_and_stale_ones_are_refused(api, auth, plan, superuser):
    token, path = auth.token("practitioner"), f"/api/v1/plans/{plan['id']}"
    changed = api.patch(path, token=token, json={"goals": "Curative resection.", "end_date": None},
                        headers={"If-Match": '"1"'})
    body = assert_status(changed, 200)
    assert body["version"] == 2 and body["end_date"] is None and changed.header("ETag") == '"2"'
    assert_error(api.patch(path, token=token, json={"goals": "Lost update"}, headers={"If-Match": '"1"'}), 412)
    assert assert_status(api.patch(path, token=token, json={"goals": "Curative resection."}), 200)["version"] == 2
    versions = assert_status(api.get(f"{path}/versions", token=auth.token("read_only")), 200)["items"]
    assert [(v["version"], v["goals"]) for v in versions] == [(2, "Curative resection."),
                                                             (1, "Curative resection, then adjuvant therapy.")]
    first = assert_status(api.get(f"{path}/versions/1", token=auth.token("nurse")), 200)
    assert first["end_date"] == "2027-06-30"
    assert_error(api.get(f"{path}/versions/9", token=token), 404)
    assert_error(api.get(f"{path}/versions/zero", token=token), 400)
    assert_error(api.patch(path, token=token, json={"end_date": "2026-01-01"}), 400)
    # One change, and one request that changed nothing: recorded too, with an empty difference.
    diffs = superuser.rows("SELECT after FROM audit_events WHERE outcome = 'success' AND action = 'plan.update' "
                           "AND resource_id = %s ORDER BY id", (plan["id"],))
    assert [row["after"] == {} for row in diffs] == [False, True]


@pytest.mark.parametrize("start,target", list(itertools.product(PLAN_STATES, PLAN_STATES)))
def test_plan_state_machine(api, auth, patient, start, target):
    token = auth.token("practitioner")
    clinician = auth.body("practitioner")["user"]["id"]
    plan = assert_status(api.post(f"/api/v1/patients/{patient['id']}/plans", token=token, json=plan_body(clinician)),
                         201)
    for step in PATH_TO[start]:
        assert_status(move(api, token, plan["id"], step), 200)
    before = assert_status(api.get(f"/api/v1/plans/{plan['id']}", token=token), 200)["version"]
    response = move(api, token, plan["id"], target)
    if (start, target) in ALLOWED:
        moved = assert_status(response, 200)
        assert moved["state"] == target and moved["version"] == before + 1
        assert (moved["completed_at"] is not None) == (target == "completed")
    else:
        assert_error(response, 409)


def test_after_completion_only_the_responsible_clinician_edits_within_the_window(api, auth, plan, new_member,
                                                                                 superuser):
    token, path = auth.token("practitioner"), f"/api/v1/plans/{plan['id']}"
    for step in ("active", "completed"):
        assert_status(move(api, token, plan["id"], step), 200)
    completed = assert_status(api.get(path, token=token), 200)
    assert completed["edit_window_closes_at"] > completed["completed_at"]
    assert_error(api.post(f"{path}/addenda", token=token, json={"text": "Too early"}), 409)
    other = new_member("practitioner")
    other_token = assert_status(api.post("/api/v1/sessions", json={"email": other["email"],
                                                                   "password": other["password"]}), 201)["access_token"]
    completed_days_ago(superuser, plan["id"], 6)
    assert_error(api.patch(path, token=other_token, json={"goals": "Not mine to change"}), 403)
    assert assert_status(api.patch(path, token=token, json={"goals": "Day six correction"}), 200)["state"] == "completed"
    completed_days_ago(superuser, plan["id"], 8)
    error = assert_error(api.patch(path, token=token, json={"goals": "Day eight"}), 409)
    assert "addendum" in error["message"]
    added = assert_status(api.post(f"{path}/addenda", token=token, json={"text": "Dose reduced after week 2."}), 201)
    assert [a["text"] for a in added["addenda"]] == ["Dose reduced after week 2."]
    assert added["goals"] == "Day six correction" and added["version"] == 4
    assert superuser.value("SELECT count(*) FROM audit_events WHERE outcome = 'success' AND action = 'plan.addendum' AND resource_id = %s",
                           (plan["id"],)) == 1


def test_the_clinic_can_shorten_the_window(api, auth, plan, superuser):
    token, path = auth.token("practitioner"), f"/api/v1/plans/{plan['id']}"
    for step in ("active", "completed"):
        assert_status(move(api, token, plan["id"], step), 200)
    completed_days_ago(superuser, plan["id"], 4)
    owner = auth.token("owner")
    assert_status(api.patch("/api/v1/clinic/settings", token=owner, json={"plan_edit_window_days": 3}), 200)
    try:
        assert_error(api.patch(path, token=token, json={"goals": "Day four"}), 409)
    finally:
        assert_status(api.patch("/api/v1/clinic/settings", token=owner, json={"plan_edit_window_days": 7}), 200)
    assert_status(api.patch(path, token=token, json={"goals": "Day four, seven-day window"}), 200)


def test_a_stopped_plan_takes_only_addenda(api, auth, plan):
    token, path = auth.token("practitioner"), f"/api/v1/plans/{plan['id']}"
    assert_status(move(api, token, plan["id"], "stopped"), 200)
    assert_error(api.patch(path, token=token, json={"goals": "Changed"}), 409)
    assert_status(api.post(f"{path}/addenda", token=token, json={"text": "Patient declined treatment."}), 201)


@pytest.mark.parametrize("change", [
    {"goals": ""}, {"goals": None}, {"steps": "surgery"}, {"steps": [{"what": "x"}]},
    {"steps": [{"description": "x", "due_date": "soon"}]}, {"start_date": "2027-02-30"},
    {"start_date": "2027-03-01", "end_date": "2027-02-01"}, {"responsible_clinician_id": "nope"}, {"extra": True},
    {"decision_item_id": "00000000-0000-4000-8000-000000000000"},
])
def test_bad_plans_are_refused(api, auth, patient, change):
    clinician = auth.body("practitioner")["user"]["id"]
    body = {k: v for k, v in {**plan_body(clinician), **change}.items() if v is not None}
    response = api.post(f"/api/v1/patients/{patient['id']}/plans", token=auth.token("practitioner"), json=body)
    assert_error(response, 400)
    assert assert_status(api.get(f"/api/v1/patients/{patient['id']}/plans", token=auth.token("practitioner")),
                         200)["items"] == []


def test_the_responsible_clinician_is_a_clinician(api, auth, patient):
    nurse = auth.body("nurse")["user"]["id"]
    assert_error(api.post(f"/api/v1/patients/{patient['id']}/plans", token=auth.token("practitioner"),
                          json=plan_body(nurse)), 400)


def test_plans_belong_to_their_clinic(api, auth, plan, patient):
    assert_error(api.get(f"/api/v1/plans/{plan['id']}", token=auth.token("b_owner")), 404)
    assert_error(api.get(f"/api/v1/patients/{patient['id']}/plans", token=auth.token("b_owner")), 404)
    mine = assert_status(api.get(f"/api/v1/patients/{patient['id']}/plans", token=auth.token("read_only")), 200)
    assert [p["id"] for p in mine["items"]] == [plan["id"]]
