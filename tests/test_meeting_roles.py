"""The meeting-role matrix, generated like the clinic-role one from the
server's route and permission tables: every meeting route is called by a
participant in each meeting role whose clinic role (admin; guest for the
guest) allows nothing on meetings by itself. Allowed calls never get 401,
403 or 404-as-denial; refused ones get 403 (a guest: 404) and are audited."""
import re
import secrets
import uuid

import pytest

from test_role_matrix import cli_json_lines

MEETING_ROLES = ("organiser", "doctor", "nurse", "guest")


@pytest.fixture(scope="module")
def in_meeting_routes(server):
    return [r for r in cli_json_lines(server, "routes") if "{meeting_id}" in r["pattern"]]


@pytest.fixture(scope="module")
def table(server):
    return cli_json_lines(server, "permissions", "--json")[0]


@pytest.fixture(scope="module")
def cast(api, auth, server, world):
    """A scheduled meeting with one participant per meeting role; returns
    (meeting id, {meeting role: access token})."""
    people = {}
    for role in MEETING_ROLES:
        clinic_role = "guest" if role == "guest" else "admin"
        email, password = f"cast.{role}.{secrets.token_hex(3)}@example.org", "Cons-" + secrets.token_urlsafe(18)
        added = server.admin("add-user", "--clinic", world.clinic_a, "--email", email, "--name", f"Cast {role}",
                             "--role", clinic_role, "--password-file", server.write_secret(password))
        people[role] = (added["user_id"], email, password)
    owner = auth.token("owner")
    created = api.post("/api/v1/meetings", token=owner, json={
        "title": "Role board", "specialty": "breast", "starts_at": "2031-06-02T08:00:00Z",
        "ends_at": "2031-06-02T09:00:00Z", "organiser_id": people["organiser"][0]})
    assert created.status == 201, created
    meeting_id = created.json["id"]
    for role in ("doctor", "nurse", "guest"):
        put = api.request("PUT", f"/api/v1/meetings/{meeting_id}/participants/{people[role][0]}", token=owner,
                          json={"meeting_role": role})
        assert put.status == 200, put
    assert api.post(f"/api/v1/meetings/{meeting_id}/transitions", token=owner, json={"to": "scheduled"}).status == 200
    tokens = {}
    for role, (_, email, password) in people.items():
        signed_in = api.post("/api/v1/sessions", json={"email": email, "password": password})
        assert signed_in.status == 201, signed_in
        tokens[role] = signed_in.json["access_token"]
    return meeting_id, tokens


def test_every_meeting_route_in_every_meeting_role(api, in_meeting_routes, table, cast, superuser):
    meeting_id, tokens = cast
    assert in_meeting_routes, "no meeting routes found"
    for route in in_meeting_routes:
        allowed_roles = table[route["action"]]["meeting_roles"]
        for role in MEETING_ROLES:
            path = re.sub(r"\{[a-z_]+\}", lambda _: str(uuid.uuid4()), route["pattern"].replace("{meeting_id}",
                                                                                             meeting_id))
            kwargs = {"token": tokens[role]}
            if route["method"] in ("POST", "PUT", "PATCH"):
                kwargs["json"] = {}
            response = api.request(route["method"], path, **kwargs)
            if role in allowed_roles:
                assert response.status not in (401, 403), f"{role} refused {route}: {response}"
                if response.status == 404:  # e.g. a made-up participant: not the gate's refusal
                    assert response.json["error"]["message"] != "no such meeting", f"{role} on {route}: {response}"
            else:
                assert response.status == (404 if role == "guest" else 403), f"{role} allowed {route}: {response}"
                denied = superuser.value("SELECT count(*) FROM audit_events WHERE request_id = %s AND "
                                         "outcome = 'denied' AND action = %s",
                                         (response.header("X-Request-Id"), route["action"]))
                assert denied == 1, f"{role} on {route}: the denial was not audited"


def test_meeting_roles_count_only_in_their_own_meeting(api, auth, cast):
    _, tokens = cast
    other = api.post("/api/v1/meetings", token=auth.token("owner"), json={
        "title": "Other board", "specialty": "breast", "starts_at": "2031-06-09T08:00:00Z",
        "ends_at": "2031-06-09T09:00:00Z"})
    assert other.status == 201, other
    assert api.post(f"/api/v1/meetings/{other.json['id']}/transitions", token=auth.token("owner"),
                    json={"to": "scheduled"}).status == 200
    for role, token in tokens.items():
        response = api.get(f"/api/v1/meetings/{other.json['id']}", token=token)
        assert response.status == (404 if role == "guest" else 403), f"{role}: {response}"
