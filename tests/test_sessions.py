"""Sign-in (POST /api/v1/sessions), access tokens, and what the API does with
missing, malformed and forged tokens."""
import json
import re
import time
import uuid

import pytest

from client import (assert_error, assert_no_secrets, assert_status, b64url_encode, decode_jwt, encode_jwt_part,
                    unique_mrn, patient_payload)
from conftest import ROLES

JWT_PART = r"[A-Za-z0-9_-]+"


# ------------------------------------------------------------------ signing in

@pytest.mark.parametrize("name", ROLES)
def test_sign_in_returns_a_session(server, auth, world, name):
    account = world.accounts[name]
    response = auth.response(name)
    body = assert_status(response, 201)
    assert isinstance(body["access_token"], str) and body["access_token"]
    assert body["token_type"] == "Bearer"
    assert isinstance(body["expires_in"], int) and not isinstance(body["expires_in"], bool)
    assert 300 <= body["expires_in"] <= 900, body["expires_in"]
    user = body["user"]
    uuid.UUID(user["id"])
    assert user["email"].lower() == account.email.lower()
    assert isinstance(user["display_name"], str) and user["display_name"]
    assert body["clinic_id"] == world.clinic_a
    assert body["role"] == name
    memberships = body["memberships"]
    assert isinstance(memberships, list)
    assert {"clinic_id": world.clinic_a, "clinic_name": server.demo["clinic_name"], "role": name} in [
        {k: m.get(k) for k in ("clinic_id", "clinic_name", "role")} for m in memberships], memberships
    assert "no-store" in (response.header("Cache-Control") or "")


@pytest.mark.parametrize("name", ROLES)
def test_access_token_is_an_eddsa_jwt(auth, world, name):
    body = auth.body(name)
    token = body["access_token"]
    parts = token.split(".")
    assert len(parts) == 3 and all(re.fullmatch(JWT_PART, p) for p in parts), token
    header, claims, signature = decode_jwt(token)
    assert header["alg"] == "EdDSA"
    assert isinstance(header.get("kid"), str) and header["kid"]
    assert len(signature) == 64, "an Ed25519 signature is 64 bytes"
    assert claims["sub"] == body["user"]["id"]
    assert claims["clinic"] == world.clinic_a
    assert claims["role"] == name
    assert isinstance(claims["sid"], str) and claims["sid"]
    assert isinstance(claims["iss"], str) and claims["iss"]
    assert isinstance(claims["iat"], int) and isinstance(claims["exp"], int)
    assert claims["exp"] > time.time()
    assert abs((claims["exp"] - claims["iat"]) - body["expires_in"]) <= 5
    assert "password" not in str(claims).lower()


def test_clinic_b_owner_session_is_for_clinic_b(auth, world):
    body = auth.body("b_owner")
    assert body["clinic_id"] == world.clinic_b and body["role"] == "owner"
    assert decode_jwt(body["access_token"])[1]["clinic"] == world.clinic_b


def test_admin_cli_adds_existing_person_to_second_clinic(world):
    in_a, in_b = world.dual_user_ids
    assert in_a == in_b, "the same email must be the same person in both clinics"


def test_member_of_two_clinics_gets_first_clinic_by_name(server, auth, world):
    body = auth.body("dual_b")  # signed in without clinic_id
    by_clinic = {m["clinic_id"]: m for m in body["memberships"]}
    assert set(by_clinic) == {world.clinic_a, world.clinic_b}, body["memberships"]
    assert by_clinic[world.clinic_a]["role"] == "practitioner"
    assert by_clinic[world.clinic_b]["role"] == "read_only"
    assert by_clinic[world.clinic_b]["clinic_name"] == world.clinic_b_name
    assert by_clinic[world.clinic_a]["clinic_name"] == server.demo["clinic_name"]
    first = min(body["memberships"], key=lambda m: m["clinic_name"])
    assert first["clinic_id"] == world.clinic_b  # "Beta Clinic" < "Demo Clinic"
    assert body["clinic_id"] == world.clinic_b and body["role"] == "read_only"
    claims = decode_jwt(body["access_token"])[1]
    assert claims["clinic"] == world.clinic_b and claims["role"] == "read_only"


def test_member_of_two_clinics_can_choose_the_clinic(auth, world):
    body = auth.body("dual_a")  # signed in with clinic_id = A
    assert body["clinic_id"] == world.clinic_a and body["role"] == "practitioner"
    claims = decode_jwt(body["access_token"])[1]
    assert claims["clinic"] == world.clinic_a and claims["role"] == "practitioner"
    assert body["user"]["id"] == auth.body("dual_b")["user"]["id"]


@pytest.mark.parametrize("clinic", ["other_clinic", "random"])
def test_sign_in_for_a_clinic_one_is_not_a_member_of_is_refused(auth, world, clinic):
    account = world.accounts["nurse"]
    clinic_id = world.clinic_b if clinic == "other_clinic" else str(uuid.uuid4())
    response = auth.sign_in(account.email, account.password, clinic_id)
    assert response.status in (400, 403), response
    assert_error(response, response.status)
    assert "access_token" not in response.text


def test_wrong_password_and_unknown_email_look_the_same(auth, world):
    victim = world.accounts["victim"]
    started = time.monotonic()
    wrong = auth.sign_in(victim.email, victim.password + "-wrong")
    wrong_s = time.monotonic() - started
    started = time.monotonic()
    unknown = auth.sign_in(f"nobody.{uuid.uuid4().hex[:8]}@example.org", victim.password)
    unknown_s = time.monotonic() - started
    wrong_error = assert_error(wrong, 401)
    unknown_error = assert_error(unknown, 401)
    assert (wrong_error["code"], wrong_error["message"]) == (unknown_error["code"], unknown_error["message"])
    assert wrong_error["request_id"] != unknown_error["request_id"]
    # An unknown email must cost a hash too, or response times tell which emails exist.
    assert unknown_s >= 0.3 * wrong_s, f"unknown email {unknown_s:.3f}s vs wrong password {wrong_s:.3f}s"


@pytest.mark.parametrize("body", [
    {},
    {"email": "someone@example.org"},
    {"email": 42, "password": "x" * 16},
    ["someone@example.org", "password"],
], ids=["empty", "no-password", "email-not-string", "array"])
def test_malformed_sign_in_is_400(api, body):
    assert_error(api.post("/api/v1/sessions", json=body), 400)


def test_malformed_sign_in_json_is_400(api):
    assert_error(api.post("/api/v1/sessions", body=b'{"email": "a@b.c", "password": ',
                          headers={"Content-Type": "application/json"}), 400)


def test_sign_in_never_returns_passwords(auth):
    for name in ROLES + ("b_owner", "b_practitioner", "dual_a", "dual_b"):
        assert_no_secrets(auth.response(name))


def test_passwords_are_never_logged(server, auth, world):
    for name in ROLES + ("b_owner", "dual_a"):
        auth.response(name)
    # The one exception by design: the start-up banner on stderr shows the
    # demo clinic's generated sign-ins, so a newcomer can sign in. The
    # structured log (stdout) never carries them, and no other password
    # appears anywhere.
    demo_passwords = {u["password"] for u in server.demo["users"]}
    logs = "\n".join(server.stdout_lines)
    output = "\n".join(server.all_output())
    for account in world.accounts.values():
        assert account.password not in logs, "a password appears in the structured log"
        if account.password not in demo_passwords:
            assert account.password not in output, "a password appears in the server's output"
    assert "$2b$" not in output and "$2a$" not in output and "$2y$" not in output, "a bcrypt hash was logged"


def test_stdout_is_structured_json(server, auth):
    auth.response("owner")
    for line in server.stdout_lines:
        if line.strip():
            try:
                event = json.loads(line)
            except ValueError:
                pytest.fail(f"stdout line is not JSON: {line[:200]!r}")
            assert isinstance(event, dict) and "level" in event and "event" in event, line[:200]


# ------------------------------------------------------------------ tokens the API must refuse

def _forged_tokens(good):
    header, claims, signature = decode_jwt(good)
    h, c, s = good.split(".")
    flipped = bytearray(signature)
    flipped[10] ^= 0x01
    escalated = dict(claims, role="owner", clinic=str(uuid.uuid4()))
    none_header = {k: v for k, v in header.items() if k != "alg"} | {"alg": "none"}
    return {
        "missing": None,
        "empty-bearer": "",
        "garbage": "not-a-token",
        "three-garbage-parts": "abc.def.ghi",
        "two-parts": f"{h}.{c}",
        "signature-altered": f"{h}.{c}.{b64url_encode(bytes(flipped))}",
        "claims-altered": f"{h}.{encode_jwt_part(escalated)}.{s}",
        "alg-none-no-signature": f"{encode_jwt_part(none_header)}.{c}.",
        "alg-none-with-signature": f"{encode_jwt_part(none_header)}.{c}.{s}",
        "alg-hs256": f"{encode_jwt_part(dict(header, alg='HS256'))}.{c}.{s}",
        "kid-altered": f"{encode_jwt_part(dict(header, kid='other-key'))}.{c}.{s}",
    }


FORGERIES = ["missing", "empty-bearer", "garbage", "three-garbage-parts", "two-parts", "signature-altered",
             "claims-altered", "alg-none-no-signature", "alg-none-with-signature", "alg-hs256", "kid-altered"]


@pytest.mark.parametrize("forgery", FORGERIES)
def test_patient_endpoints_refuse_bad_tokens(api, auth, seeded, superuser, forgery):
    token = _forged_tokens(auth.token("practitioner"))[forgery]
    headers = {"Authorization": None if token is None else f"Bearer {token}".rstrip()}
    patient = seeded.a_patients[0]
    path = f"/api/v1/patients/{patient['id']}"
    count = superuser.value("SELECT count(*) FROM patients")

    assert_error(api.get("/api/v1/patients", headers=headers), 401)
    assert_error(api.get("/api/v1/patients", headers=headers, params={"name": patient["family_name"]}), 401)
    assert_error(api.get(path, headers=headers), 401)
    assert_error(api.post("/api/v1/patients", headers=headers, json=patient_payload(mrn=unique_mrn("FORGE"))), 401)
    assert_error(api.patch(path, headers=headers, json={"given_name": "Forged"}), 401)

    assert superuser.value("SELECT count(*) FROM patients") == count
    after = assert_status(api.get(path, token=auth.token("practitioner")), 200)
    assert after["given_name"] != "Forged"


def test_token_in_wrong_scheme_is_refused(api, auth):
    headers = {"Authorization": f"Basic {auth.token('practitioner')}"}
    assert_error(api.get("/api/v1/patients", headers=headers), 401)


def test_valid_token_is_accepted(api, auth):
    """The control for the forgeries above: the untouched token works."""
    assert api.get("/api/v1/patients", token=auth.token("practitioner")).status == 200
