"""The role matrix, generated from the server's own route table and
permission table (`consilium routes`, `consilium permissions --json`): every
route is called as every clinic role and as no one. Denied calls get 403 (a
guest refused on a meeting route: 404) and an audit record; allowed calls
never get 401 or 403. A route whose action has no row in the table fails
here. The meeting roles have their own matrix in test_meeting_roles.py."""
import json
import re
import secrets
import subprocess
import uuid

import pytest

from conftest import ROLES

PUBLIC = {("GET", "/healthz"), ("GET", "/readyz"), ("POST", "/api/v1/sessions"), ("POST", "/api/v1/sessions/refresh"),
          ("POST", "/api/v1/sessions/mfa"), ("POST", "/api/v1/sessions/mfa/enrolment"),
          ("GET", "/.well-known/jwks.json"), ("GET", "/api/v1/openapi.yaml")}


def cli_json_lines(server, *args):
    out = server.run_cli(*args)
    return [json.loads(line) for line in out.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def routes(server):
    return cli_json_lines(server, "routes")


@pytest.fixture(scope="module")
def table(server):
    return cli_json_lines(server, "permissions", "--json")[0]


@pytest.fixture(scope="module")
def members(server, world):
    """A fresh person for each role, so that signing out everywhere hurts no other test."""
    people = {}
    for role in ROLES:
        email, password = f"matrix.{role}.{secrets.token_hex(3)}@example.org", "Cons-" + secrets.token_urlsafe(18)
        server.admin("add-user", "--clinic", world.clinic_a, "--email", email, "--name", f"Matrix {role}",
                     "--role", role, "--password-file", server.write_secret(password))
        people[role] = (email, password)
    return people


def test_every_route_is_public_by_name_or_has_an_action_in_the_table(routes, table):
    for route in routes:
        if (route["method"], route["pattern"]) in PUBLIC:
            assert route["action"] is None, route
        else:
            assert route["action"] in table, f"{route} has no row in the permission table"


@pytest.fixture(scope="module")
def meeting_id(api, auth):
    """A real meeting none of the matrix people take part in."""
    created = api.post("/api/v1/meetings", token=auth.token("owner"),
                       json={"title": "Matrix board", "specialty": "lung", "starts_at": "2030-01-07T08:00:00Z",
                             "ends_at": "2030-01-07T09:00:00Z"})
    assert created.status == 201, created
    return created.json["id"]


def call(api, route, token, meeting_id):
    path = route["pattern"].replace("{meeting_id}", meeting_id)
    path = re.sub(r"\{[a-z_]+\}", lambda _: str(uuid.uuid4()), path)
    body = {} if route["method"] in ("POST", "PATCH") else None
    kwargs = {"token": token}
    if body is not None:
        kwargs["json"] = body
    return api.request(route["method"], path, **kwargs)


def test_every_protected_route_as_every_role_and_as_no_one(api, routes, table, members, superuser, meeting_id):
    protected = [r for r in routes if r["action"] is not None]
    assert protected, "no protected routes found"
    tokens = {}
    for route in protected:
        assert call(api, route, None, meeting_id).status == 401, f"{route} without a token"
        for role in ROLES:
            if role not in tokens or route["action"] == "session.revoke":
                email, password = members[role]
                signed_in = api.post("/api/v1/sessions", json={"email": email, "password": password})
                assert signed_in.status == 201, signed_in
                tokens[role] = signed_in.json["access_token"]
            response = call(api, route, tokens[role], meeting_id)
            if role in table[route["action"]]["clinic_roles"]:
                assert response.status not in (401, 403), f"{role} refused {route}: {response}"
            elif role == "guest" and "{meeting_id}" in route["pattern"]:
                assert response.status == 404, f"guest on {route}: {response}"
            else:
                assert response.status == 403, f"{role} allowed {route}: {response}"
                assert response.json["error"]["code"] == "permission_denied"
                denied = superuser.value("SELECT count(*) FROM audit_events WHERE request_id = %s AND "
                                         "outcome = 'denied' AND action = %s",
                                         (response.header("X-Request-Id"), route["action"]))
                assert denied == 1, f"{role} on {route}: the denial was not audited"
