"""Sessions: refresh tokens rotate and a reused one revokes the session; a
revoked session, a signed-out person, a disabled person and an expired
token are refused on the very next request; an administrator ends a
member's sessions; switching clinic issues a token for that membership."""
import base64
import hashlib
import json
import os
import secrets
import subprocess
import tempfile
import time
import uuid

import pytest

from client import assert_error, assert_status, b64url_encode, decode_jwt


@pytest.fixture
def person(new_member):
    return new_member("practitioner")


def sign_in(api, person, **extra):
    return assert_status(api.post("/api/v1/sessions", json={"email": person["email"],
                                                            "password": person["password"], **extra}), 201)


def assert_no_content(response):
    assert response.status == 204 and response.body == b"", response


def works(api, token):
    return api.get("/api/v1/patients", token=token, params={"limit": 1}).status == 200


def refresh(api, token):
    return api.post("/api/v1/sessions/refresh", json={"refresh_token": token})


def test_sign_in_returns_an_opaque_256_bit_refresh_token_stored_only_as_a_hash(api, person, superuser):
    body = sign_in(api, person)
    token = body["refresh_token"]
    assert len(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))) == 32
    assert decode_jwt(body["access_token"])[1]["sid"] == body["session_id"]
    stored = superuser.rows("SELECT token_hash FROM refresh_tokens WHERE session_id = %s", (body["session_id"],))
    assert [row["token_hash"] for row in stored] == [hashlib.sha256(token.encode()).hexdigest()]
    assert superuser.value("SELECT count(*) FROM refresh_tokens WHERE token_hash = %s", (token,)) == 0


def test_refresh_rotates_and_reuse_revokes_the_whole_session(api, person, superuser):
    first = sign_in(api, person)
    second = assert_status(refresh(api, first["refresh_token"]), 200)
    assert second["refresh_token"] != first["refresh_token"]
    assert second["session_id"] == first["session_id"]
    assert works(api, second["access_token"])
    # Replaying the rotated token: refused, and every token of the session dies.
    assert_error(refresh(api, first["refresh_token"]), 401, "unauthenticated")
    assert_error(refresh(api, second["refresh_token"]), 401, "unauthenticated")
    assert not works(api, second["access_token"])
    assert not works(api, first["access_token"])
    reason = superuser.value("SELECT revoke_reason FROM sessions WHERE id = %s", (first["session_id"],))
    assert reason == "refresh_token_reuse"
    audited = superuser.value("SELECT count(*) FROM audit_events WHERE action = 'session.refresh' AND "
                              "outcome = 'denied' AND resource_id = %s", (first["session_id"],))
    assert audited == 1


def test_refresh_refuses_garbage_and_bad_input(api):
    assert_error(refresh(api, secrets.token_urlsafe(32)), 401, "unauthenticated")
    assert_error(api.post("/api/v1/sessions/refresh", json={"refresh_token": 5}), 400, "invalid_argument")
    assert_error(api.post("/api/v1/sessions/refresh", json={"token": "x" * 43}), 400, "invalid_argument")


def test_revoking_a_session_takes_effect_on_the_next_request(api, person):
    kept, ended = sign_in(api, person), sign_in(api, person)
    listed = assert_status(api.get("/api/v1/sessions", token=kept["access_token"]), 200)["items"]
    assert {s["id"] for s in listed} >= {kept["session_id"], ended["session_id"]}
    assert [s["current"] for s in listed if s["id"] == kept["session_id"]] == [True]
    assert_no_content(api.request("DELETE", f"/api/v1/sessions/{ended['session_id']}", token=kept["access_token"]))
    assert not works(api, ended["access_token"])
    assert_error(refresh(api, ended["refresh_token"]), 401)
    assert works(api, kept["access_token"])


def test_a_person_cannot_revoke_someone_elses_session(api, person, auth):
    mine = sign_in(api, person)
    other = auth.body("practitioner")
    assert_error(api.request("DELETE", f"/api/v1/sessions/{other['session_id']}", token=mine["access_token"]), 404)
    assert works(api, other["access_token"])


def test_sign_out_everywhere_ends_every_session(api, person):
    one, two = sign_in(api, person), sign_in(api, person)
    assert_no_content(api.request("DELETE", "/api/v1/sessions", token=one["access_token"]))
    assert not works(api, one["access_token"]) and not works(api, two["access_token"])
    assert_error(refresh(api, two["refresh_token"]), 401)


def test_administrator_ends_a_members_sessions(api, person, auth, world):
    session = sign_in(api, person)
    # Not for non-administrators.
    assert_error(api.request("DELETE", f"/api/v1/users/{person['id']}/sessions",
                             token=auth.token("practitioner")), 403, "permission_denied")
    assert works(api, session["access_token"])
    # Not across clinics: B's owner cannot see A's member.
    assert_error(api.request("DELETE", f"/api/v1/users/{person['id']}/sessions", token=auth.token("b_owner")), 404)
    assert works(api, session["access_token"])
    assert_no_content(api.request("DELETE", f"/api/v1/users/{person['id']}/sessions", token=auth.token("admin")))
    assert not works(api, session["access_token"])


def test_disabling_a_person_takes_effect_on_the_next_request(api, person, superuser):
    session = sign_in(api, person)
    assert works(api, session["access_token"])
    superuser.rows("UPDATE users SET disabled = true WHERE id = %s RETURNING id", (person["id"],))
    try:
        assert_error(api.get("/api/v1/patients", token=session["access_token"]), 401, "unauthenticated")
        assert_error(refresh(api, session["refresh_token"]), 401)
    finally:
        superuser.rows("UPDATE users SET disabled = false WHERE id = %s RETURNING id", (person["id"],))


def test_switching_clinic_issues_a_token_for_that_membership(api, auth, world, seeded):
    start = auth.sign_in(world.accounts["dual_a"].email, world.accounts["dual_a"].password, world.clinic_a)
    start = assert_status(start, 201)
    assert start["clinic_id"] == world.clinic_a and start["role"] == "practitioner"
    switched = assert_status(api.post("/api/v1/sessions/current/clinic", token=start["access_token"],
                                      json={"clinic_id": world.clinic_b}), 200)
    assert switched["clinic_id"] == world.clinic_b and switched["role"] == "read_only"
    assert switched["session_id"] == start["session_id"]
    b_patient, a_patient = seeded.b_patients[0], seeded.a_patients[0]
    assert_status(api.get(f"/api/v1/patients/{b_patient['id']}", token=switched["access_token"]), 200)
    assert_error(api.get(f"/api/v1/patients/{a_patient['id']}", token=switched["access_token"]), 404)
    # The session now works in B: the old A token no longer matches it.
    assert not works(api, start["access_token"])
    refreshed = assert_status(refresh(api, start["refresh_token"]), 200)
    assert refreshed["clinic_id"] == world.clinic_b and refreshed["role"] == "read_only"
    # A clinic one does not belong to is refused.
    assert_error(api.post("/api/v1/sessions/current/clinic", token=refreshed["access_token"],
                          json={"clinic_id": str(uuid.uuid4())}), 403)


def _sign_with_server_key(server, header, claims):
    """A token signed with the server's own Ed25519 key (root can read it)."""
    signing_input = f"{b64url_encode(json.dumps(header).encode())}.{b64url_encode(json.dumps(claims).encode())}"
    with tempfile.NamedTemporaryFile() as data, tempfile.NamedTemporaryFile() as signature:
        data.write(signing_input.encode())
        data.flush()
        subprocess.run(["openssl", "pkeyutl", "-sign", "-rawin", "-inkey",
                        os.path.join(server.data_dir, "keys", "jwt-ed25519.pem"), "-in", data.name,
                        "-out", signature.name], check=True)
        return signing_input + "." + b64url_encode(open(signature.name, "rb").read())


def test_expired_and_unknown_key_tokens_are_refused(api, server, person):
    session = sign_in(api, person)
    header, claims, _ = decode_jwt(session["access_token"])
    # The same token re-signed by the real key must work: the forgery below differs only where stated.
    assert works(api, _sign_with_server_key(server, header, claims))
    now = int(time.time())
    expired = dict(claims, iat=now - 1200, exp=now - 600)
    assert_error(api.get("/api/v1/patients", token=_sign_with_server_key(server, header, expired)), 401)
    unknown_kid = dict(header, kid="not-our-key")
    assert_error(api.get("/api/v1/patients", token=_sign_with_server_key(server, unknown_kid, claims)), 401)


def test_jwks_publishes_the_key_that_verifies_access_tokens(api, server, person):
    response = api.get("/.well-known/jwks.json")
    assert response.status == 200
    assert response.header("Content-Type") == "application/jwk-set+json"
    keys = json.loads(response.body)["keys"]
    header, _, _ = decode_jwt(sign_in(api, person)["access_token"])
    [key] = [k for k in keys if k["kid"] == header["kid"]]
    assert (key["kty"], key["crv"], key["alg"], key["use"]) == ("OKP", "Ed25519", "EdDSA", "sig")
    assert "d" not in key, "a private key part was published"
    # The published key is the server's public key file, byte for byte.
    der = subprocess.run(["openssl", "pkey", "-pubin", "-outform", "DER", "-in",
                          os.path.join(server.data_dir, "keys", "jwt-ed25519.pub.pem")],
                         check=True, capture_output=True).stdout
    assert b64url_encode(der[-32:]) == key["x"]
