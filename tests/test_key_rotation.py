"""Rotating the access-token signing key signs nobody out: tokens signed by
the retired key keep working until they expire, new tokens use the new key,
and the JWK Set publishes both."""
import json
import signal
import time

from client import assert_status, decode_jwt


def test_rotation_keeps_old_tokens_valid_and_signs_new_ones_with_the_new_key(api, server, new_member):
    person = new_member()
    email, password = person["email"], person["password"]
    before = assert_status(api.post("/api/v1/sessions", json={"email": email, "password": password}), 201)
    old_kid = decode_jwt(before["access_token"])[0]["kid"]

    server.run_cli("admin", "rotate-signing-key", "--data-dir", server.data_dir)
    seen = len(server.stdout_lines)
    server.proc.send_signal(signal.SIGHUP)
    deadline = time.monotonic() + 15
    while not any('"event":"signing_keys_reloaded"' in line for line in server.stdout_lines[seen:]):
        assert time.monotonic() < deadline, "the server did not reload its keys\n" + server.log_tail()
        time.sleep(0.2)

    assert api.get("/api/v1/patients", token=before["access_token"], params={"limit": 1}).status == 200
    after = assert_status(api.post("/api/v1/sessions", json={"email": email, "password": password}), 201)
    new_kid = decode_jwt(after["access_token"])[0]["kid"]
    assert new_kid != old_kid
    assert api.get("/api/v1/patients", token=after["access_token"], params={"limit": 1}).status == 200
    refreshed = assert_status(api.post("/api/v1/sessions/refresh", json={"refresh_token": before["refresh_token"]}),
                              200)
    assert decode_jwt(refreshed["access_token"])[0]["kid"] == new_kid
    published = {key["kid"] for key in json.loads(api.get("/.well-known/jwks.json").body)["keys"]}
    assert {old_kid, new_kid} <= published
