"""Member administration: owners and administrators list, add, re-role and
disable members of their own clinic, and a change applies on the member's
very next request. Also the staff directory and a person's own profile."""
import secrets

from client import assert_error, assert_status

MEMBER_FIELDS = {"id", "email", "display_name", "role", "disabled", "locked", "mfa_enabled", "created_at"}


def strong_password():
    return "Cons-" + secrets.token_urlsafe(18)


def new_email():
    return f"added.{secrets.token_hex(5)}@example.org"


def add(api, token, role="nurse", password=None, email=None):
    return api.post("/api/v1/users", token=token, json={"email": email or new_email(), "display_name": "Ada Added",
                                                       "role": role, "password": password or strong_password()})


def sign_in(api, email, password, **kw):
    return api.post("/api/v1/sessions", json={"email": email, "password": password}, **kw)


def test_administrators_list_their_clinics_members_and_nothing_secret(api, auth, world):
    listed = assert_status(api.get("/api/v1/users", token=auth.token("admin")), 200)["items"]
    by_email = {member["email"]: member for member in listed}
    for role in ("owner", "practitioner", "guest"):
        member = by_email[world.accounts[role].email]
        assert set(member) == MEMBER_FIELDS and member["role"] == role and member["disabled"] is False
    assert world.accounts["b_owner"].email not in by_email


def test_an_administrator_adds_a_member_who_can_then_sign_in(api, auth, superuser):
    token = auth.token("admin")
    assert_error(add(api, token, password="short"), 400)
    email, password = new_email(), strong_password()
    created = assert_status(add(api, token, email=email, password=password), 201)
    assert set(created) == MEMBER_FIELDS and (created["email"], created["role"]) == (email, "nurse")
    assert_error(add(api, token, email=email), 409)
    signed_in = assert_status(sign_in(api, email, password), 201)
    assert signed_in["role"] == "nurse"
    [record] = superuser.rows("SELECT action FROM audit_events WHERE resource_id = %s AND outcome = 'success' "
                              "AND action = 'user.create'", (created["id"],))
    assert record["action"] == "user.create"


def test_only_an_owner_makes_an_owner(api, auth):
    assert_error(add(api, auth.token("admin"), role="owner"), 403)
    nurse = assert_status(add(api, auth.token("admin")), 201)
    assert_error(api.patch(f"/api/v1/users/{nurse['id']}", token=auth.token("admin"), json={"role": "owner"}), 403)
    owner = world_owner_id(api, auth)
    assert_error(api.patch(f"/api/v1/users/{owner}", token=auth.token("admin"), json={"disabled": True}), 403)
    promoted = assert_status(api.patch(f"/api/v1/users/{nurse['id']}", token=auth.token("owner"),
                                       json={"role": "owner"}), 200)
    assert promoted["role"] == "owner"


def world_owner_id(api, auth):
    return assert_status(api.get("/api/v1/me", token=auth.token("owner")), 200)["user"]["id"]


def test_nobody_changes_their_own_membership(api, auth):
    me = assert_status(api.get("/api/v1/me", token=auth.token("admin")), 200)["user"]["id"]
    assert_error(api.patch(f"/api/v1/users/{me}", token=auth.token("admin"), json={"role": "owner"}), 409)
    assert_error(api.patch(f"/api/v1/users/{me}", token=auth.token("admin"), json={"disabled": True}), 409)


def test_a_new_role_applies_on_the_members_next_request(api, auth, new_member, superuser):
    member = new_member("practitioner")
    session = assert_status(sign_in(api, member["email"], member["password"]), 201)
    assert_status(api.get("/api/v1/patients", token=session["access_token"]), 200)
    changed = assert_status(api.patch(f"/api/v1/users/{member['id']}", token=auth.token("admin"),
                                      json={"role": "front_desk"}), 200)
    assert changed["role"] == "front_desk"
    assert_error(api.get("/api/v1/patients", token=session["access_token"]), 401)
    assert_error(api.post("/api/v1/sessions/refresh", json={"refresh_token": session["refresh_token"]}), 401)
    again = assert_status(sign_in(api, member["email"], member["password"]), 201)
    assert again["role"] == "front_desk"
    [record] = superuser.rows("SELECT before, after FROM audit_events WHERE action = 'user.update' "
                              "AND resource_id = %s AND outcome = 'success'", (member["id"],))
    assert record["before"] == {"role": "practitioner", "disabled": False}
    assert record["after"] == {"role": "front_desk", "disabled": False}


def test_a_disabled_member_is_signed_out_and_cannot_sign_in_until_enabled(api, auth, new_member):
    member = new_member("nurse")
    session = assert_status(sign_in(api, member["email"], member["password"]), 201)
    disabled = assert_status(api.patch(f"/api/v1/users/{member['id']}", token=auth.token("admin"),
                                       json={"disabled": True}), 200)
    assert disabled["disabled"] is True
    assert_error(api.get("/api/v1/meetings", token=session["access_token"]), 401)
    # The right password, but no clinic left to work in.
    assert_error(sign_in(api, member["email"], member["password"]), 403)
    directory = assert_status(api.get("/api/v1/directory", token=auth.token("practitioner")), 200)["items"]
    assert member["id"] not in {person["id"] for person in directory}
    assert_status(api.patch(f"/api/v1/users/{member['id']}", token=auth.token("admin"), json={"disabled": False}), 200)
    assert_status(sign_in(api, member["email"], member["password"]), 201)


def test_disabling_a_membership_leaves_the_persons_other_clinic(api, auth, server, world):
    email, password = new_email(), strong_password()
    password_file = server.write_secret(password)
    in_a = server.admin("add-user", "--clinic", world.clinic_a, "--email", email, "--name", "Two Clinics",
                        "--role", "nurse", "--password-file", password_file)
    server.admin("add-user", "--clinic", world.clinic_b, "--email", email, "--name", "Two Clinics",
                 "--role", "read_only", "--password-file", password_file)
    assert_status(api.patch(f"/api/v1/users/{in_a['user_id']}", token=auth.token("admin"), json={"disabled": True}),
                  200)
    signed_in = assert_status(sign_in(api, email, password), 201)
    assert signed_in["clinic_id"] == world.clinic_b
    assert [m["clinic_id"] for m in signed_in["memberships"]] == [world.clinic_b]
    assert_error(api.post("/api/v1/sessions/current/clinic", token=signed_in["access_token"],
                          json={"clinic_id": world.clinic_a}), 403)


def test_another_clinics_member_is_not_found(api, auth, world):
    b_member = assert_status(api.get("/api/v1/me", token=auth.token("b_practitioner")), 200)["user"]["id"]
    assert_error(api.patch(f"/api/v1/users/{b_member}", token=auth.token("admin"), json={"disabled": True}), 404)
    assert_error(api.get(f"/api/v1/users/{b_member}", token=auth.token("admin")), 404)
    assert_status(api.get("/api/v1/me", token=auth.token("b_practitioner")), 200)


def test_bad_changes_are_refused(api, auth, new_member):
    member = new_member("nurse")
    for body in ({}, {"role": "emperor"}, {"disabled": "yes"}, {"role": "nurse", "extra": 1}):
        assert_error(api.patch(f"/api/v1/users/{member['id']}", token=auth.token("admin"), json=body), 400)


def test_the_directory_names_active_staff_and_nothing_more(api, auth, world):
    people = assert_status(api.get("/api/v1/directory", token=auth.token("nurse")), 200)["items"]
    assert people and all(set(person) == {"id", "display_name", "role"} for person in people)
    assert {"owner", "practitioner"} <= {person["role"] for person in people}
    assert_error(api.get("/api/v1/directory", token=auth.token("guest")), 403)


def test_everyone_reads_their_own_profile(api, auth, world):
    for role in ("guest", "front_desk", "owner"):
        profile = assert_status(api.get("/api/v1/me", token=auth.token(role)), 200)
        assert profile["user"]["email"] == world.accounts[role].email
        assert (profile["role"], profile["clinic_id"]) == (role, world.clinic_a)
        assert [m["clinic_id"] for m in profile["memberships"]] == [world.clinic_a]
        assert profile["multi_factor"] is False
    dual = assert_status(api.get("/api/v1/me", token=auth.token("dual_a")), 200)
    assert {m["clinic_id"] for m in dual["memberships"]} == {world.clinic_a, world.clinic_b}


def test_the_database_refuses_a_session_whose_membership_is_disabled(api, new_member, superuser, world):
    """The session check in the database itself, not only the revocation that disabling also does."""
    member = new_member("nurse")
    session = assert_status(sign_in(api, member["email"], member["password"]), 201)
    assert_status(api.get("/api/v1/meetings", token=session["access_token"]), 200)
    superuser.rows("UPDATE memberships SET disabled_at = now() WHERE clinic_id = %s AND user_id = %s "
                   "RETURNING user_id", (world.clinic_a, member["id"]))
    assert_error(api.get("/api/v1/meetings", token=session["access_token"]), 401)
    assert_error(api.post("/api/v1/sessions/refresh", json={"refresh_token": session["refresh_token"]}), 401)
