"""Patients: create, read, update (with If-Match), find and page; the role
permissions on every patient endpoint; and the audit row each access writes."""
import uuid

import pytest

from client import (SEXES, assert_error, assert_no_secrets, assert_patient, assert_status, patient_payload,
                    random_tag, unique_mrn)
from conftest import ROLES, create_patient

READERS = {"owner", "practitioner", "nurse", "front_desk", "read_only"}
WRITERS = {"owner", "practitioner", "front_desk"}


def get_patient(api, token, patient_id):
    return assert_status(api.get(f"/api/v1/patients/{patient_id}", token=token), 200)


def list_all(api, token, **params):
    """Every page of a list query, following next_cursor."""
    items, cursor = [], None
    for _ in range(100):
        query = dict(params)
        if cursor is not None:
            query["cursor"] = cursor
        page = assert_status(api.get("/api/v1/patients", token=token, params=query), 200)
        items += page["items"]
        cursor = page["next_cursor"]
        if cursor is None:
            return items
    pytest.fail("more than 100 pages")


def order_key(patient):
    return (patient["family_name"].lower(), patient["given_name"].lower(), uuid.UUID(patient["id"]).bytes)


# ------------------------------------------------------------------ create and read

def test_create_returns_the_patient(api, auth):
    payload = patient_payload(sex="male", given_name="Björn")
    response = api.post("/api/v1/patients", token=auth.token("practitioner"), json=payload)
    patient = assert_status(response, 201)
    assert_patient(patient, payload)
    location = response.header("Location") or ""
    assert location == f"/api/v1/patients/{patient['id']}" or location.endswith(f"/api/v1/patients/{patient['id']}"), location
    assert response.header("ETag") == f'"{patient["version"]}"'
    assert "no-store" in (response.header("Cache-Control") or "")
    assert_no_secrets(response)


def test_create_defaults_given_name_and_sex(api, auth):
    payload = patient_payload()
    del payload["given_name"], payload["sex"]
    patient = assert_status(api.post("/api/v1/patients", token=auth.token("practitioner"), json=payload), 201)
    assert_patient(patient, dict(payload, given_name="", sex="unknown"))


def test_read_returns_what_was_created(api, auth):
    created = create_patient(api, auth.token("practitioner"))
    response = api.get(f"/api/v1/patients/{created['id']}", token=auth.token("practitioner"))
    assert assert_status(response, 200) == created
    assert response.header("ETag") == f'"{created["version"]}"'
    assert_no_secrets(response)


@pytest.mark.parametrize("sex", SEXES)
def test_every_sex_value_is_accepted(api, auth, sex):
    assert create_patient(api, auth.token("practitioner"), sex=sex)["sex"] == sex


@pytest.mark.parametrize("overrides", [
    {"mrn": "M" * 64},
    {"family_name": "F" * 200},
    {"given_name": "G" * 200},
    {"given_name": ""},
    {"family_name": "é" * 200},          # 200 characters, 400 bytes
    {"family_name": "O'Brien-Núñez Łódź"},
    {"birth_date": "2024-02-29"},        # a leap day
    {"birth_date": "1900-01-01"},
], ids=["mrn-64", "family-200", "given-200", "given-empty", "family-200-multibyte", "punctuation", "leap-day",
        "old"])
def test_boundary_values_are_accepted(api, auth, overrides):
    if "mrn" in overrides:
        overrides = dict(overrides, mrn=(unique_mrn("B") + "M" * 64)[:64])
    patient = create_patient(api, auth.token("practitioner"), **overrides)
    assert_patient(patient, overrides)
    assert get_patient(api, auth.token("practitioner"), patient["id"]) == patient


def test_json_content_type_with_charset_is_accepted(api, auth):
    response = api.post("/api/v1/patients", token=auth.token("practitioner"), json=patient_payload(),
                        headers={"Content-Type": "application/json; charset=utf-8"})
    assert_status(response, 201)


def test_read_unknown_id_is_404(api, auth):
    assert_error(api.get(f"/api/v1/patients/{uuid.uuid4()}", token=auth.token("practitioner")), 404)


@pytest.mark.parametrize("bad_id", ["not-a-uuid", "123", "00000000-0000-0000-0000-00000000000g",
                                    "00000000-0000-0000-0000-0000000000000", "%27%20OR%201%3D1"])
def test_read_non_uuid_id_is_400(api, auth, bad_id):
    assert_error(api.get(f"/api/v1/patients/{bad_id}", token=auth.token("practitioner")), 400)


# ------------------------------------------------------------------ duplicates

def test_duplicate_mrn_in_same_clinic_is_409(api, auth, superuser):
    first = create_patient(api, auth.token("practitioner"))
    count = superuser.value("SELECT count(*) FROM patients")
    response = api.post("/api/v1/patients", token=auth.token("front_desk"), json=patient_payload(mrn=first["mrn"]))
    assert_error(response, 409)
    assert superuser.value("SELECT count(*) FROM patients") == count


def test_same_mrn_in_another_clinic_is_fine(api, auth):
    in_a = create_patient(api, auth.token("practitioner"))
    in_b = create_patient(api, auth.token("b_practitioner"), mrn=in_a["mrn"])
    assert in_b["id"] != in_a["id"] and in_b["mrn"] == in_a["mrn"]


def test_update_to_a_taken_mrn_is_409(api, auth):
    token = auth.token("practitioner")
    taken = create_patient(api, token)
    patient = create_patient(api, token)
    assert_error(api.patch(f"/api/v1/patients/{patient['id']}", token=token, json={"mrn": taken["mrn"]}), 409)
    assert get_patient(api, token, patient["id"]) == patient


# ------------------------------------------------------------------ update

def test_update_changes_fields_and_bumps_version(api, auth):
    token = auth.token("practitioner")
    patient = create_patient(api, token)
    response = api.patch(f"/api/v1/patients/{patient['id']}", token=token,
                         json={"family_name": patient["family_name"] + "x", "sex": "other"})
    updated = assert_status(response, 200)
    assert_patient(updated)
    assert updated["version"] == patient["version"] + 1
    assert updated["family_name"] == patient["family_name"] + "x" and updated["sex"] == "other"
    for key in ("id", "mrn", "given_name", "birth_date", "created_at"):
        assert updated[key] == patient[key], key
    assert get_patient(api, token, patient["id"]) == updated


def test_update_every_field(api, auth):
    token = auth.token("front_desk")
    patient = create_patient(api, token)
    change = {"mrn": unique_mrn("NEW"), "family_name": random_tag(), "given_name": "Zoë", "birth_date": "1999-12-31",
              "sex": "unknown"}
    updated = assert_status(api.patch(f"/api/v1/patients/{patient['id']}", token=token, json=change), 200)
    assert_patient(updated, dict(change, id=patient["id"], version=patient["version"] + 1))


def test_update_with_current_if_match(api, auth):
    token = auth.token("practitioner")
    patient = create_patient(api, token)
    response = api.patch(f"/api/v1/patients/{patient['id']}", token=token, json={"given_name": "Eve"},
                         headers={"If-Match": f'"{patient["version"]}"'})
    assert assert_status(response, 200)["version"] == patient["version"] + 1


def test_update_with_stale_if_match_is_412_and_changes_nothing(api, auth):
    token = auth.token("practitioner")
    patient = create_patient(api, token)
    first = assert_status(api.patch(f"/api/v1/patients/{patient['id']}", token=token, json={"given_name": "One"}), 200)
    response = api.patch(f"/api/v1/patients/{patient['id']}", token=token, json={"given_name": "Two"},
                         headers={"If-Match": f'"{patient["version"]}"'})
    assert_error(response, 412)
    assert get_patient(api, token, patient["id"]) == first


def test_update_unknown_id_is_404(api, auth):
    assert_error(api.patch(f"/api/v1/patients/{uuid.uuid4()}", token=auth.token("practitioner"),
                           json={"given_name": "Nobody"}), 404)


# ------------------------------------------------------------------ find and page

@pytest.fixture(scope="module")
def roster(api, auth):
    """Seven patients whose family or given name starts with a fresh tag, and one that only contains it."""
    token = auth.token("practitioner")
    tag = random_tag()
    rows = [
        (tag + "berg", "Anna", "1970-01-01"),
        (tag + "berg", "Bert", "1970-01-01"),
        (tag + "berg", "Bert", "1985-06-15"),
        (tag + "quist", "Carl", "1985-06-15"),
        ("Lindqvist", tag + "ina", "1990-02-02"),
        (tag + "son", "", "1990-02-02"),
        (tag + "strom", "Eva", "1961-03-04"),
    ]
    matches = [create_patient(api, token, mrn=f"{tag}-MRN-{i}", family_name=f, given_name=g, birth_date=b)
               for i, (f, g, b) in enumerate(rows)]
    infix = create_patient(api, token, mrn=f"{tag}-MRN-X", family_name="Pre" + tag.lower(), given_name="Dora")
    return tag, matches, infix


def test_search_by_name_prefix_family_or_given_case_insensitive(api, auth, roster):
    tag, matches, infix = roster
    token = auth.token("practitioner")
    for query in (tag, tag.lower(), tag.upper(), tag[:5]):
        found = list_all(api, token, name=query, limit=100)
        ids = [p["id"] for p in found]
        assert set(ids) >= {p["id"] for p in matches}, query
        assert infix["id"] not in ids, "name must match a prefix, not a substring"
        if query != tag[:5]:
            assert sorted(ids) == sorted(p["id"] for p in matches), query
        for p in found:
            assert_patient(p)


def test_list_order_is_family_given_id(api, auth, roster):
    tag, matches, _ = roster
    found = assert_status(api.get("/api/v1/patients", token=auth.token("practitioner"),
                                  params={"name": tag, "limit": 100}), 200)
    assert found["next_cursor"] is None
    assert [p["id"] for p in found["items"]] == [p["id"] for p in sorted(matches, key=order_key)]


def test_pages_do_not_overlap_and_cover_every_match(api, auth, roster):
    tag, matches, _ = roster
    token = auth.token("practitioner")
    pages, cursor = [], None
    while True:
        params = {"name": tag, "limit": 3}
        if cursor:
            params["cursor"] = cursor
        page = assert_status(api.get("/api/v1/patients", token=token, params=params), 200)
        assert len(page["items"]) <= 3
        pages.append([p["id"] for p in page["items"]])
        cursor = page["next_cursor"]
        assert cursor is None or isinstance(cursor, str)
        if cursor is None:
            break
        assert len(pages) < 10
    assert [len(p) for p in pages[:3]] == [3, 3, 1], pages
    flat = [i for page in pages for i in page]
    assert len(flat) == len(set(flat)) == 7
    assert flat == [p["id"] for p in sorted(matches, key=order_key)]


def test_search_by_exact_mrn(api, auth, roster):
    tag, matches, _ = roster
    token = auth.token("practitioner")
    found = assert_status(api.get("/api/v1/patients", token=token, params={"mrn": f"{tag}-MRN-3"}), 200)
    assert [p["id"] for p in found["items"]] == [matches[3]["id"]]
    prefix = assert_status(api.get("/api/v1/patients", token=token, params={"mrn": f"{tag}-MRN"}), 200)
    assert prefix["items"] == [], "mrn must match exactly"


def test_search_by_birth_date_and_name(api, auth, roster):
    tag, matches, _ = roster
    token = auth.token("practitioner")
    found = list_all(api, token, name=tag, birth_date="1985-06-15")
    assert sorted(p["id"] for p in found) == sorted([matches[2]["id"], matches[3]["id"]])
    by_date = list_all(api, token, birth_date="1961-03-04", limit=100)
    assert matches[6]["id"] in [p["id"] for p in by_date]
    assert all(p["birth_date"] == "1961-03-04" for p in by_date)


def test_default_limit_is_50_and_max_is_100(api, auth):
    token = auth.token("practitioner")
    tag = random_tag()
    made = {create_patient(api, token, family_name=tag + "a", given_name=f"N{i:03d}")["id"] for i in range(51)}
    first = assert_status(api.get("/api/v1/patients", token=token, params={"name": tag}), 200)
    assert len(first["items"]) == 50 and first["next_cursor"]
    second = assert_status(api.get("/api/v1/patients", token=token,
                                   params={"name": tag, "cursor": first["next_cursor"]}), 200)
    assert len(second["items"]) == 1 and second["next_cursor"] is None
    assert {p["id"] for p in first["items"] + second["items"]} == made
    everything = assert_status(api.get("/api/v1/patients", token=token, params={"name": tag, "limit": 100}), 200)
    assert {p["id"] for p in everything["items"]} == made and everything["next_cursor"] is None


@pytest.mark.parametrize("params", [
    {"limit": "0"}, {"limit": "101"}, {"limit": "abc"}, {"limit": "-1"}, {"limit": "1.5"},
    {"cursor": "garbage"}, {"cursor": "%%%"}, {"cursor": "eyJmb28iOiJiYXIifQ"},
    {"birth_date": "2023-02-30"}, {"birth_date": "yesterday"},
    {"unknown": "1"}, {"name": "x", "sort": "mrn"},
], ids=lambda p: "&".join(f"{k}={v}" for k, v in p.items()))
def test_bad_list_parameters_are_400(api, auth, params):
    assert_error(api.get("/api/v1/patients", token=auth.token("practitioner"), params=params), 400)


# ------------------------------------------------------------------ permissions: role x endpoint

@pytest.fixture(scope="module")
def target(api, auth):
    return create_patient(api, auth.token("practitioner"))


@pytest.mark.parametrize("role", ROLES)
def test_permission_read_one(api, auth, target, role):
    response = api.get(f"/api/v1/patients/{target['id']}", token=auth.token(role))
    if role in READERS:
        assert assert_status(response, 200)["id"] == target["id"]
    else:
        assert_error(response, 403)


@pytest.mark.parametrize("role", ROLES)
def test_permission_list(api, auth, target, role):
    response = api.get("/api/v1/patients", token=auth.token(role))
    if role in READERS:
        assert isinstance(assert_status(response, 200)["items"], list)
    else:
        assert_error(response, 403)


@pytest.mark.parametrize("role", ROLES)
def test_permission_search(api, auth, target, role):
    response = api.get("/api/v1/patients", token=auth.token(role), params={"mrn": target["mrn"]})
    if role in READERS:
        assert [p["id"] for p in assert_status(response, 200)["items"]] == [target["id"]]
    else:
        assert_error(response, 403)


@pytest.mark.parametrize("role", ROLES)
def test_permission_create(api, auth, role):
    payload = patient_payload(mrn=unique_mrn("PERM"))
    response = api.post("/api/v1/patients", token=auth.token(role), json=payload)
    if role in WRITERS:
        assert_patient(assert_status(response, 201), payload)
    else:
        assert_error(response, 403)
        found = api.get("/api/v1/patients", token=auth.token("owner"), params={"mrn": payload["mrn"]})
        assert assert_status(found, 200)["items"] == [], "a refused create stored a patient"


@pytest.mark.parametrize("role", ROLES)
def test_permission_update(api, auth, target, role):
    before = get_patient(api, auth.token("owner"), target["id"])
    response = api.patch(f"/api/v1/patients/{target['id']}", token=auth.token(role),
                         json={"given_name": f"By{role.replace('_', '')}"})
    after = get_patient(api, auth.token("owner"), target["id"])
    if role in WRITERS:
        assert assert_status(response, 200)["version"] == before["version"] + 1
        assert after["given_name"] == f"By{role.replace('_', '')}"
    else:
        assert_error(response, 403)
        assert after == before, "a refused update changed the patient"


# ------------------------------------------------------------------ audit

def audit_rows(superuser, request_id):
    return superuser.rows(
        "SELECT clinic_id::text AS clinic_id, actor_user_id::text AS actor_user_id, clinic_role::text AS clinic_role,"
        " action, outcome, resource_type, resource_id::text AS resource_id, patient_id::text AS patient_id,"
        " before, after, ip::text AS ip, user_agent, request_id::text AS request_id,"
        " occurred_at > now() - interval '5 minutes' AS recent"
        " FROM audit_events WHERE request_id::text = %s", (request_id,))


def one_row(rows, action):
    matching = [r for r in rows if r["action"] == action]
    assert len(matching) == 1, f"expected one {action!r} row, got {rows}"
    return matching[0]


def test_read_is_audited(api, auth, world, superuser):
    patient = create_patient(api, auth.token("practitioner"))
    agent = f"audit-probe/{uuid.uuid4().hex[:8]}"
    response = api.get(f"/api/v1/patients/{patient['id']}", token=auth.token("nurse"), headers={"User-Agent": agent})
    assert_status(response, 200)
    row = one_row(audit_rows(superuser, response.header("X-Request-Id")), "patient.read")
    assert row["outcome"] == "success"
    assert row["clinic_id"] == world.clinic_a
    assert row["actor_user_id"] == auth.body("nurse")["user"]["id"]
    assert row["clinic_role"] == "nurse"
    assert row["patient_id"] == patient["id"] and row["resource_id"] == patient["id"]
    assert row["resource_type"]
    assert row["user_agent"] == agent
    assert row["ip"] and "127.0.0.1" in row["ip"]
    assert row["recent"]


def test_create_is_audited(api, auth, world, superuser):
    payload = patient_payload()
    response = api.post("/api/v1/patients", token=auth.token("front_desk"), json=payload)
    patient = assert_status(response, 201)
    row = one_row(audit_rows(superuser, response.header("X-Request-Id")), "patient.create")
    assert row["outcome"] == "success" and row["clinic_role"] == "front_desk"
    assert row["patient_id"] == patient["id"]
    assert row["after"] and row["after"].get("mrn") == payload["mrn"]


def test_update_is_audited_with_before_and_after(api, auth, superuser):
    patient = create_patient(api, auth.token("practitioner"))
    new_family = patient["family_name"] + "changed"
    response = api.patch(f"/api/v1/patients/{patient['id']}", token=auth.token("owner"),
                         json={"family_name": new_family})
    assert_status(response, 200)
    row = one_row(audit_rows(superuser, response.header("X-Request-Id")), "patient.update")
    assert row["outcome"] == "success" and row["clinic_role"] == "owner"
    assert row["patient_id"] == patient["id"]
    assert row["before"]["family_name"] == patient["family_name"]
    assert row["after"]["family_name"] == new_family


def test_list_is_audited(api, auth, world, superuser):
    response = api.get("/api/v1/patients", token=auth.token("read_only"), params={"limit": 5})
    assert_status(response, 200)
    row = one_row(audit_rows(superuser, response.header("X-Request-Id")), "patient.list")
    assert row["outcome"] == "success" and row["clinic_id"] == world.clinic_a
    assert row["actor_user_id"] == auth.body("read_only")["user"]["id"]


def test_denied_access_is_audited(api, auth, target, superuser):
    response = api.get(f"/api/v1/patients/{target['id']}", token=auth.token("admin"))
    assert_error(response, 403)
    rows = audit_rows(superuser, response.header("X-Request-Id"))
    assert rows, "a refused patient read left no audit row"
    assert all(r["outcome"] != "success" for r in rows), rows
    assert any(r["outcome"] == "denied" for r in rows), rows


# ------------------------------------------------------------------ logs

def test_logs_carry_no_patient_data(server, api, auth):
    """Structured logs without patient data: names and MRNs never reach the server's output."""
    token = auth.token("practitioner")
    family, mrn = random_tag() + "logcheck", unique_mrn("LOGCHECK")
    patient = create_patient(api, token, family_name=family, mrn=mrn)
    api.get(f"/api/v1/patients/{patient['id']}", token=token)
    api.patch(f"/api/v1/patients/{patient['id']}", token=token, json={"given_name": "Loggy"})
    api.get("/api/v1/patients", token=token, params={"name": family})
    api.get("/api/v1/patients", token=token, params={"mrn": mrn})
    api.post("/api/v1/patients", token=token, json=patient_payload(mrn=mrn, family_name=family))  # 409
    output = "\n".join(server.all_output())
    assert family.lower() not in output.lower(), "a patient name reached the log"
    assert mrn not in output, "an MRN reached the log"
