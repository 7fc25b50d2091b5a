"""Recurring meetings: a series generates its meetings at the same local
time in its time zone (summer time moves nothing); items left unresolved at
one meeting are proposed again for the series' next one."""
import pytest

from client import assert_error, assert_status
from conftest import create_patient
from test_agenda import approve, move, proforma, propose
from test_decisions import decision, path, record


def series_body(**overrides):
    body = {"title": "Lung tumour board", "specialty": "lung", "first_starts_at": "2031-03-20T08:00:00Z",
            "time_zone": "Europe/London", "duration_minutes": 90, "occurrences": 3, "location": "MDT room"}
    body.update(overrides)
    return body


def test_a_weekly_series_keeps_its_local_time_across_summer_time(api, auth, superuser):
    response = api.post("/api/v1/meeting-series", token=auth.token("practitioner"), json=series_body())
    created = assert_status(response, 201)
    meetings = created["meetings"]
    # London moves to summer time on 2031-03-30: 08:00 local is then 07:00 UTC.
    assert [m["starts_at"] for m in meetings] == ["2031-03-20T08:00:00Z", "2031-03-27T08:00:00Z",
                                                  "2031-04-03T07:00:00Z"]
    assert [m["ends_at"] for m in meetings] == ["2031-03-20T09:30:00Z", "2031-03-27T09:30:00Z",
                                                "2031-04-03T08:30:00Z"]
    assert meetings[0]["proposal_cutoff_at"] == "2031-03-19T08:00:00Z", "a day before, by default"
    me = auth.body("practitioner")["user"]["id"]
    for meeting in meetings:
        assert meeting["series_id"] == created["series_id"] and meeting["state"] == "draft"
        assert [(p["user_id"], p["meeting_role"]) for p in meeting["participants"]] == [(me, "organiser")]
    assert superuser.value("SELECT count(*) FROM audit_events WHERE outcome = 'success' AND action = 'meeting.create' AND resource_id = %s",
                           (created["series_id"],)) == 1


def test_a_fortnightly_series(api, auth):
    created = assert_status(api.post("/api/v1/meeting-series", token=auth.token("owner"),
                                     json=series_body(interval_weeks=2, occurrences=2, cutoff_hours=48,
                                                      first_starts_at="2031-06-02T09:00:00+01:00")), 201)
    assert [m["starts_at"] for m in created["meetings"]] == ["2031-06-02T08:00:00Z", "2031-06-16T08:00:00Z"]
    assert created["meetings"][1]["proposal_cutoff_at"] == "2031-06-14T08:00:00Z"


@pytest.mark.parametrize("change", [
    {"time_zone": "Mars/Olympus_Mons"}, {"occurrences": 53}, {"occurrences": 0}, {"duration_minutes": None},
    {"interval_weeks": 5}, {"first_starts_at": "2031-03-20T08:00:00"}, {"time_zone": None}, {"ends_at": "x"},
])
def test_bad_series_are_refused(api, auth, change):
    body = {k: v for k, v in {**series_body(), **change}.items() if v is not None}
    assert_error(api.post("/api/v1/meeting-series", token=auth.token("practitioner"), json=body), 400)


def test_unresolved_items_carry_over_to_the_next_meeting(api, auth, superuser):
    owner = auth.token("owner")
    first, second = assert_status(api.post("/api/v1/meeting-series", token=owner,
                                           json=series_body(occurrences=2)), 201)["meetings"]
    move(api, owner, first["id"], "scheduled")
    clinician = auth.body("practitioner")["user"]["id"]
    deferred_patient, settled_patient = (create_patient(api, auth.token("practitioner")) for _ in range(2))
    items = []
    for patient in (deferred_patient, settled_patient):
        item = assert_status(propose(api, owner, first["id"], proforma(patient["id"])), 201)
        assert_status(approve(api, owner, first["id"], item["id"]), 200)
        items.append(item)
    move(api, owner, first["id"], "in_progress")
    assert_status(record(api, owner, first["id"], items[0]["id"],
                         decision(responsible_clinician_id=clinician, outcome="further_investigation",
                                  resolution="awaiting_investigation")), 200)
    assert_status(record(api, owner, first["id"], items[1]["id"], decision(responsible_clinician_id=clinician)), 200)
    move(api, owner, first["id"], "completed")
    waiting = assert_status(api.get(f"/api/v1/meetings/{second['id']}/proposals", token=owner), 200)["items"]
    assert [(i["patient"]["id"], i["state"], i["carried_from_item_id"]) for i in waiting] == [
        (deferred_patient["id"], "pending", items[0]["id"])]
    assert waiting[0]["clinical_question"] == items[0]["clinical_question"]
    assert superuser.value("SELECT count(*) FROM audit_events WHERE outcome = 'success' AND action = 'agenda.propose' AND resource_id = %s "
                           "AND detail->>'carried_from_item_id' = %s", (waiting[0]["id"], items[0]["id"])) == 1
