"""TOTP multi-factor sign-in: enrolment (otpauth URI, QR code, confirmed by a
first code), two-step sign-in with `amr` in the token, codes refused when
wrong, reused or outside the ±1 step window, single-use recovery codes, the
clinic policy that forces enrolment, and an administrator's reset."""
import base64
import secrets
import urllib.parse

import pytest

import totp
from client import assert_error, assert_status, decode_jwt


def sign_in(api, person, **extra):
    return api.post("/api/v1/sessions", json={"email": person["email"], "password": person["password"], **extra})


def second_step(api, mfa_token, **factor):
    return api.post("/api/v1/sessions/mfa", json={"mfa_token": mfa_token, **factor})


def challenge(api, person, expect_next="mfa_code"):
    body = assert_status(sign_in(api, person), 202)
    assert body["next"] == expect_next, body
    assert set(body) == {"next", "mfa_token", "expires_in"}, body
    assert body["expires_in"] == 300
    return body["mfa_token"]


def enrol(api, person):
    """Signs in with the password alone and sets up an authenticator; returns
    (secret, recovery codes, the step whose code confirmed it)."""
    token = assert_status(sign_in(api, person), 201)["access_token"]
    started = assert_status(api.post("/api/v1/me/mfa", token=token, json={"password": person["password"]}), 200)
    step = totp.away_from_step_edge()
    confirmed = assert_status(api.post("/api/v1/me/mfa/confirm", token=token,
                                       json={"code": totp.code(started["secret"], step)}), 200)
    return started["secret"], confirmed["recovery_codes"], step


@pytest.fixture
def person(new_member):
    return new_member("nurse")


@pytest.fixture
def enrolled(api, person):
    secret, codes, step = enrol(api, person)
    return {**person, "secret": secret, "recovery_codes": codes, "confirmed_step": step}


def amr(body):
    return decode_jwt(body["access_token"])[1]["amr"]


def test_enrolment_returns_an_otpauth_uri_and_a_qr_code_and_needs_the_password(api, person, superuser):
    token = assert_status(sign_in(api, person), 201)["access_token"]
    assert_error(api.post("/api/v1/me/mfa", token=token, json={"password": "not the password"}), 403)
    started = assert_status(api.post("/api/v1/me/mfa", token=token, json={"password": person["password"]}), 200)
    secret = started["secret"]
    assert len(base64.b32decode(secret + "=" * (-len(secret) % 8))) == 20, "160-bit secret"
    uri = urllib.parse.urlparse(started["otpauth_uri"])
    assert (uri.scheme, uri.netloc) == ("otpauth", "totp")
    assert urllib.parse.unquote(uri.path) == "/Consilium:" + person["email"]
    query = dict(urllib.parse.parse_qsl(uri.query))
    assert query == {"secret": secret, "issuer": "Consilium", "algorithm": "SHA1", "digits": "6", "period": "30"}
    assert started["qr_svg"].startswith("<svg xmlns=\"http://www.w3.org/2000/svg\"")
    assert "<script" not in started["qr_svg"] and "style" not in started["qr_svg"]
    status = assert_status(api.get("/api/v1/me/mfa", token=token), 200)
    assert status == {"enabled": False, "pending": True, "required": False, "recovery_codes_left": 0}

    sealed = superuser.value("SELECT secret_sealed FROM mfa_totp WHERE user_id = %s", (person["id"],))
    raw_secret = base64.b32decode(secret + "=" * (-len(secret) % 8))
    assert secret not in sealed and raw_secret.hex() not in sealed, "the seed is stored sealed, not as itself"

    step = totp.away_from_step_edge()
    assert_error(api.post("/api/v1/me/mfa/confirm", token=token, json={"code": totp.code(secret, step + 3)}), 400)
    confirmed = assert_status(api.post("/api/v1/me/mfa/confirm", token=token,
                                       json={"code": totp.code(secret, step)}), 200)
    codes = confirmed["recovery_codes"]
    assert len(codes) == 10 and len(set(codes)) == 10
    status = assert_status(api.get("/api/v1/me/mfa", token=token), 200)
    assert status == {"enabled": True, "pending": False, "required": True, "recovery_codes_left": 10}
    stored = superuser.value("SELECT array_to_string(recovery_code_hashes, ',') FROM mfa_totp WHERE user_id = %s",
                             (person["id"],))
    assert all(code not in stored and code.replace("-", "") not in stored for code in codes)
    assert superuser.value("SELECT count(*) FROM audit_events WHERE outcome = 'success' AND action = 'mfa.enrol' AND resource_id = %s",
                           (person["id"],)) == 2
    assert_error(api.post("/api/v1/me/mfa", token=token, json={"password": person["password"]}), 409)


def test_sign_in_takes_two_steps_and_the_token_says_so(api, enrolled, superuser):
    sessions_before = superuser.value("SELECT count(*) FROM sessions WHERE user_id = %s", (enrolled["id"],))
    mfa_token = challenge(api, enrolled)
    assert superuser.value("SELECT count(*) FROM sessions WHERE user_id = %s", (enrolled["id"],)) == sessions_before, \
        "a correct password alone opens no session"
    body = assert_status(second_step(api, mfa_token, code=totp.code(enrolled["secret"], enrolled["confirmed_step"] + 1)),
                         201)
    assert amr(body) == ["pwd", "otp", "mfa"]
    assert "recovery_codes" not in body
    assert api.get("/api/v1/sessions", token=body["access_token"]).status == 200
    refreshed = assert_status(api.post("/api/v1/sessions/refresh", json={"refresh_token": body["refresh_token"]}), 200)
    assert amr(refreshed) == ["pwd", "otp", "mfa"], "refreshing keeps the methods of the sign-in"
    assert_error(second_step(api, mfa_token, code=totp.code(enrolled["secret"], totp.now_step())), 401)


def test_a_password_only_token_says_pwd(api, person):
    assert amr(assert_status(sign_in(api, person), 201)) == ["pwd"]


def test_wrong_reused_and_out_of_window_codes_are_refused(api, enrolled, superuser):
    secret = enrolled["secret"]
    step = totp.away_from_step_edge()
    mfa_token = challenge(api, enrolled)
    wrong = f"{(int(totp.code(secret, step)) + 1) % 1_000_000:06d}"
    for refused in (wrong, totp.code(secret, step - 2), totp.code(secret, step + 2), "12345", "abcdef"):
        error = assert_error(second_step(api, mfa_token, code=refused), 401)
        assert error["message"] == "the code is not correct"
    # The code that confirmed enrolment was spent then, and an older one is no better.
    assert step >= enrolled["confirmed_step"]
    assert_error(second_step(api, challenge(api, enrolled), code=totp.code(secret, enrolled["confirmed_step"])), 401)
    mfa_token = challenge(api, enrolled)
    assert_status(second_step(api, mfa_token, code=totp.code(secret, step + 1)), 201)
    for reused_step in (step + 1, step):
        assert_error(second_step(api, challenge(api, enrolled), code=totp.code(secret, reused_step)), 401)
    failures = superuser.value("SELECT count(*) FROM audit_events WHERE actor_user_id = %s AND "
                               "action = 'session.create' AND outcome = 'failure'", (enrolled["id"],))
    assert failures == 8


def test_a_recovery_code_works_once(api, enrolled):
    first, second = enrolled["recovery_codes"][:2]
    body = assert_status(second_step(api, challenge(api, enrolled), recovery_code=first), 201)
    assert amr(body) == ["pwd", "otp", "mfa"]
    assert assert_status(api.get("/api/v1/me/mfa", token=body["access_token"]), 200)["recovery_codes_left"] == 9
    assert_error(second_step(api, challenge(api, enrolled), recovery_code=first), 401)
    # Typed in capitals, without hyphens: the same code.
    assert_status(second_step(api, challenge(api, enrolled), recovery_code=second.replace("-", " ").upper()), 201)
    assert_error(second_step(api, challenge(api, enrolled), recovery_code="aaaa-bbbb-cccc-dddd-eeee-ffff"), 401)


def test_renewing_recovery_codes_needs_a_code_and_voids_the_old_ones(api, enrolled):
    body = assert_status(second_step(api, challenge(api, enrolled), recovery_code=enrolled["recovery_codes"][0]), 201)
    token = body["access_token"]
    assert_error(api.post("/api/v1/me/mfa/recovery-codes", token=token, json={"code": "000000"}), 400)
    step = max(totp.away_from_step_edge(), enrolled["confirmed_step"] + 1)  # the confirming code is spent
    renewed = assert_status(api.post("/api/v1/me/mfa/recovery-codes", token=token,
                                     json={"code": totp.code(enrolled["secret"], step)}), 200)["recovery_codes"]
    assert len(renewed) == 10 and not set(renewed) & set(enrolled["recovery_codes"])
    assert_error(second_step(api, challenge(api, enrolled), recovery_code=enrolled["recovery_codes"][1]), 401)
    assert_status(second_step(api, challenge(api, enrolled), recovery_code=renewed[0]), 201)


def test_a_challenge_dies_after_five_wrong_codes_and_wrong_codes_count_towards_lockout(api, enrolled, superuser):
    mfa_token = challenge(api, enrolled)
    for _ in range(5):
        assert_error(second_step(api, mfa_token, code="000000"), 401)
    step = max(totp.away_from_step_edge(), enrolled["confirmed_step"] + 1)
    error = assert_error(second_step(api, mfa_token, code=totp.code(enrolled["secret"], step)), 401)
    assert "start again" in error["message"]
    assert superuser.value("SELECT failed_attempts FROM account_lockouts WHERE user_id = %s", (enrolled["id"],)) == 5


def test_a_challenge_is_single_use_and_unknown_ones_are_refused(api, enrolled):
    mfa_token = challenge(api, enrolled)
    assert_status(second_step(api, mfa_token, recovery_code=enrolled["recovery_codes"][0]), 201)
    assert_error(second_step(api, mfa_token, recovery_code=enrolled["recovery_codes"][1]), 401)
    assert_error(second_step(api, secrets.token_urlsafe(32), code="123456"), 401)
    assert_error(second_step(api, mfa_token), 400)
    assert_error(second_step(api, mfa_token, code="123456", recovery_code="x"), 400)


def test_sign_in_enrolment_cannot_replace_an_active_authenticator(api, enrolled):
    mfa_token = challenge(api, enrolled)
    assert_error(api.post("/api/v1/sessions/mfa/enrolment", json={"mfa_token": mfa_token}), 409)


@pytest.fixture
def strict_clinic(server):
    """A clinic of its own (so its policy touches no other test), with an owner."""
    owner = {"email": f"owner.strict.{secrets.token_hex(4)}@example.org", "password": "Cons-" + secrets.token_urlsafe(18)}
    created = server.admin("create-clinic", "--name", "Strict Clinic", "--owner-email", owner["email"],
                           "--owner-name", "Stella Strict", "--owner-password-file", server.write_secret(owner["password"]))

    def member(role="practitioner"):
        person = {"email": f"strict.{secrets.token_hex(5)}@example.org", "password": "Cons-" + secrets.token_urlsafe(18)}
        added = server.admin("add-user", "--clinic", created["clinic_id"], "--email", person["email"], "--name",
                             "Sam Strict", "--role", role, "--password-file", server.write_secret(person["password"]))
        return {**person, "id": added["user_id"]}
    return {"id": created["clinic_id"], "owner": owner, "member": member}


def set_policy(api, token, **settings):
    return api.patch("/api/v1/clinic/settings", token=token, json=settings)


def test_a_clinic_that_requires_mfa_forces_enrolment_at_the_next_sign_in(api, strict_clinic, superuser):
    member = strict_clinic["member"]()
    owner_token = assert_status(sign_in(api, strict_clinic["owner"]), 201)["access_token"]
    assert assert_status(api.get("/api/v1/me/mfa", token=owner_token), 200)["required"] is False
    settings = assert_status(set_policy(api, owner_token, mfa_required=True), 200)
    assert settings["mfa_required"] is True and settings["min_password_length"] == 12
    # The owner's own status says so too, before they have set anything up.
    assert assert_status(api.get("/api/v1/me/mfa", token=owner_token), 200)["required"] is True
    changed = superuser.rows("SELECT before, after FROM audit_events WHERE outcome = 'success' AND clinic_id = %s AND "
                             "action = 'clinic.settings.update'", (strict_clinic["id"],))
    assert changed == [{"before": {"mfa_required": False, "min_password_length": 12, "plan_edit_window_days": 7},
                        "after": {"mfa_required": True, "min_password_length": 12, "plan_edit_window_days": 7}}]

    mfa_token = challenge(api, member, expect_next="mfa_enrolment")
    assert_error(second_step(api, mfa_token, code="123456"), 409)
    started = assert_status(api.post("/api/v1/sessions/mfa/enrolment", json={"mfa_token": mfa_token}), 200)
    step = totp.away_from_step_edge()
    body = assert_status(second_step(api, mfa_token, code=totp.code(started["secret"], step)), 201)
    assert amr(body) == ["pwd", "otp", "mfa"] and len(body["recovery_codes"]) == 10
    assert body["clinic_id"] == strict_clinic["id"]
    mfa_token = challenge(api, member, expect_next="mfa_code")
    assert_status(second_step(api, mfa_token, code=totp.code(started["secret"], step + 1)), 201)


def test_switching_into_a_clinic_that_requires_mfa_needs_a_second_factor(api, server, world, strict_clinic,
                                                                          person):
    owner_token = assert_status(sign_in(api, strict_clinic["owner"]), 201)["access_token"]
    assert_status(set_policy(api, owner_token, mfa_required=True), 200)
    server.admin("add-user", "--clinic", strict_clinic["id"], "--email", person["email"], "--name", "Test Person",
                 "--role", "nurse", "--password-file", server.write_secret(person["password"]))
    token = assert_status(sign_in(api, person, clinic_id=world.clinic_a), 201)["access_token"]
    error = assert_error(api.post("/api/v1/sessions/current/clinic", token=token,
                                  json={"clinic_id": strict_clinic["id"]}), 403)
    assert "multi-factor" in error["message"]


def test_an_administrator_resets_a_members_authenticator(api, auth, world, enrolled, superuser):
    assert_error(api.request("DELETE", f"/api/v1/users/{enrolled['id']}/mfa", token=auth.token("b_owner")), 404)
    response = api.request("DELETE", f"/api/v1/users/{enrolled['id']}/mfa", token=auth.token("admin"))
    assert response.status == 204, response
    assert superuser.value("SELECT count(*) FROM audit_events WHERE outcome = 'success' AND action = 'user.mfa.reset' AND resource_id = %s",
                           (enrolled["id"],)) == 1
    # Not a way around MFA: the next sign-in sets up a new authenticator, and the old codes are void.
    mfa_token = challenge(api, enrolled, expect_next="mfa_enrolment")
    assert_error(second_step(api, mfa_token, recovery_code=enrolled["recovery_codes"][0]), 409)
    started = assert_status(api.post("/api/v1/sessions/mfa/enrolment", json={"mfa_token": mfa_token}), 200)
    assert started["secret"] != enrolled["secret"]
    step = totp.away_from_step_edge()
    assert_status(second_step(api, mfa_token, code=totp.code(started["secret"], step)), 201)


def test_clinic_settings_are_bounded_and_set_the_password_length(api, strict_clinic):
    owner_token = assert_status(sign_in(api, strict_clinic["owner"]), 201)["access_token"]
    for bad in ({"min_password_length": 7}, {"min_password_length": 129}, {"min_password_length": "12"},
                {"min_password_length": 12.5}, {"mfa_required": "yes"}, {}, {"colour": "blue"},
                {"plan_edit_window_days": 8}, {"plan_edit_window_days": -1}):
        assert_error(set_policy(api, owner_token, **bad), 400)
    member = strict_clinic["member"]("front_desk")
    member_token = assert_status(sign_in(api, member), 201)["access_token"]
    assert assert_status(api.get("/api/v1/clinic/settings", token=member_token), 200)["min_password_length"] == 12

    def change(new):
        return api.post("/api/v1/me/password", token=member_token,
                        json={"current_password": member["password"], "new_password": new})

    assert_status(set_policy(api, owner_token, min_password_length=20), 200)
    assert_error(change("seventeen chars x"), 400)
    assert_status(set_policy(api, owner_token, min_password_length=8), 200)
    assert change("zq8!vk3#").status == 204
