"""Bad input: every malformed or out-of-range request gets 400 invalid_argument
(415 for a wrong content type) in the one error shape, never a 500, and never
a partial write: after each one the database is checked unchanged."""
import json

import pytest

from client import assert_error, assert_status, future_date, patient_payload, unique_mrn
from conftest import create_patient

JSON = {"Content-Type": "application/json"}


def base():
    return patient_payload()


def without(key):
    payload = base()
    del payload[key]
    return payload


def with_(**changes):
    return dict(base(), **changes)


# (id, body): bodies are Python values sent as JSON, or bytes sent verbatim.
BAD_CREATE = [
    ("truncated-json", b'{"mrn": "A1", "family_name": '),
    ("not-json", b"mrn=A1&family_name=Smith"),
    ("unquoted-keys", b'{mrn: "A1", family_name: "Smith", birth_date: "1970-01-01"}'),
    ("trailing-comma", b'{"mrn": "A1", "family_name": "Smith", "birth_date": "1970-01-01",}'),
    ("trailing-garbage", b'{"mrn": "A1", "family_name": "Smith", "birth_date": "1970-01-01"} x'),
    ("empty-body", b""),
    ("invalid-utf8", b'{"mrn": "A1", "family_name": "Sm\xffth", "birth_date": "1970-01-01"}'),
    ("deep-nesting", b'{"mrn": ' + b"[" * 10000 + b"]" * 10000 + b', "family_name": "S", "birth_date": "1970-01-01"}'),
    ("array", []),
    ("array-of-object", [base()]),
    ("string", "hello"),
    ("number", 42),
    ("null", None),
    ("unknown-field", with_(ssn="123-45-6789")),
    ("id-field", with_(id="00000000-0000-0000-0000-000000000001")),
    ("version-field", with_(version=7)),
    ("mrn-number", with_(mrn=12345)),
    ("family-bool", with_(family_name=True)),
    ("given-list", with_(given_name=["Ada"])),
    ("given-object", with_(given_name={"first": "Ada"})),
    ("birth-number", with_(birth_date=19700101)),
    ("sex-number", with_(sex=1)),
    ("mrn-empty", with_(mrn="")),
    ("mrn-65", with_(mrn="M" * 65)),
    ("family-empty", with_(family_name="")),
    ("family-201", with_(family_name="F" * 201)),
    ("given-201", with_(given_name="G" * 201)),
    ("family-201-multibyte", with_(family_name="é" * 201)),
    ("date-feb-30", with_(birth_date="2023-02-30")),
    ("date-feb-29-non-leap", with_(birth_date="2023-02-29")),
    ("date-month-13", with_(birth_date="2023-13-01")),
    ("date-unpadded", with_(birth_date="2023-1-5")),
    ("date-compact", with_(birth_date="20230105")),
    ("date-with-time", with_(birth_date="2023-01-05T00:00:00Z")),
    ("date-empty", with_(birth_date="")),
    ("date-words", with_(birth_date="yesterday")),
    ("date-future", with_(birth_date=future_date(2))),
    ("date-far-future", with_(birth_date="2999-01-01")),
    ("sex-abbrev", with_(sex="f")),
    ("sex-uppercase", with_(sex="FEMALE")),
    ("sex-empty", with_(sex="")),
    ("mrn-null", with_(mrn=None)),
    ("family-null", with_(family_name=None)),
    ("birth-null", with_(birth_date=None)),
    ("mrn-missing", without("mrn")),
    ("family-missing", without("family_name")),
    ("birth-missing", without("birth_date")),
    ("huge-number", b'{"mrn": 1e999, "family_name": "S", "birth_date": "1970-01-01"}'),
]


def patient_count(superuser):
    return superuser.value("SELECT count(*) FROM patients")


def send(api, method, path, token, body):
    if isinstance(body, bytes):
        return api.request(method, path, token=token, body=body, headers=JSON)
    return api.request(method, path, token=token, json=body)


@pytest.mark.parametrize("body", [b for _, b in BAD_CREATE], ids=[i for i, _ in BAD_CREATE])
def test_bad_create_is_400_and_writes_nothing(api, auth, superuser, body):
    count = patient_count(superuser)
    response = send(api, "POST", "/api/v1/patients", auth.token("practitioner"), body)
    assert_error(response, 400)
    assert patient_count(superuser) == count, "a refused create wrote a patient"


@pytest.mark.parametrize("content_type", [None, "text/plain", "application/x-www-form-urlencoded",
                                          "multipart/form-data; boundary=x", "application/jsonx"])
def test_create_without_json_content_type_is_415(api, auth, superuser, content_type):
    count = patient_count(superuser)
    response = api.post("/api/v1/patients", token=auth.token("practitioner"),
                        body=json.dumps(base()).encode(), headers={"Content-Type": content_type})
    assert_error(response, 415)
    assert patient_count(superuser) == count


def test_duplicate_json_keys_are_rejected_or_harmless(api, auth, superuser):
    mrn_a, mrn_b = unique_mrn("DUPA"), unique_mrn("DUPB")
    body = (f'{{"mrn": "{mrn_a}", "mrn": "{mrn_b}", "family_name": "Dupkey", "birth_date": "1970-01-01"}}').encode()
    count = patient_count(superuser)
    response = send(api, "POST", "/api/v1/patients", auth.token("practitioner"), body)
    assert response.status in (201, 400), response
    if response.status == 400:
        assert_error(response, 400)
        assert patient_count(superuser) == count
    else:
        assert response.json["mrn"] in (mrn_a, mrn_b)
        assert patient_count(superuser) == count + 1


@pytest.mark.parametrize("value", ["a\u0000b", "\ud800", "\u202eevil", "x" * 3 + "\u0007"],
                         ids=["nul", "lone-surrogate", "bidi", "bell"])
def test_odd_characters_never_cause_500(api, auth, superuser, value):
    count = patient_count(superuser)
    raw = json.dumps(with_(family_name=value))  # keeps \ud800 as an escape
    response = send(api, "POST", "/api/v1/patients", auth.token("practitioner"), raw.encode())
    assert response.status in (201, 400), response
    if response.status == 400:
        assert_error(response, 400)
        assert patient_count(superuser) == count


# ------------------------------------------------------------------ PATCH

BAD_UPDATE = [
    ("truncated-json", b'{"given_name": '),
    ("empty-body", b""),
    ("array", []),
    ("string", "given_name"),
    ("null", None),
    ("unknown-field", {"given_name": "Ok", "ssn": "123"}),
    ("id-field", {"id": "00000000-0000-0000-0000-000000000001"}),
    ("clinic-field", {"clinic_id": "00000000-0000-0000-0000-000000000001"}),
    ("version-string", {"version": "3"}),
    ("created-at", {"created_at": "2020-01-01T00:00:00Z"}),
    ("mrn-number", {"mrn": 7}),
    ("family-list", {"family_name": ["X"]}),
    ("mrn-65", {"mrn": "M" * 65}),
    ("mrn-empty", {"mrn": ""}),
    ("family-201", {"family_name": "F" * 201}),
    ("family-empty", {"family_name": ""}),
    ("given-201", {"given_name": "G" * 201}),
    ("date-feb-30", {"birth_date": "2023-02-30"}),
    ("date-future", {"birth_date": future_date(2)}),
    ("sex-invalid", {"sex": "robot"}),
    ("mrn-null", {"mrn": None}),
    ("family-null", {"family_name": None}),
    ("birth-null", {"birth_date": None}),
    # A valid change next to an invalid one: nothing may be applied.
    ("valid-plus-invalid", {"given_name": "Partial", "birth_date": "2023-02-30"}),
    ("valid-plus-unknown", {"family_name": "Partial", "nickname": "P"}),
]


@pytest.fixture(scope="module")
def victim(api, auth):
    return create_patient(api, auth.token("practitioner"))


@pytest.mark.parametrize("body", [b for _, b in BAD_UPDATE], ids=[i for i, _ in BAD_UPDATE])
def test_bad_update_is_400_and_changes_nothing(api, auth, superuser, victim, body):
    token = auth.token("practitioner")
    path = f"/api/v1/patients/{victim['id']}"
    before = assert_status(api.get(path, token=token), 200)
    count = patient_count(superuser)
    response = send(api, "PATCH", path, token, body)
    assert_error(response, 400)
    assert assert_status(api.get(path, token=token), 200) == before, "a refused update changed the patient"
    assert patient_count(superuser) == count
    # No successful update was audited for the refused request.
    rows = superuser.rows("SELECT action, outcome FROM audit_events WHERE request_id::text = %s",
                          (response.header("X-Request-Id"),))
    assert not [r for r in rows if r["action"] == "patient.update" and r["outcome"] == "success"], rows


def test_update_with_wrong_content_type_is_refused(api, auth, victim):
    token = auth.token("practitioner")
    path = f"/api/v1/patients/{victim['id']}"
    before = assert_status(api.get(path, token=token), 200)
    response = api.patch(path, token=token, body=b'{"given_name": "Plain"}', headers={"Content-Type": "text/plain"})
    assert response.status in (400, 415), response
    assert_error(response, response.status)
    assert assert_status(api.get(path, token=token), 200) == before


@pytest.mark.parametrize("bad_id", ["not-a-uuid", "1", "00000000-0000-0000-0000-00000000000z"])
def test_update_with_invalid_id_is_400(api, auth, superuser, bad_id):
    count = patient_count(superuser)
    response = api.patch(f"/api/v1/patients/{bad_id}", token=auth.token("practitioner"), json={"given_name": "X"})
    assert_error(response, 400)
    assert patient_count(superuser) == count


def test_the_server_survived(api, auth):
    assert api.get("/healthz").status == 200
    assert api.get("/api/v1/patients", token=auth.token("practitioner")).status == 200
