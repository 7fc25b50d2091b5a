"""Failed attempts are audited too: an allowed request that fails leaves one
record of what was tried (outcome failure, or not_found) and none of the
change it did not make."""
from client import assert_error, assert_status
from conftest import create_patient


def records(superuser, response):
    return superuser.rows("SELECT action, outcome, resource_type, resource_id::text AS resource_id, detail "
                          "FROM audit_events WHERE request_id = %s", (response.header("X-Request-Id"),))


def test_a_failed_write_leaves_one_failure_record_and_no_change(api, auth, superuser):
    existing = create_patient(api, auth.token("practitioner"))
    response = api.post("/api/v1/patients", token=auth.token("practitioner"),
                        json={"mrn": existing["mrn"], "family_name": "Twin", "birth_date": "1970-01-01"})
    assert_error(response, 409)
    [record] = records(superuser, response)
    assert (record["action"], record["outcome"], record["resource_type"]) == ("patient.create", "failure", "route")
    assert record["detail"]["status"] == 409 and record["detail"]["code"] == "conflict"
    same_mrn = assert_status(api.get("/api/v1/patients", token=auth.token("owner"), params={"mrn": existing["mrn"]}),
                             200)
    assert [p["id"] for p in same_mrn["items"]] == [existing["id"]]


def test_a_miss_is_recorded_with_the_id_that_was_asked_for(api, auth, superuser):
    other_clinics = create_patient(api, auth.token("b_practitioner"))
    response = api.get(f"/api/v1/patients/{other_clinics['id']}", token=auth.token("practitioner"))
    assert_error(response, 404)
    [record] = records(superuser, response)
    assert (record["action"], record["outcome"], record["resource_id"]) == ("patient.read", "not_found",
                                                                            other_clinics["id"])


def test_bad_input_is_recorded_as_a_failure(api, auth, superuser):
    response = api.post("/api/v1/meetings", token=auth.token("practitioner"), json={"title": "No times"})
    assert_error(response, 400)
    [record] = records(superuser, response)
    assert (record["action"], record["outcome"]) == ("meeting.create", "failure")
    assert record["detail"] == {"status": 400, "code": "invalid_argument", "params": {}}
