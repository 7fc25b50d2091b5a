"""Guessing defences: an account locks after repeated wrong passwords (even
the right password is refused until the lock ends, by time or by an
administrator), and an address that keeps failing is made to wait."""
import secrets

import pytest

from client import Client, assert_error, assert_status
from conftest import own_server

LOCKOUT_THRESHOLD = 10  # the server's default


@pytest.fixture
def person(new_member):
    return new_member("nurse")


def attempt(api, person, password):
    return api.post("/api/v1/sessions", json={"email": person["email"], "password": password})


def wrong_password_error(api):
    return assert_error(api.post("/api/v1/sessions", json={"email": "nobody@example.org", "password": "x" * 16}), 401)


def test_lockout_refuses_even_the_right_password_until_an_admin_unlocks(api, auth, person):
    expected = wrong_password_error(api)
    for _ in range(LOCKOUT_THRESHOLD):
        assert_error(attempt(api, person, "wrong-" + secrets.token_hex(8)), 401)
    locked = assert_error(attempt(api, person, person["password"]), 401)
    assert (locked["code"], locked["message"]) == (expected["code"], expected["message"]), "a lock must not show"
    # Only administrators may unlock, and only their own clinic's members.
    assert_error(api.post(f"/api/v1/users/{person['id']}/unlock", token=auth.token("practitioner")), 403)
    assert_error(api.post(f"/api/v1/users/{person['id']}/unlock", token=auth.token("b_owner")), 404)
    assert_error(attempt(api, person, person["password"]), 401)
    response = api.post(f"/api/v1/users/{person['id']}/unlock", token=auth.token("admin"))
    assert response.status == 204, response
    assert_status(attempt(api, person, person["password"]), 201)


def test_lockout_ends_by_time(api, person, superuser):
    for _ in range(LOCKOUT_THRESHOLD):
        assert_error(attempt(api, person, "wrong-" + secrets.token_hex(8)), 401)
    assert_error(attempt(api, person, person["password"]), 401)
    superuser.rows("UPDATE account_lockouts SET locked_until = now() - interval '1 second' "
                   "WHERE user_id = %s RETURNING user_id", (person["id"],))
    assert_status(attempt(api, person, person["password"]), 201)
    # A success starts the count afresh.
    assert superuser.value("SELECT failed_attempts FROM account_lockouts WHERE user_id = %s", (person["id"],)) == 0


def test_fewer_failures_than_the_threshold_do_not_lock(api, person):
    for _ in range(LOCKOUT_THRESHOLD - 1):
        assert_error(attempt(api, person, "wrong-" + secrets.token_hex(8)), 401)
    assert_status(attempt(api, person, person["password"]), 201)


def test_an_address_that_keeps_failing_is_made_to_wait():
    with own_server(extra_env={"CONSILIUM_SIGN_IN_ADDRESS_FREE_FAILURES": "3"}) as srv:
        api = Client("127.0.0.1", srv.port)
        owner = next(u for u in srv.demo["users"] if u["role"] == "owner")
        for i in range(4):  # three free failures, then the fourth starts the delays
            assert_error(api.post("/api/v1/sessions", json={"email": f"nobody{i}@example.org",
                                                            "password": "x" * 16}), 401)
        throttled = api.post("/api/v1/sessions", json={"email": owner["email"], "password": owner["password"]})
        assert_error(throttled, 429, "too_many_requests")
        assert int(throttled.header("Retry-After")) >= 1
