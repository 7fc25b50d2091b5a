"""The rest of a patient's record: status, contact, other identifiers (unique
per clinic and system), finding by identifier, and merging two records of
the same person (the merged one stays, read-only, pointing at the survivor,
which takes on its identifiers and MRN)."""
import secrets

import pytest

from client import assert_error, assert_status
from conftest import create_patient

NHS = "https://fhir.nhs.uk/Id/nhs-number"


def nhs_number():
    return str(9000000000 + secrets.randbelow(999999999))


def test_contact_status_and_identifiers(api, auth, superuser):
    token = auth.token("front_desk")
    number = nhs_number()
    patient = create_patient(api, token, phone="+44 20 7946 0000", email="ada@example.org",
                             address="1 Example Street, London", identifiers=[{"system": NHS, "value": number}])
    assert patient["status"] == "active" and patient["merged_into_id"] is None
    assert patient["identifiers"] == [{"system": NHS, "value": number}] and patient["phone"] == "+44 20 7946 0000"
    found = assert_status(api.get("/api/v1/patients", token=token, params={"identifier": f"{NHS}|{number}"}), 200)
    assert [p["id"] for p in found["items"]] == [patient["id"]]
    changed = assert_status(api.patch(f"/api/v1/patients/{patient['id']}", token=token,
                                      json={"status": "deceased", "identifiers": [
                                          {"system": NHS, "value": number}, {"system": "urn:hospital:x", "value": "7"}]}),
                            200)
    assert changed["status"] == "deceased" and len(changed["identifiers"]) == 2
    audit = superuser.rows("SELECT before, after FROM audit_events WHERE outcome = 'success' AND action = 'patient.update' AND resource_id = %s",
                           (patient["id"],))
    assert audit[0]["before"]["status"] == "active" and audit[0]["after"]["status"] == "deceased"
    assert len(audit[0]["after"]["identifiers"]) == 2


def test_an_identifier_belongs_to_one_patient_per_clinic(api, auth):
    number = nhs_number()
    create_patient(api, auth.token("practitioner"), identifiers=[{"system": NHS, "value": number}])
    clash = api.post("/api/v1/patients", token=auth.token("practitioner"), json={
        "mrn": "MRN-" + secrets.token_hex(4), "family_name": "Clash", "birth_date": "1970-01-01",
        "identifiers": [{"system": NHS, "value": number}]})
    assert_error(clash, 409)
    elsewhere = create_patient(api, auth.token("b_practitioner"), identifiers=[{"system": NHS, "value": number}])
    assert elsewhere["identifiers"][0]["value"] == number, "another clinic's records are its own"


@pytest.mark.parametrize("change", [
    {"status": "merged"}, {"status": "gone"}, {"email": "not-an-address"}, {"phone": "1" * 41},
    {"identifiers": [{"system": NHS}]}, {"identifiers": [{"system": NHS, "value": "1"}] * 2},
    {"identifiers": {"system": NHS, "value": "1"}}, {"identifiers": [{"system": "", "value": "1"}]},
])
def test_bad_record_changes_are_refused(api, auth, change):
    patient = create_patient(api, auth.token("practitioner"))
    assert_error(api.patch(f"/api/v1/patients/{patient['id']}", token=auth.token("practitioner"), json=change), 400)
    after = assert_status(api.get(f"/api/v1/patients/{patient['id']}", token=auth.token("practitioner")), 200)
    assert after["version"] == patient["version"]


def test_merging_keeps_everything_and_points_at_the_survivor(api, auth, superuser):
    token = auth.token("front_desk")
    family = "Merge" + secrets.token_hex(3)
    number = nhs_number()
    duplicate = create_patient(api, token, family_name=family, identifiers=[{"system": NHS, "value": number}])
    survivor = create_patient(api, token, family_name=family)
    merged = api.post(f"/api/v1/patients/{duplicate['id']}/merge", token=token, json={"into": survivor["id"]})
    kept = assert_status(merged, 200)
    assert kept["id"] == survivor["id"] and kept["version"] == survivor["version"] + 1
    assert {(i["system"], i["value"]) for i in kept["identifiers"]} == {(NHS, number),
                                                                        ("urn:consilium:mrn", duplicate["mrn"])}
    old = assert_status(api.get(f"/api/v1/patients/{duplicate['id']}", token=token), 200)
    assert old["status"] == "merged" and old["merged_into_id"] == survivor["id"]
    assert old["family_name"] == duplicate["family_name"] and old["mrn"] == duplicate["mrn"], "nothing is lost"
    listed = assert_status(api.get("/api/v1/patients", token=token, params={"name": family}), 200)
    assert [p["id"] for p in listed["items"]] == [survivor["id"]], "a merged record is not found again"
    assert_error(api.patch(f"/api/v1/patients/{duplicate['id']}", token=token, json={"given_name": "X"}), 409)
    assert_error(api.post(f"/api/v1/patients/{duplicate['id']}/merge", token=token, json={"into": survivor["id"]}),
                 409)
    audited = superuser.value("SELECT count(*) FROM audit_events WHERE outcome = 'success' AND action = 'patient.merge' AND "
                              "patient_id IN (%s, %s)", (duplicate["id"], survivor["id"]))
    assert audited == 2


def test_merge_refusals(api, auth):
    token = auth.token("front_desk")
    patient = create_patient(api, token)
    other_clinic = create_patient(api, auth.token("b_practitioner"))
    assert_error(api.post(f"/api/v1/patients/{patient['id']}/merge", token=token, json={"into": patient["id"]}), 400)
    assert_error(api.post(f"/api/v1/patients/{patient['id']}/merge", token=token, json={"into": other_clinic["id"]}),
                 404)
    assert_error(api.post(f"/api/v1/patients/{patient['id']}/merge", token=token, json={"into": "x"}), 400)
    assert_error(api.post(f"/api/v1/patients/{patient['id']}/merge", token=auth.token("nurse"),
                          json={"into": patient["id"]}), 403)
