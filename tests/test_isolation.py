"""Clinic isolation over HTTP: clinic A (demo) and clinic B never see each
other's patients, whatever the role, the endpoint or the search; a person in
both clinics sees only the clinic their token is for."""
import uuid

import pytest

from client import assert_error, assert_status
from conftest import ROLES

READERS = {"owner", "practitioner", "nurse", "front_desk", "read_only"}
WRITERS = {"owner", "practitioner", "front_desk"}


def all_ids(api, token, **params):
    ids, cursor = set(), None
    for _ in range(100):
        query = dict(params, limit=100)
        if cursor:
            query["cursor"] = cursor
        page = assert_status(api.get("/api/v1/patients", token=token, params=query), 200)
        ids |= {p["id"] for p in page["items"]}
        cursor = page["next_cursor"]
        if not cursor:
            return ids
    pytest.fail("more than 100 pages")


def not_found_error(api, token):
    """The 404 for an id that exists nowhere: a foreign id must look exactly like it."""
    error = assert_error(api.get(f"/api/v1/patients/{uuid.uuid4()}", token=token), 404)
    return error["code"], error["message"]


@pytest.mark.parametrize("reader", ["b_practitioner", "b_owner", "dual_b"])
def test_clinic_b_cannot_read_clinic_a_patients(api, auth, seeded, reader):
    token = auth.token(reader)
    expected = not_found_error(api, token)
    for patient in seeded.a_patients:
        error = assert_error(api.get(f"/api/v1/patients/{patient['id']}", token=token), 404)
        assert (error["code"], error["message"]) == expected


@pytest.mark.parametrize("writer", ["b_practitioner", "b_owner"])
def test_clinic_b_cannot_update_clinic_a_patients(api, auth, seeded, writer):
    token = auth.token(writer)
    for patient in seeded.a_patients[:4]:
        before = assert_status(api.get(f"/api/v1/patients/{patient['id']}", token=auth.token("owner")), 200)
        assert_error(api.patch(f"/api/v1/patients/{patient['id']}", token=token,
                               json={"given_name": "Hijacked"}), 404)
        assert_error(api.patch(f"/api/v1/patients/{patient['id']}", token=token, json={"given_name": "Hijacked"},
                               headers={"If-Match": f'"{before["version"]}"'}), 404)
        after = assert_status(api.get(f"/api/v1/patients/{patient['id']}", token=auth.token("owner")), 200)
        assert after == before


@pytest.mark.parametrize("reader", ["b_practitioner", "b_owner", "dual_b"])
def test_clinic_b_never_lists_or_finds_clinic_a_patients(api, auth, seeded, reader):
    token = auth.token(reader)
    a_ids = {p["id"] for p in seeded.a_patients}
    b_ids = {p["id"] for p in seeded.b_patients}
    listed = all_ids(api, token)
    assert not listed & a_ids
    assert listed >= b_ids, "the control: B's own patients are listed"
    for patient in seeded.a_patients[:4]:
        assert not all_ids(api, token, name=patient["family_name"]) & a_ids
        assert not all_ids(api, token, name=patient["family_name"][:2]) & a_ids
        assert not all_ids(api, token, mrn=patient["mrn"]) & a_ids
        assert not all_ids(api, token, birth_date=patient["birth_date"]) & a_ids


@pytest.mark.parametrize("role", ROLES)
def test_no_clinic_a_role_can_touch_clinic_b_patients(api, auth, seeded, role):
    token = auth.token(role)
    b_ids = {p["id"] for p in seeded.b_patients}
    for patient in seeded.b_patients:
        before = assert_status(api.get(f"/api/v1/patients/{patient['id']}", token=auth.token("b_owner")), 200)
        read = api.get(f"/api/v1/patients/{patient['id']}", token=token)
        write = api.patch(f"/api/v1/patients/{patient['id']}", token=token, json={"given_name": "Hijacked"})
        if role in READERS:
            assert_error(read, 404)
            assert not all_ids(api, token, name=patient["family_name"]) & b_ids
            assert not all_ids(api, token, mrn=patient["mrn"]) & b_ids
        else:
            assert read.status in (403, 404), read
            assert_error(read, read.status)
        if role in WRITERS:
            assert_error(write, 404)
        else:
            assert write.status in (403, 404), write
            assert_error(write, write.status)
        after = assert_status(api.get(f"/api/v1/patients/{patient['id']}", token=auth.token("b_owner")), 200)
        assert after == before


def test_clinic_a_list_never_contains_clinic_b_patients(api, auth, seeded):
    listed = all_ids(api, auth.token("owner"))
    assert not listed & {p["id"] for p in seeded.b_patients}
    assert listed >= {p["id"] for p in seeded.a_patients}


def test_dual_member_token_is_bound_to_its_clinic(api, auth, seeded):
    """Same person, two tokens: the B token cannot read A's patients, the A token can (and vice versa)."""
    a_patient, b_patient = seeded.a_patients[0], seeded.b_patients[0]
    b_token, a_token = auth.token("dual_b"), auth.token("dual_a")
    assert_error(api.get(f"/api/v1/patients/{a_patient['id']}", token=b_token), 404)
    assert assert_status(api.get(f"/api/v1/patients/{b_patient['id']}", token=b_token), 200)["id"] == b_patient["id"]
    assert assert_status(api.get(f"/api/v1/patients/{a_patient['id']}", token=a_token), 200)["id"] == a_patient["id"]
    assert_error(api.get(f"/api/v1/patients/{b_patient['id']}", token=a_token), 404)
    assert not all_ids(api, b_token, name=a_patient["family_name"]) & {a_patient["id"]}
    assert not all_ids(api, a_token, name=b_patient["family_name"]) & {b_patient["id"]}


def test_dual_member_b_token_keeps_b_role(api, auth, seeded):
    """In B the person is read_only: their B token cannot write, even though they write in A."""
    patient = seeded.b_patients[0]
    assert_error(api.patch(f"/api/v1/patients/{patient['id']}", token=auth.token("dual_b"),
                           json={"given_name": "Nope"}), 403)
    assert_error(api.post("/api/v1/patients", token=auth.token("dual_b"),
                          json={"mrn": "DUAL-1", "family_name": "Dual", "birth_date": "1970-01-01"}), 403)


def test_patient_created_in_b_lands_in_b(api, auth, world, superuser):
    response = api.post("/api/v1/patients", token=auth.token("b_practitioner"),
                        json={"mrn": f"B-{uuid.uuid4().hex[:10]}", "family_name": "Landing", "birth_date": "1970-01-01"})
    patient = assert_status(response, 201)
    clinic = superuser.value("SELECT clinic_id::text FROM patients WHERE id = %s", (patient["id"],))
    assert clinic == world.clinic_b
