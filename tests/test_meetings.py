"""MDT meetings: creating, reading, changing and listing them; the state
machine (every allowed transition works, every other is refused with 409,
each one recorded); participants with meeting roles; attendance; and what
guests and other clinics see."""
import itertools
import secrets

import pytest

from client import assert_error, assert_status

STATES = ("draft", "scheduled", "in_progress", "completed", "cancelled")
ALLOWED = {("draft", "scheduled"), ("draft", "cancelled"), ("scheduled", "in_progress"), ("scheduled", "cancelled"),
           ("in_progress", "completed")}
PATH_TO = {"draft": [], "scheduled": ["scheduled"], "in_progress": ["scheduled", "in_progress"],
           "completed": ["scheduled", "in_progress", "completed"], "cancelled": ["cancelled"]}


def meeting_payload(**overrides):
    day = 10 + secrets.randbelow(18)
    payload = {"title": "Lung MDT", "specialty": "lung", "starts_at": f"2031-03-{day:02d}T08:00:00Z",
               "ends_at": f"2031-03-{day:02d}T09:30:00Z", "location": "Seminar room 2"}
    payload.update(overrides)
    return payload


def create_meeting(api, token, **overrides):
    return assert_status(api.post("/api/v1/meetings", token=token, json=meeting_payload(**overrides)), 201)


def transition(api, token, meeting_id, to):
    return api.post(f"/api/v1/meetings/{meeting_id}/transitions", token=token, json={"to": to})


def bring_to(api, token, meeting_id, state):
    for step in PATH_TO[state]:
        assert_status(transition(api, token, meeting_id, step), 200)


def audit_count(superuser, action, resource_id):
    return superuser.value("SELECT count(*) FROM audit_events WHERE outcome = 'success' AND action = %s AND resource_id = %s",
                           (action, resource_id))


def test_create_and_read_a_meeting(api, auth, world, superuser):
    token = auth.token("practitioner")
    created = api.post("/api/v1/meetings", token=token,
                       json=meeting_payload(starts_at="2031-04-02T09:00:00+02:00", ends_at="2031-04-02T10:00:00+02:00",
                                            online_link="https://teams.example.org/l/meetup/abc"))
    meeting = assert_status(created, 201)
    assert created.header("Location") == f"/api/v1/meetings/{meeting['id']}"
    assert created.header("ETag") == '"1"'
    assert meeting["starts_at"] == "2031-04-02T07:00:00Z", "times come back in UTC"
    assert meeting["proposal_cutoff_at"] == "2031-04-01T07:00:00Z", "the cut-off defaults to a day before"
    assert meeting["state"] == "draft" and meeting["allowed_transitions"] == ["scheduled", "cancelled"]
    assert meeting["core_roles"] == ["organiser", "doctor"], "the default quorum"
    me = auth.body("practitioner")["user"]["id"]
    assert meeting["participants"] == [{"user_id": me, "display_name": "Demo practitioner",
                                        "meeting_role": "organiser", "attended": None}]
    assert audit_count(superuser, "meeting.create", meeting["id"]) == 1
    read = assert_status(api.get(f"/api/v1/meetings/{meeting['id']}", token=auth.token("read_only")), 200)
    assert read == meeting
    assert audit_count(superuser, "meeting.read", meeting["id"]) == 1


@pytest.mark.parametrize("payload", [
    {"title": None}, {"starts_at": "2031-03-10T08:00:00"}, {"starts_at": "tomorrow"},
    {"ends_at": "2031-03-01T08:00:00Z"}, {"proposal_cutoff_at": "2031-12-31T00:00:00Z"},
    {"online_link": "http://insecure.example.org"}, {"online_link": "javascript:alert(1)"},
    {"title": "x" * 201}, {"colour": "red"}, {"organiser_id": "not-a-uuid"},
    {"organiser_id": "00000000-0000-4000-8000-000000000000"},
    {"core_roles": ["guest"]}, {"core_roles": "doctor"}, {"core_roles": ["surgeon"]},
])
def test_bad_meetings_are_refused(api, auth, payload):
    body = meeting_payload(**payload)
    body = {k: v for k, v in body.items() if v is not None}
    assert_error(api.post("/api/v1/meetings", token=auth.token("practitioner"), json=body), 400)


def test_a_guest_cannot_organise(api, auth):
    guest_id = auth.body("guest")["user"]["id"]
    assert_error(api.post("/api/v1/meetings", token=auth.token("owner"), json=meeting_payload(organiser_id=guest_id)),
                 400)


@pytest.mark.parametrize("start,target", list(itertools.product(STATES, STATES)))
def test_state_machine(api, auth, superuser, start, target):
    token = auth.token("owner")
    meeting = create_meeting(api, token)
    bring_to(api, token, meeting["id"], start)
    before = audit_count(superuser, "meeting.transition", meeting["id"])
    response = transition(api, token, meeting["id"], target)
    if (start, target) in ALLOWED:
        moved = assert_status(response, 200)
        assert moved["state"] == target
        assert audit_count(superuser, "meeting.transition", meeting["id"]) == before + 1
    else:
        assert_error(response, 409)
        assert assert_status(api.get(f"/api/v1/meetings/{meeting['id']}", token=token), 200)["state"] == start
        assert audit_count(superuser, "meeting.transition", meeting["id"]) == before


def test_every_transition_is_recorded_with_who_and_when(api, auth):
    token = auth.token("owner")
    meeting = create_meeting(api, token)
    bring_to(api, token, meeting["id"], "completed")
    history = assert_status(api.get(f"/api/v1/meetings/{meeting['id']}/transitions", token=token), 200)["items"]
    assert [(t["from"], t["to"]) for t in history] == [("draft", "scheduled"), ("scheduled", "in_progress"),
                                                       ("in_progress", "completed")]
    owner_id = auth.body("owner")["user"]["id"]
    assert all(t["actor_user_id"] == owner_id and t["at"].endswith("Z") for t in history)
    assert_error(transition(api, token, meeting["id"], "finished"), 400)


def test_changes_need_the_current_version_and_an_open_meeting(api, auth, superuser):
    token = auth.token("front_desk")
    meeting = create_meeting(api, token)
    path = f"/api/v1/meetings/{meeting['id']}"
    changed = api.patch(path, token=token, json={"location": "Room 5"}, headers={"If-Match": '"1"'})
    assert assert_status(changed, 200)["location"] == "Room 5" and changed.header("ETag") == '"2"'
    assert_error(api.patch(path, token=token, json={"location": "Room 6"}, headers={"If-Match": '"1"'}), 412)
    assert_error(api.patch(path, token=token, json={"ends_at": "2031-01-01T00:00:00Z"}), 400)
    assert_error(api.patch(path, token=token, json={"organiser_id": auth.body("owner")["user"]["id"]}), 400)
    row = superuser.rows("SELECT before, after FROM audit_events WHERE outcome = 'success' AND action = 'meeting.update' AND resource_id = %s",
                         (meeting["id"],))
    assert row == [{"before": {"location": "Seminar room 2"}, "after": {"location": "Room 5"}}]
    bring_to(api, auth.token("owner"), meeting["id"], "completed")
    assert_error(api.patch(path, token=token, json={"location": "Room 7"}), 409)


def test_participants_and_their_roles(api, auth, new_member, superuser):
    token = auth.token("owner")
    meeting = create_meeting(api, token)
    base = f"/api/v1/meetings/{meeting['id']}/participants"
    doctor, nurse = new_member("practitioner"), new_member("nurse")
    guest = auth.body("guest")["user"]["id"]
    assert_status(api.request("PUT", f"{base}/{doctor['id']}", token=token, json={"meeting_role": "doctor"}), 200)
    assert_status(api.request("PUT", f"{base}/{nurse['id']}", token=token, json={"meeting_role": "nurse"}), 200)
    after = assert_status(api.request("PUT", f"{base}/{guest}", token=token, json={"meeting_role": "guest"}), 200)
    assert {p["user_id"]: p["meeting_role"] for p in after["participants"]} == {
        auth.body("owner")["user"]["id"]: "organiser", doctor["id"]: "doctor", nurse["id"]: "nurse", guest: "guest"}
    assert_error(api.request("PUT", f"{base}/{guest}", token=token, json={"meeting_role": "doctor"}), 409)
    assert_error(api.request("PUT", f"{base}/{doctor['id']}", token=token, json={"meeting_role": "chair"}), 400)
    assert_error(api.request("PUT", f"{base}/{auth.body('b_owner')['user']['id']}", token=token,
                             json={"meeting_role": "doctor"}), 404)
    organiser = auth.body("owner")["user"]["id"]
    assert_error(api.request("PUT", f"{base}/{organiser}", token=token, json={"meeting_role": "doctor"}), 409)
    assert_error(api.request("DELETE", f"{base}/{organiser}", token=token), 409)
    removed = api.request("DELETE", f"{base}/{nurse['id']}", token=token)
    assert removed.status == 204, removed
    assert_error(api.request("DELETE", f"{base}/{nurse['id']}", token=token), 404)
    assert audit_count(superuser, "meeting.participants.manage", meeting["id"]) == 4


def test_attendance_is_taken_while_the_meeting_runs(api, auth, new_member):
    token = auth.token("owner")
    meeting = create_meeting(api, token)
    doctor = new_member("practitioner")
    path = f"/api/v1/meetings/{meeting['id']}"
    assert_status(api.request("PUT", f"{path}/participants/{doctor['id']}", token=token,
                              json={"meeting_role": "doctor"}), 200)
    organiser = auth.body("owner")["user"]["id"]
    assert_error(api.request("PUT", f"{path}/attendance", token=token, json={"present": [organiser]}), 409)
    bring_to(api, token, meeting["id"], "in_progress")
    assert_error(api.request("PUT", f"{path}/attendance", token=token,
                             json={"present": [auth.body("nurse")["user"]["id"]]}), 400)
    taken = assert_status(api.request("PUT", f"{path}/attendance", token=token, json={"present": [organiser]}), 200)
    assert {p["user_id"]: p["attended"] for p in taken["participants"]} == {organiser: True, doctor["id"]: False}


def test_listing_filters_and_pages(api, auth):
    token = auth.token("practitioner")
    specialty = "neuro-" + secrets.token_hex(3)
    made = [create_meeting(api, token, specialty=specialty, starts_at=f"2032-05-{d:02d}T08:00:00Z",
                           ends_at=f"2032-05-{d:02d}T09:00:00Z")["id"] for d in (3, 1, 2)]
    page = assert_status(api.get("/api/v1/meetings", token=token, params={"specialty": specialty, "limit": 2}), 200)
    assert [m["id"] for m in page["items"]] == [made[1], made[2]], "ordered by start"
    rest = assert_status(api.get("/api/v1/meetings", token=token,
                                 params={"specialty": specialty, "cursor": page["next_cursor"]}), 200)
    assert [m["id"] for m in rest["items"]] == [made[0]] and rest["next_cursor"] is None
    window = assert_status(api.get("/api/v1/meetings", token=token, params={
        "specialty": specialty, "from": "2032-05-02T00:00:00Z", "to": "2032-05-03T00:00:00Z"}), 200)
    assert [m["id"] for m in window["items"]] == [made[2]]
    assert_error(api.get("/api/v1/meetings", token=token, params={"state": "finished"}), 400)
    assert_error(api.get("/api/v1/meetings", token=token, params={"from": "yesterday"}), 400)
    assert_error(api.get("/api/v1/meetings", token=token, params={"cursor": "bm9wZQ"}), 400)


def test_guests_see_only_their_meetings_and_only_while_open(api, auth):
    owner = auth.token("owner")
    guest_token = auth.token("guest")
    guest = auth.body("guest")["user"]["id"]
    theirs, other = create_meeting(api, owner), create_meeting(api, owner)
    assert_status(api.request("PUT", f"/api/v1/meetings/{theirs['id']}/participants/{guest}", token=owner,
                              json={"meeting_role": "guest"}), 200)
    bring_to(api, owner, other["id"], "scheduled")

    def visible():
        return {m["id"] for m in assert_status(api.get("/api/v1/meetings", token=guest_token,
                                                       params={"limit": 100}), 200)["items"]}

    assert_error(api.get(f"/api/v1/meetings/{theirs['id']}", token=guest_token), 404)  # a draft: not yet
    assert theirs["id"] not in visible()
    bring_to(api, owner, theirs["id"], "scheduled")
    assert assert_status(api.get(f"/api/v1/meetings/{theirs['id']}", token=guest_token), 200)["id"] == theirs["id"]
    assert theirs["id"] in visible() and other["id"] not in visible()
    assert_error(api.get(f"/api/v1/meetings/{other['id']}", token=guest_token), 404)
    assert_error(api.patch(f"/api/v1/meetings/{theirs['id']}", token=guest_token, json={"title": "Mine"}), 404)
    assert_error(transition(api, guest_token, theirs["id"], "cancelled"), 404)
    assert_status(transition(api, owner, theirs["id"], "cancelled"), 200)
    assert_error(api.get(f"/api/v1/meetings/{theirs['id']}", token=guest_token), 404)
    assert theirs["id"] not in visible()


def test_other_clinics_cannot_see_or_touch_a_meeting(api, auth):
    meeting = create_meeting(api, auth.token("owner"))
    b_owner = auth.token("b_owner")
    assert_error(api.get(f"/api/v1/meetings/{meeting['id']}", token=b_owner), 404)
    assert_error(transition(api, b_owner, meeting["id"], "scheduled"), 404)
    assert meeting["id"] not in {m["id"] for m in assert_status(
        api.get("/api/v1/meetings", token=b_owner, params={"limit": 100}), 200)["items"]}
