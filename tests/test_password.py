"""Passwords: NIST SP 800-63B rules (length, not a common password, any
characters), bcrypt cost 12, and changing one's password needs the current
one and ends the person's other sessions."""
import secrets
import subprocess

import pytest

from client import assert_error, assert_status


@pytest.fixture
def person(new_member):
    return new_member("front_desk")


def sign_in(api, email, password):
    return api.post("/api/v1/sessions", json={"email": email, "password": password})


def change(api, token, current, new):
    return api.post("/api/v1/me/password", token=token, json={"current_password": current, "new_password": new})


def test_passwords_are_stored_as_bcrypt_cost_12(person, superuser):
    stored = superuser.value("SELECT password_hash FROM credentials WHERE user_id = %s", (person["id"],))
    assert stored.startswith("$2b$12$") and len(stored) == 60


def test_change_needs_the_current_password_and_ends_other_sessions(api, person, superuser):
    here = assert_status(sign_in(api, person["email"], person["password"]), 201)
    elsewhere = assert_status(sign_in(api, person["email"], person["password"]), 201)
    new = "a long passphrase ünïcode " + secrets.token_hex(4)
    assert_error(change(api, here["access_token"], "not-the-password", new), 403)
    assert api.get("/api/v1/sessions", token=elsewhere["access_token"]).status == 200
    response = change(api, here["access_token"], person["password"], new)
    assert response.status == 204, response
    assert api.get("/api/v1/sessions", token=elsewhere["access_token"]).status == 401
    assert api.get("/api/v1/sessions", token=here["access_token"]).status == 200
    assert_error(sign_in(api, person["email"], person["password"]), 401)
    assert_status(sign_in(api, person["email"], new), 201)
    assert superuser.value("SELECT count(*) FROM audit_events WHERE outcome = 'success' AND action = 'password.change' AND resource_id = %s",
                           (person["id"],)) == 1


@pytest.mark.parametrize("new", ["too short", "qwertyuiop123", "iloveyou1234", "x" * 129])
def test_policy_refuses_short_long_and_common_passwords(api, person, new):
    session = assert_status(sign_in(api, person["email"], person["password"]), 201)
    error = assert_error(change(api, session["access_token"], person["password"], new), 400, "invalid_argument")
    assert new not in error["message"], "the refused password is echoed back"
    assert_status(sign_in(api, person["email"], person["password"]), 201)


def test_the_email_is_not_a_password(api, person):
    session = assert_status(sign_in(api, person["email"], person["password"]), 201)
    assert_error(change(api, session["access_token"], person["password"], person["email"]), 400)


def test_operators_cannot_set_a_common_password(server, world):
    with pytest.raises(AssertionError):
        server.admin("add-user", "--clinic", world.clinic_a, "--email", f"weak.{secrets.token_hex(3)}@example.org",
                     "--name", "Weak", "--role", "nurse", "--password-file", server.write_secret("password1234"))
