"""The audit review API: owners and admins filter the clinic's trail (newest
first, cursor pages), see who accessed a patient in one call, and never see
another clinic's records; an admin sees which fields changed but not their
values; reading the trail is itself recorded."""
import uuid

import pytest

from client import assert_error, assert_status
from conftest import create_patient

EVENTS = "/api/v1/audit/events"


def events(api, token, **params):
    return assert_status(api.get(EVENTS, token=token, params=params), 200)


@pytest.fixture(scope="module")
def touched(api, auth):
    """A patient the practitioner created, listed, read and changed."""
    practitioner = auth.token("practitioner")
    patient = create_patient(api, practitioner, family_name="Reviewed")
    assert_status(api.get(f"/api/v1/patients/{patient['id']}", token=practitioner), 200)
    assert_status(api.get("/api/v1/patients", token=practitioner, params={"mrn": patient["mrn"]}), 200)
    assert_status(api.patch(f"/api/v1/patients/{patient['id']}", token=practitioner,
                            json={"given_name": "Rhea"}), 200)
    return patient


def test_filter_by_patient_finds_reads_writes_and_lists_newest_first(api, auth, touched):
    page = events(api, auth.token("owner"), patient_id=touched["id"])
    actions = [e["action"] for e in page["events"]]
    assert actions[:4] == ["patient.update", "patient.list", "patient.read", "patient.create"], actions
    times = [e["occurred_at"] for e in page["events"]]
    assert times == sorted(times, reverse=True)
    listed = page["events"][1]
    assert touched["id"] in listed["patient_ids"] and listed["patient_id"] is None
    update = page["events"][0]
    practitioner = auth.body("practitioner")["user"]
    assert update["actor"] == {"id": practitioner["id"], "name": practitioner["display_name"]}
    assert update["clinic_role"] == "practitioner" and update["outcome"] == "success"
    assert update["changed_fields"] == ["given_name"]
    assert (update["before"], update["after"], update["values_withheld"]) == (
        {"given_name": touched["given_name"]}, {"given_name": "Rhea"}, False)
    assert update["request_id"] and update["ip"]


def test_an_admin_sees_the_changed_fields_but_not_their_values(api, auth, touched):
    page = events(api, auth.token("admin"), patient_id=touched["id"], action="patient.update")
    [update] = page["events"]
    assert update["changed_fields"] == ["given_name"]
    assert (update["before"], update["after"], update["values_withheld"]) == (None, None, True)


def test_filters_combine_and_prefixes_match_a_family_of_actions(api, auth, touched):
    owner = auth.token("owner")
    practitioner_id = auth.body("practitioner")["user"]["id"]
    page = events(api, owner, patient_id=touched["id"], action="patient.", actor_id=practitioner_id,
                  outcome="success", resource_type="patient")
    assert {e["action"] for e in page["events"]} == {"patient.create", "patient.read", "patient.list",
                                                      "patient.update"}
    assert events(api, owner, patient_id=touched["id"], outcome="denied")["events"] == []
    newest = page["events"][0]["occurred_at"]
    assert events(api, owner, patient_id=touched["id"], **{"from": newest})["events"][0]["action"] == "patient.update"
    older = events(api, owner, patient_id=touched["id"], to=newest)["events"]
    assert "patient.update" not in [e["action"] for e in older]


def test_cursor_pages_walk_the_trail_without_gaps_or_repeats(api, auth, touched):
    owner = auth.token("owner")
    everything = [e["id"] for e in events(api, owner, patient_id=touched["id"], limit=200)["events"]]
    walked, cursor = [], None
    while True:
        params = {"patient_id": touched["id"], "limit": 1}
        if cursor:
            params["cursor"] = cursor
        page = events(api, owner, **params)
        walked += [e["id"] for e in page["events"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert walked == everything and len(walked) >= 4


@pytest.mark.parametrize("params", [{"patient_id": "nope"}, {"outcome": "maybe"}, {"from": "yesterday"},
                                    {"action": "DROP TABLE"}, {"limit": "0"}, {"limit": "201"},
                                    {"cursor": "abc"}, {"colour": "red"}])
def test_a_bad_filter_is_refused_with_400(api, auth, params):
    assert_error(api.get(EVENTS, token=auth.token("owner"), params=params), 400)


def test_who_accessed_this_patient_in_one_call(api, auth, touched):
    nurse = auth.token("nurse")
    assert_status(api.get(f"/api/v1/patients/{touched['id']}", token=nurse), 200)
    body = assert_status(api.get(f"/api/v1/patients/{touched['id']}/accesses", token=auth.token("owner")), 200)
    people = {p["actor"]["id"]: p for p in body["people"]}
    practitioner = people[auth.body("practitioner")["user"]["id"]]
    assert set(practitioner["actions"]) >= {"patient.create", "patient.read", "patient.list", "patient.update"}
    assert practitioner["count"] >= 4 and practitioner["clinic_role"] == "practitioner"
    assert practitioner["first_at"] <= practitioner["last_at"]
    assert body["people"][0]["actor"]["id"] == auth.body("nurse")["user"]["id"], "most recent first"


def test_the_review_is_itself_recorded(api, auth, superuser, touched):
    response = api.get(EVENTS, token=auth.token("admin"), params={"patient_id": touched["id"]})
    assert_status(response, 200)
    [record] = superuser.rows("SELECT action, outcome, detail FROM audit_events WHERE request_id = %s",
                              (response.header("X-Request-Id"),))
    assert (record["action"], record["outcome"]) == ("audit.read", "success")
    assert record["detail"]["filter"] == {"patient_id": touched["id"]}


@pytest.mark.parametrize("role", ["practitioner", "nurse", "front_desk", "read_only", "guest"])
def test_clinical_and_other_roles_cannot_read_the_trail(api, auth, role, touched):
    assert_error(api.get(EVENTS, token=auth.token(role)), 403)
    assert_error(api.get(f"/api/v1/patients/{touched['id']}/accesses", token=auth.token(role)), 403)


def test_another_clinic_sees_none_of_these_records(api, auth, touched):
    b_owner = auth.token("b_owner")
    assert events(api, b_owner, patient_id=touched["id"])["events"] == []
    assert_error(api.get(f"/api/v1/patients/{touched['id']}/accesses", token=b_owner), 404)
    assert_error(api.get(f"/api/v1/patients/{uuid.uuid4()}/accesses", token=auth.token("owner")), 404)
    mine = events(api, b_owner, limit=200)["events"]
    assert all(e["patient_id"] != touched["id"] for e in mine)
