"""Audit coverage: every route the server has (`consilium routes`) is called
here, once as a role that may call it and once as a role the permission
table refuses, and each request must leave exactly the audit records the
table below expects for its request id (X-Request-Id = audit_events.request_id).
A route the table does not cover fails the test: a new route needs its row.

The rule (docs/security.md, "What is audited"): one record per request, named
after the route's action in the permission table, success / denied /
failure / not_found; the exceptions are named in EXPECTED and in the docs.
Public routes are covered too: sign-in (success, wrong password in each of
the person's clinics, lockout, refusals), the second factor, refresh
(success, reuse), sign-out."""
import re
import secrets
import uuid
from dataclasses import dataclass
from typing import Callable, Optional

import pytest

import totp
from client import assert_error, assert_status
from conftest import create_patient
from test_agenda import approve, proforma, propose
from test_decisions import decision
from test_meetings import bring_to, create_meeting
from test_plans import plan_body
from test_role_matrix import cli_json_lines
from test_series import series_body
from test_web_session import refresh as web_refresh, web_sign_in


def records(superuser, response):
    """The audit records of one request, oldest first."""
    return superuser.rows(
        "SELECT action, outcome, clinic_id::text AS clinic_id, actor_user_id::text AS actor, "
        "resource_id::text AS resource_id, patient_id::text AS patient_id, patient_ids::text[] AS patient_ids, detail "
        "FROM audit_events WHERE request_id = %s ORDER BY id", (response.header("X-Request-Id"),))


def pairs(rows):
    return [(row["action"], row["outcome"]) for row in rows]


def strong_password():
    return "Cons-" + secrets.token_urlsafe(18)


class Scene:
    """Builds what a route needs to succeed: fresh objects for the calls that
    change them, so that the order of the table does not matter."""

    def __init__(self, api, auth, world, server, new_member):
        self.api, self.auth, self.world, self.server, self.new_member = api, auth, world, server, new_member

    def token(self, role="owner"):
        return self.auth.token(role)

    def user_id(self, role):
        return self.auth.body(role)["user"]["id"]

    # -- people with sessions of their own (signing out or changing them hurts no one else)
    def person(self, role="nurse"):
        made = self.new_member(role)
        body = assert_status(self.sign_in(made["email"], made["password"]), 201)
        return {**made, "token": body["access_token"], "session_id": body["session_id"],
                "refresh_token": body["refresh_token"]}

    def sign_in(self, email, password, **extra):
        return self.api.post("/api/v1/sessions", json={"email": email, "password": password, **extra})

    def enrolled(self, role="nurse"):
        """A person with a confirmed authenticator, still holding the session that set it up."""
        made = self.person(role)
        started = assert_status(self.api.post("/api/v1/me/mfa", token=made["token"],
                                              json={"password": made["password"]}), 200)
        step = totp.away_from_step_edge()
        confirmed = assert_status(self.api.post("/api/v1/me/mfa/confirm", token=made["token"],
                                                json={"code": totp.code(started["secret"], step)}), 200)
        return {**made, "secret": started["secret"], "confirmed_step": step,
                "recovery_codes": confirmed["recovery_codes"]}

    def next_code(self, enrolled):
        """A code the server has not seen spent: the confirming one is."""
        step = max(totp.away_from_step_edge(), enrolled["confirmed_step"] + 1)
        return totp.code(enrolled["secret"], step)

    def mfa_challenge(self, person, expect_next):
        body = assert_status(self.sign_in(person["email"], person["password"]), 202)
        assert body["next"] == expect_next, body
        return body["mfa_token"]

    # -- clinical objects
    def patient(self):
        return create_patient(self.api, self.token("practitioner"))

    def meeting(self, state="draft"):
        meeting = create_meeting(self.api, self.token())
        bring_to(self.api, self.token(), meeting["id"], state)
        return meeting

    def item(self, meeting_id, approved=True):
        item = assert_status(propose(self.api, self.token(), meeting_id, proforma(self.patient()["id"])), 201)
        if approved:
            assert_status(approve(self.api, self.token(), meeting_id, item["id"]), 200)
        return item

    def running_item(self):
        """(meeting id, item id) of an approved item of a meeting in progress."""
        meeting = self.meeting("scheduled")
        item = self.item(meeting["id"])
        self.move(meeting["id"], "in_progress")
        return meeting["id"], item["id"]

    def move(self, meeting_id, to):
        assert_status(self.api.post(f"/api/v1/meetings/{meeting_id}/transitions", token=self.token(),
                                    json={"to": to}), 200)

    def decided_item(self):
        meeting_id, item_id = self.running_item()
        assert_status(self.api.request("PUT", decision_path(meeting_id, item_id), token=self.token(),
                                       json=decision(responsible_clinician_id=self.user_id("practitioner"))), 200)
        return meeting_id, item_id

    def plan(self, state=None):
        patient = self.patient()
        plan = assert_status(self.api.post(f"/api/v1/patients/{patient['id']}/plans", token=self.token(),
                                           json=plan_body(self.user_id("practitioner"))), 201)
        if state:
            assert_status(self.api.post(f"/api/v1/plans/{plan['id']}/transitions", token=self.token(),
                                        json={"to": state}), 200)
        return plan


def decision_path(meeting_id, item_id, suffix=""):
    return f"/api/v1/meetings/{meeting_id}/agenda/{item_id}/decision{suffix}"


@dataclass
class Case:
    """How to call a route successfully, and the records that call must leave, in order."""
    call: Callable  # (Scene) -> Response
    records: list
    status: int = 200
    check: Optional[Callable] = None  # (Scene, Response, rows): more about the records


def success(action, count=1):
    return [(action, "success")] * count


# -- checks of who and what a read recorded

def lists_the_patients_returned(scene, response, rows, key=lambda item: item["id"]):
    assert rows[0]["patient_ids"] == [key(item) for item in response.json["items"]], rows


def lists_the_agenda_patients(scene, response, rows):
    lists_the_patients_returned(scene, response, rows, key=lambda item: item["patient"]["id"])
    assert rows[0]["patient_ids"], "the agenda read was meant to show a patient"


def names_the_created_patient(scene, response, rows):
    assert rows[0]["patient_id"] == response.json["id"], rows


def call_with_patient(method, suffix, role="owner", json=None):
    """A call on a fresh patient's sub-resource; the record names that patient."""
    def call(scene):
        patient = scene.patient()
        kwargs = {"token": scene.token(role)}
        if json is not None:
            kwargs["json"] = json
        response = scene.api.request(method, f"/api/v1/patients/{patient['id']}{suffix}", **kwargs)
        response.patient_id = patient["id"]
        return response
    return call


def about_that_patient(scene, response, rows):
    assert [row["patient_id"] for row in rows] == [response.patient_id] * len(rows), rows


def on_meeting(state, method, suffix="", json=None, role="owner"):
    def call(scene):
        meeting = scene.meeting(state)
        kwargs = {"token": scene.token(role)}
        if json is not None:
            kwargs["json"] = json
        return scene.api.request(method, f"/api/v1/meetings/{meeting['id']}{suffix}", **kwargs)
    return call


def on_item(method, suffix, json=None, approved=True):
    def call(scene):
        meeting = scene.meeting("scheduled")
        item = scene.item(meeting["id"], approved)
        kwargs = {"token": scene.token()}
        if json is not None:
            kwargs["json"] = json
        response = scene.api.request(method, f"/api/v1/meetings/{meeting['id']}/agenda/{item['id']}{suffix}",
                                     **kwargs)
        response.patient_id = item["patient"]["id"]
        return response
    return call


# -- files: a small PDF, as the body of an upload
FILE_BODY = b"%PDF-1.4\n% audit coverage\n%%EOF\n"


def upload_file(path_of):
    def call(scene):
        path, patient_id = path_of(scene)
        response = scene.api.request("POST", path, body=FILE_BODY, token=scene.token("nurse"),
                                     headers={"X-File-Name": "coverage.pdf", "Content-Type": "application/pdf"})
        response.patient_id = patient_id
        return response
    return call


def a_patients_files(scene):
    patient = scene.patient()
    return f"/api/v1/patients/{patient['id']}/files", patient["id"]


def an_items_files(scene):
    meeting = scene.meeting("scheduled")
    item = scene.item(meeting["id"])
    return f"/api/v1/meetings/{meeting['id']}/agenda/{item['id']}/files", item["patient"]["id"]


def download_file(scene):
    uploaded = assert_status(upload_file(a_patients_files)(scene), 201)
    response = scene.api.get(f"/api/v1/files/{uploaded['id']}/content", token=scene.token("read_only"))
    response.patient_id = uploaded["patient_id"]
    return response


def on_decision(method, suffix="", json_of=None, decided=True):
    def call(scene):
        meeting_id, item_id = scene.decided_item() if decided else scene.running_item()
        kwargs = {"token": scene.token()}
        if json_of is not None:
            kwargs["json"] = json_of(scene)
        return scene.api.request(method, decision_path(meeting_id, item_id, suffix), **kwargs)
    return call


def on_plan(method, suffix="", json=None, state=None):
    def call(scene):
        plan = scene.plan(state)
        kwargs = {"token": scene.token()}
        if json is not None:
            kwargs["json"] = json
        response = scene.api.request(method, f"/api/v1/plans/{plan['id']}{suffix}", **kwargs)
        response.patient_id = plan["patient_id"]
        return response
    return call


def as_admin_on_member(method, suffix="", json=None):
    def call(scene):
        member = scene.new_member("nurse")
        kwargs = {"token": scene.token("admin")}
        if json is not None:
            kwargs["json"] = json
        return scene.api.request(method, f"/api/v1/users/{member['id']}{suffix}", **kwargs)
    return call


def as_person(method, path, json_of=None, person_of=Scene.person):
    def call(scene):
        person = person_of(scene)
        kwargs = {"token": person["token"]}
        if json_of is not None:
            kwargs["json"] = json_of(scene, person)
        return scene.api.request(method, path.format(session_id=person["session_id"]), **kwargs)
    return call


def get(path, role="owner", params=None):
    return lambda scene: scene.api.get(path, token=scene.token(role), params=params)


def switch_clinic(scene):
    made = scene.new_member("nurse")
    scene.server.admin("add-user", "--clinic", scene.world.clinic_b, "--email", made["email"], "--name", "Two Clinics",
                       "--role", "read_only", "--password-file", scene.server.write_secret(made["password"]))
    body = assert_status(scene.sign_in(made["email"], made["password"], clinic_id=scene.world.clinic_a), 201)
    return scene.api.post("/api/v1/sessions/current/clinic", token=body["access_token"],
                          json={"clinic_id": scene.world.clinic_b})


def same_settings(scene):
    current = assert_status(scene.api.get("/api/v1/clinic/settings", token=scene.token()), 200)
    return scene.api.patch("/api/v1/clinic/settings", token=scene.token(),
                           json={"plan_edit_window_days": current["plan_edit_window_days"]})


def merge(scene):
    duplicate, survivor = scene.patient(), scene.patient()
    response = scene.api.post(f"/api/v1/patients/{duplicate['id']}/merge", token=scene.token(),
                              json={"into": survivor["id"]})
    response.merged = {duplicate["id"], survivor["id"]}
    return response


def one_record_per_merged_patient(scene, response, rows):
    assert {row["patient_id"] for row in rows} == response.merged, rows


def read_patient(scene):
    patient = scene.patient()
    response = scene.api.get(f"/api/v1/patients/{patient['id']}", token=scene.token("nurse"))
    response.patient_id = patient["id"]
    return response


def change_patient(scene):
    patient = scene.patient()
    response = scene.api.patch(f"/api/v1/patients/{patient['id']}", token=scene.token(), json={"given_name": "Eve"})
    response.patient_id = patient["id"]
    return response


def propose_item(scene):
    meeting = scene.meeting()
    patient = scene.patient()
    response = propose(scene.api, scene.token(), meeting["id"], proforma(patient["id"]))
    response.patient_id = patient["id"]
    return response


def read_agenda(scene):
    meeting = scene.meeting("scheduled")
    scene.item(meeting["id"])
    return scene.api.get(f"/api/v1/meetings/{meeting['id']}/agenda", token=scene.token("nurse"))


def read_proposals(scene):
    meeting = scene.meeting("scheduled")
    scene.item(meeting["id"], approved=False)
    return scene.api.get(f"/api/v1/meetings/{meeting['id']}/proposals", token=scene.token())


def reorder(scene):
    meeting = scene.meeting("scheduled")
    first, second = scene.item(meeting["id"]), scene.item(meeting["id"])
    response = scene.api.request("PUT", f"/api/v1/meetings/{meeting['id']}/agenda/order", token=scene.token(),
                                 json={"item_ids": [second["id"], first["id"]]})
    response.patient_ids = [second["patient"]["id"], first["patient"]["id"]]
    return response


def lists_the_reordered_patients(scene, response, rows):
    assert rows[0]["patient_ids"] == response.patient_ids, rows


def add_participant(scene):
    meeting = scene.meeting()
    doctor = scene.new_member("practitioner")
    return scene.api.request("PUT", f"/api/v1/meetings/{meeting['id']}/participants/{doctor['id']}",
                             token=scene.token(), json={"meeting_role": "doctor"})


def remove_participant(scene):
    meeting = scene.meeting()
    doctor = scene.new_member("practitioner")
    path = f"/api/v1/meetings/{meeting['id']}/participants/{doctor['id']}"
    assert_status(scene.api.request("PUT", path, token=scene.token(), json={"meeting_role": "doctor"}), 200)
    return scene.api.request("DELETE", path, token=scene.token())


def take_attendance(scene):
    meeting = scene.meeting("in_progress")
    return scene.api.request("PUT", f"/api/v1/meetings/{meeting['id']}/attendance", token=scene.token(),
                             json={"present": [scene.user_id("owner")]})


def renew_recovery_codes(scene):
    enrolled = scene.enrolled()
    return scene.api.post("/api/v1/me/mfa/recovery-codes", token=enrolled["token"],
                          json={"code": scene.next_code(enrolled)})


def confirm_enrolment(scene):
    person = scene.person()
    started = assert_status(scene.api.post("/api/v1/me/mfa", token=person["token"],
                                           json={"password": person["password"]}), 200)
    return scene.api.post("/api/v1/me/mfa/confirm", token=person["token"],
                          json={"code": totp.code(started["secret"], totp.away_from_step_edge())})


def accesses(scene):
    patient = scene.patient()
    return scene.api.get(f"/api/v1/patients/{patient['id']}/accesses", token=scene.token("admin"))


# -- public routes

def second_factor(scene):
    enrolled = scene.enrolled()
    mfa_token = scene.mfa_challenge(enrolled, "mfa_code")
    return scene.api.post("/api/v1/sessions/mfa", json={"mfa_token": mfa_token, "code": scene.next_code(enrolled)})


def enrolment_at_sign_in(scene):
    enrolled = scene.enrolled()
    reset = scene.api.request("DELETE", f"/api/v1/users/{enrolled['id']}/mfa", token=scene.token("admin"))
    assert reset.status == 204, reset
    mfa_token = scene.mfa_challenge(enrolled, "mfa_enrolment")
    return scene.api.post("/api/v1/sessions/mfa/enrolment", json={"mfa_token": mfa_token})


def refresh(scene):
    person = scene.person()
    return scene.api.post("/api/v1/sessions/refresh", json={"refresh_token": person["refresh_token"]})


def sign_in_fresh(scene):
    made = scene.new_member("nurse")
    return scene.sign_in(made["email"], made["password"])


def unaudited_public(path):
    return Case(lambda scene: scene.api.get(path), [])


# Every route: how to call it so that it succeeds, and exactly what that leaves.
# Exceptions to "one record named after the route's action" (docs/security.md):
#   DELETE /sessions            session.revoke_all (every session, not one)
#   POST /patients/{id}/merge   one patient.merge per patient
#   plan.write                  plan.create, plan.update or plan.transition: which write it was
#   POST /sessions (public)     session.create; /sessions/mfa/enrolment mfa.enrol; refresh session.refresh
# (completing a meeting also proposes its unresolved items again: see the test below.)
EXPECTED = {
    # public
    ("GET", "/healthz"): unaudited_public("/healthz"),
    ("GET", "/readyz"): unaudited_public("/readyz"),
    ("GET", "/api/v1/openapi.yaml"): unaudited_public("/api/v1/openapi.yaml"),
    ("GET", "/.well-known/jwks.json"): unaudited_public("/.well-known/jwks.json"),
    ("POST", "/api/v1/sessions"): Case(sign_in_fresh, success("session.create"), 201),
    ("POST", "/api/v1/sessions/mfa"): Case(second_factor, success("session.create"), 201),
    ("POST", "/api/v1/sessions/mfa/enrolment"): Case(enrolment_at_sign_in, success("mfa.enrol")),
    ("POST", "/api/v1/sessions/refresh"): Case(refresh, success("session.refresh")),
    # one's own sessions and account
    ("GET", "/api/v1/sessions"): Case(get("/api/v1/sessions", "read_only"), success("session.list")),
    ("DELETE", "/api/v1/sessions"): Case(as_person("DELETE", "/api/v1/sessions"), success("session.revoke_all"), 204),
    ("DELETE", "/api/v1/sessions/{id}"): Case(as_person("DELETE", "/api/v1/sessions/{session_id}"),
                                              success("session.revoke"), 204),
    ("POST", "/api/v1/sessions/current/clinic"): Case(switch_clinic, success("session.switch_clinic")),
    ("POST", "/api/v1/me/password"): Case(
        as_person("POST", "/api/v1/me/password",
                  lambda scene, person: {"current_password": person["password"], "new_password": strong_password()}),
        success("password.change"), 204),
    ("GET", "/api/v1/me"): Case(get("/api/v1/me", "guest"), success("profile.read")),
    ("GET", "/api/v1/me/mfa"): Case(get("/api/v1/me/mfa", "front_desk"), success("mfa.read")),
    ("POST", "/api/v1/me/mfa"): Case(as_person("POST", "/api/v1/me/mfa",
                                               lambda scene, person: {"password": person["password"]}),
                                     success("mfa.enrol")),
    ("POST", "/api/v1/me/mfa/confirm"): Case(confirm_enrolment, success("mfa.enrol")),
    ("POST", "/api/v1/me/mfa/recovery-codes"): Case(renew_recovery_codes, success("mfa.recovery_codes.renew")),
    # members and the clinic
    ("GET", "/api/v1/directory"): Case(get("/api/v1/directory", "nurse"), success("directory.read")),
    ("GET", "/api/v1/users"): Case(get("/api/v1/users", "admin"), success("user.list")),
    ("POST", "/api/v1/users"): Case(
        lambda scene: scene.api.post("/api/v1/users", token=scene.token("admin"), json={
            "email": f"created.{secrets.token_hex(5)}@example.org", "display_name": "Cora Created",
            "role": "nurse", "password": strong_password()}),
        success("user.create"), 201),
    ("GET", "/api/v1/users/{id}"): Case(as_admin_on_member("GET"), success("user.list")),
    ("PATCH", "/api/v1/users/{id}"): Case(as_admin_on_member("PATCH", json={"role": "read_only"}),
                                          success("user.update")),
    ("POST", "/api/v1/users/{id}/unlock"): Case(as_admin_on_member("POST", "/unlock"), success("user.unlock"), 204),
    ("DELETE", "/api/v1/users/{id}/sessions"): Case(as_admin_on_member("DELETE", "/sessions"),
                                                    success("user.sessions.revoke"), 204),
    ("DELETE", "/api/v1/users/{id}/mfa"): Case(as_admin_on_member("DELETE", "/mfa"), success("user.mfa.reset"), 204),
    ("GET", "/api/v1/clinic/settings"): Case(get("/api/v1/clinic/settings", "read_only"),
                                             success("clinic.settings.read")),
    ("PATCH", "/api/v1/clinic/settings"): Case(same_settings, success("clinic.settings.update")),
    # patients
    ("POST", "/api/v1/patients"): Case(
        lambda scene: scene.api.post("/api/v1/patients", token=scene.token("front_desk"), json={
            "mrn": "COV-" + secrets.token_hex(6), "family_name": "Coverage", "birth_date": "1970-03-04"}),
        success("patient.create"), 201, names_the_created_patient),
    ("GET", "/api/v1/patients"): Case(get("/api/v1/patients", "read_only", {"limit": 5}), success("patient.list"),
                                      check=lists_the_patients_returned),
    ("GET", "/api/v1/patients/{id}"): Case(read_patient, success("patient.read"), check=about_that_patient),
    ("PATCH", "/api/v1/patients/{id}"): Case(change_patient, success("patient.update"), check=about_that_patient),
    ("POST", "/api/v1/patients/{id}/merge"): Case(merge, success("patient.merge", 2),
                                                  check=one_record_per_merged_patient),
    ("GET", "/api/v1/patients/{patient_id}/history"): Case(call_with_patient("GET", "/history", "nurse"),
                                                           success("patient.history.read"),
                                                           check=about_that_patient),
    # treatment plans
    ("POST", "/api/v1/patients/{patient_id}/plans"): Case(
        lambda scene: call_with_patient("POST", "/plans", json=plan_body(scene.user_id("practitioner")))(scene),
        success("plan.create"), 201, about_that_patient),
    ("GET", "/api/v1/patients/{patient_id}/plans"): Case(call_with_patient("GET", "/plans", "read_only"),
                                                         success("plan.read"), check=about_that_patient),
    ("GET", "/api/v1/plans/{plan_id}"): Case(on_plan("GET"), success("plan.read"), check=about_that_patient),
    ("PATCH", "/api/v1/plans/{plan_id}"): Case(on_plan("PATCH", json={"goals": "Surveillance"}),
                                               success("plan.update"), check=about_that_patient),
    ("POST", "/api/v1/plans/{plan_id}/transitions"): Case(on_plan("POST", "/transitions", {"to": "active"}),
                                                          success("plan.transition"), check=about_that_patient),
    ("GET", "/api/v1/plans/{plan_id}/versions"): Case(on_plan("GET", "/versions"), success("plan.read"),
                                                      check=about_that_patient),
    ("GET", "/api/v1/plans/{plan_id}/versions/{version}"): Case(on_plan("GET", "/versions/1"), success("plan.read"),
                                                                check=about_that_patient),
    ("POST", "/api/v1/plans/{plan_id}/addenda"): Case(on_plan("POST", "/addenda", {"text": "Moved away."}, "stopped"),
                                                      success("plan.addendum"), 201, about_that_patient),
    # meetings
    ("POST", "/api/v1/meetings"): Case(lambda scene: scene.api.post("/api/v1/meetings", token=scene.token(), json={
        "title": "Coverage board", "specialty": "lung", "starts_at": "2033-02-07T08:00:00Z",
        "ends_at": "2033-02-07T09:00:00Z"}), success("meeting.create"), 201),
    ("GET", "/api/v1/meetings"): Case(get("/api/v1/meetings", "guest"), success("meeting.list")),
    ("POST", "/api/v1/meeting-series"): Case(
        lambda scene: scene.api.post("/api/v1/meeting-series", token=scene.token(), json=series_body(occurrences=2)),
        success("meeting.create"), 201),
    ("GET", "/api/v1/meetings/{meeting_id}"): Case(on_meeting("draft", "GET", role="read_only"),
                                                   success("meeting.read")),
    ("PATCH", "/api/v1/meetings/{meeting_id}"): Case(on_meeting("draft", "PATCH", json={"location": "Room 3"}),
                                                     success("meeting.update")),
    ("POST", "/api/v1/meetings/{meeting_id}/transitions"): Case(
        on_meeting("draft", "POST", "/transitions", {"to": "scheduled"}), success("meeting.transition")),
    ("GET", "/api/v1/meetings/{meeting_id}/transitions"): Case(on_meeting("scheduled", "GET", "/transitions"),
                                                               success("meeting.read")),
    ("PUT", "/api/v1/meetings/{meeting_id}/participants/{user_id}"): Case(add_participant,
                                                                          success("meeting.participants.manage")),
    ("DELETE", "/api/v1/meetings/{meeting_id}/participants/{user_id}"): Case(
        remove_participant, success("meeting.participants.manage"), 204),
    ("PUT", "/api/v1/meetings/{meeting_id}/attendance"): Case(take_attendance, success("meeting.attendance.record")),
    # the agenda
    ("POST", "/api/v1/meetings/{meeting_id}/agenda"): Case(propose_item, success("agenda.propose"), 201,
                                                           about_that_patient),
    ("GET", "/api/v1/meetings/{meeting_id}/agenda"): Case(read_agenda, success("agenda.read"),
                                                          check=lists_the_agenda_patients),
    ("PUT", "/api/v1/meetings/{meeting_id}/agenda/order"): Case(reorder, success("agenda.review"),
                                                                check=lists_the_reordered_patients),
    ("GET", "/api/v1/meetings/{meeting_id}/proposals"): Case(read_proposals, success("agenda.review"),
                                                             check=lists_the_agenda_patients),
    ("POST", "/api/v1/meetings/{meeting_id}/agenda/{item_id}/approval"): Case(
        on_item("POST", "/approval", {"triage": "full_discussion"}, approved=False), success("agenda.review"),
        check=about_that_patient),
    ("POST", "/api/v1/meetings/{meeting_id}/agenda/{item_id}/rejection"): Case(
        on_item("POST", "/rejection", {"reason": "Duplicate referral"}, approved=False), success("agenda.review"),
        check=about_that_patient),
    # decisions
    ("PUT", "/api/v1/meetings/{meeting_id}/agenda/{item_id}/decision"): Case(
        on_decision("PUT", json_of=lambda scene: decision(responsible_clinician_id=scene.user_id("practitioner")),
                    decided=False),
        success("decision.record")),
    ("GET", "/api/v1/meetings/{meeting_id}/agenda/{item_id}/decision"): Case(on_decision("GET"),
                                                                             success("decision.read")),
    ("POST", "/api/v1/meetings/{meeting_id}/agenda/{item_id}/decision/signature"): Case(
        on_decision("POST", "/signature"), success("decision.sign")),
    ("GET", "/api/v1/meetings/{meeting_id}/agenda/{item_id}/decision/versions"): Case(
        on_decision("GET", "/versions"), success("decision.read")),
    # the audit trail
    ("GET", "/api/v1/audit/events"): Case(get("/api/v1/audit/events", "admin", {"limit": 5}), success("audit.read")),
    ("GET", "/api/v1/patients/{patient_id}/accesses"): Case(accesses, success("audit.read")),
    ("GET", "/api/v1/audit/export"): Case(
        get("/api/v1/audit/export", "owner", {"format": "jsonl", "action": "clinic.settings.update"}),
        success("audit.export")),
    # encryption keys
    ("GET", "/api/v1/keys"): Case(get("/api/v1/keys"), success("keys.read")),
    ("POST", "/api/v1/keys/rotate"): Case(lambda scene: scene.api.post("/api/v1/keys/rotate", token=scene.token()),
                                          success("keys.rotate")),
    # files: the name is never in the trail, only the patient, the type and the size
    ("GET", "/api/v1/patients/{patient_id}/files"): Case(call_with_patient("GET", "/files"), success("file.read"),
                                                         check=about_that_patient),
    ("POST", "/api/v1/patients/{patient_id}/files"): Case(upload_file(a_patients_files), success("file.upload"),
                                                          201, check=about_that_patient),
    ("GET", "/api/v1/meetings/{meeting_id}/agenda/{item_id}/files"): Case(on_item("GET", "/files"),
                                                                          success("file.read"),
                                                                          check=about_that_patient),
    ("POST", "/api/v1/meetings/{meeting_id}/agenda/{item_id}/files"): Case(
        upload_file(an_items_files), success("file.upload"), 201, check=about_that_patient),
    ("GET", "/api/v1/files/{file_id}/content"): Case(download_file, success("file.download"),
                                                     check=about_that_patient),
}


@pytest.fixture(scope="module")
def routes(server):
    return [(route["method"], route["pattern"], route["action"]) for route in cli_json_lines(server, "routes")]


@pytest.fixture(scope="module")
def table(server):
    return cli_json_lines(server, "permissions", "--json")[0]


@pytest.fixture
def scene(api, auth, world, server, new_member):
    return Scene(api, auth, world, server, new_member)


# Routes described in docs/openapi.yaml and still being built, whose rows are ready for them.
COMING = set()


def test_every_route_has_its_row_here(routes):
    served = {(method, pattern) for method, pattern, _ in routes}
    missing = sorted(served - set(EXPECTED))
    assert not missing, f"routes with no row in EXPECTED (add how to call them and what they record): {missing}"
    stale = sorted(set(EXPECTED) - served - COMING)
    assert not stale, f"rows in EXPECTED for routes the server does not have: {stale}"
    arrived = sorted(COMING & served)
    assert not arrived, f"served now, so no longer COMING: {arrived}"


def test_every_route_leaves_exactly_its_records(routes, scene, superuser):
    problems = []
    for method, pattern, _action in routes:
        case = EXPECTED.get((method, pattern))
        if case is None:
            continue  # reported by test_every_route_has_its_row_here
        try:
            response = case.call(scene)
        except AssertionError as failed:
            problems.append(f"{method} {pattern}: could not set up the call: {failed}")
            continue
        if response.status != case.status:
            problems.append(f"{method} {pattern}: HTTP {response.status}, expected {case.status}: {response!r}")
            continue
        rows = records(superuser, response)
        if pairs(rows) != case.records:
            problems.append(f"{method} {pattern}: recorded {pairs(rows)}, expected {case.records}")
            continue
        if case.check:
            try:
                case.check(scene, response, rows)
            except AssertionError as failed:
                problems.append(f"{method} {pattern}: {failed}")
    assert not problems, "\n".join(problems)


def refused_role(table, action):
    """A role the table refuses the action: staff first (they get 403); a guest
    on a meeting route gets 404, its existence not theirs to know."""
    allowed = set(table[action]["clinic_roles"])
    for role in ("read_only", "front_desk", "nurse", "admin", "practitioner", "guest"):
        if role not in allowed:
            return role
    return None


def test_every_refused_call_leaves_exactly_one_denied_record(api, auth, routes, table, superuser):
    problems = []
    everyone = []
    meeting_id = str(uuid.uuid4())
    for method, pattern, action in routes:
        if action is None:
            continue
        meeting_route = "{meeting_id}" in pattern
        role = refused_role(table, action)
        if role is None:
            everyone.append(action)
            continue
        path = re.sub(r"\{[a-z_]+\}", lambda _: str(uuid.uuid4()), pattern.replace("{meeting_id}", meeting_id))
        kwargs = {"token": auth.token(role)}
        if method in ("POST", "PATCH", "PUT"):
            kwargs["json"] = {}
        response = api.request(method, path, **kwargs)
        expected_status = 404 if role == "guest" and meeting_route else 403
        if response.status != expected_status:
            problems.append(f"{role} on {method} {pattern}: HTTP {response.status}, expected {expected_status}")
            continue
        recorded = pairs(records(superuser, response))
        if recorded != [(action, "denied")]:
            problems.append(f"{role} on {method} {pattern}: recorded {recorded}, expected [({action!r}, 'denied')]")
    assert not problems, "\n".join(problems)
    # Only what every role may do has nobody to refuse.
    assert set(everyone) <= {a for a, row in table.items() if len(row["clinic_roles"]) == 7}, everyone


# ------------------------------------------------------------------ sign-in, public routes

def two_clinic_person(server, world):
    email, password = f"both.{secrets.token_hex(5)}@example.org", strong_password()
    secret = server.write_secret(password)
    made = server.admin("add-user", "--clinic", world.clinic_a, "--email", email, "--name", "Two Clinics",
                        "--role", "nurse", "--password-file", secret)
    server.admin("add-user", "--clinic", world.clinic_b, "--email", email, "--name", "Two Clinics",
                 "--role", "read_only", "--password-file", secret)
    return {"email": email, "password": password, "id": made["user_id"]}


def test_a_wrong_password_is_recorded_in_each_of_the_persons_clinics(scene, server, world, superuser):
    person = two_clinic_person(server, world)
    response = scene.sign_in(person["email"], "not-" + person["password"])
    assert_error(response, 401)
    rows = records(superuser, response)
    assert pairs(rows) == [("session.create", "failure")] * 2, rows
    assert {row["clinic_id"] for row in rows} == {world.clinic_a, world.clinic_b}
    for row in rows:
        assert (row["actor"], row["detail"]) == (person["id"], {"reason": "wrong_password"}), row
    # A success clears the count; it is recorded in the clinic signed in to.
    signed_in = scene.sign_in(person["email"], person["password"], clinic_id=world.clinic_a)
    assert_status(signed_in, 201)
    [row] = records(superuser, signed_in)
    assert (row["action"], row["outcome"], row["clinic_id"]) == ("session.create", "success", world.clinic_a)


def test_an_unknown_email_is_only_throttled_with_no_clinic_to_record_it_in(scene, superuser):
    response = scene.sign_in(f"nobody.{secrets.token_hex(5)}@example.org", strong_password())
    assert_error(response, 401)
    assert records(superuser, response) == []


LOCKOUT_THRESHOLD = 10  # the server's default


def test_the_lock_is_recorded_once_when_it_begins_and_refusals_say_why(scene, server, world, superuser):
    person = two_clinic_person(server, world)
    for attempt in range(1, LOCKOUT_THRESHOLD + 2):
        response = scene.sign_in(person["email"], f"wrong-{attempt}-{secrets.token_hex(4)}")
        assert_error(response, 401)
        rows = records(superuser, response)
        expected = [("session.create", "failure")] * 2
        if attempt == LOCKOUT_THRESHOLD:
            expected += [("account.lock", "success")] * 2
        assert pairs(rows) == expected, f"attempt {attempt}: {rows}"
    lock_rows = superuser.rows("SELECT clinic_id::text AS clinic_id, resource_id::text AS resource_id, detail "
                               "FROM audit_events WHERE action = 'account.lock' AND resource_id = %s", (person["id"],))
    assert {row["clinic_id"] for row in lock_rows} == {world.clinic_a, world.clinic_b}
    assert all(row["detail"]["failed_attempts"] == LOCKOUT_THRESHOLD for row in lock_rows), lock_rows
    refused = scene.sign_in(person["email"], person["password"])
    assert_error(refused, 401)
    rows = records(superuser, refused)
    assert pairs(rows) == [("session.create", "failure")] * 2
    assert all(row["detail"] == {"reason": "account_locked"} for row in rows), rows


def test_a_disabled_membership_is_refused_and_recorded_in_the_clinic_that_disabled_it(scene, superuser, world):
    made = scene.new_member("nurse")
    assert_status(scene.api.patch(f"/api/v1/users/{made['id']}", token=scene.token("admin"),
                                  json={"disabled": True}), 200)
    response = scene.sign_in(made["email"], made["password"])
    assert_error(response, 403)
    [row] = records(superuser, response)
    assert (row["action"], row["outcome"], row["clinic_id"]) == ("session.create", "failure", world.clinic_a)
    assert row["detail"] == {"reason": "no_membership"}


def test_the_second_factor_is_recorded_at_each_step(scene, superuser):
    enrolled = scene.enrolled()
    password_step = scene.sign_in(enrolled["email"], enrolled["password"])
    assert_status(password_step, 202)
    [row] = records(superuser, password_step)
    assert (row["action"], row["outcome"], row["detail"]) == ("session.challenge", "success", {"next": "mfa_code"})
    mfa_token = password_step.json["mfa_token"]
    wrong = scene.api.post("/api/v1/sessions/mfa", json={"mfa_token": mfa_token, "code": "000000"})
    assert_error(wrong, 401)
    [row] = records(superuser, wrong)
    assert (row["action"], row["outcome"], row["detail"]) == ("session.create", "failure",
                                                              {"reason": "wrong_second_factor"})
    right = scene.api.post("/api/v1/sessions/mfa", json={"mfa_token": mfa_token, "code": scene.next_code(enrolled)})
    assert_status(right, 201)
    assert pairs(records(superuser, right)) == [("session.create", "success")]


def test_refresh_and_its_reuse_and_sign_out_are_recorded(scene, superuser):
    person = scene.person()
    refreshed = scene.api.post("/api/v1/sessions/refresh", json={"refresh_token": person["refresh_token"]})
    assert_status(refreshed, 200)
    assert pairs(records(superuser, refreshed)) == [("session.refresh", "success")]
    reused = scene.api.post("/api/v1/sessions/refresh", json={"refresh_token": person["refresh_token"]})
    assert_error(reused, 401)
    [row] = records(superuser, reused)
    assert (row["action"], row["outcome"], row["resource_id"]) == ("session.refresh", "denied", person["session_id"])
    other = scene.person()
    signed_out = scene.api.request("DELETE", f"/api/v1/sessions/{other['session_id']}", token=other["token"])
    assert signed_out.status == 204, signed_out
    [row] = records(superuser, signed_out)
    assert (row["action"], row["outcome"], row["resource_id"]) == ("session.revoke", "success", other["session_id"])


def test_the_web_apps_refresh_with_the_profile_is_one_record(scene, superuser, world):
    _body, cookie_token = web_sign_in(scene.api, world)
    refreshed = web_refresh(scene.api, cookie_token)
    assert "memberships" in assert_status(refreshed, 200), "the web app's refresh answers with the profile"
    assert pairs(records(superuser, refreshed)) == [("session.refresh", "success")]


def test_completing_a_meeting_also_proposes_its_unresolved_items_again(scene, superuser):
    """The one write with more than one kind of record: the transition, and
    for each patient carried over to the series' next meeting, its proposal."""
    owner = scene.token()
    first, _second = assert_status(scene.api.post("/api/v1/meeting-series", token=owner,
                                                   json=series_body(occurrences=2)), 201)["meetings"]
    scene.move(first["id"], "scheduled")
    item = scene.item(first["id"])
    scene.move(first["id"], "in_progress")
    assert_status(scene.api.request("PUT", decision_path(first["id"], item["id"]), token=owner, json=decision(
        responsible_clinician_id=scene.user_id("practitioner"), outcome="further_investigation",
        resolution="awaiting_investigation")), 200)
    completed = scene.api.post(f"/api/v1/meetings/{first['id']}/transitions", token=owner, json={"to": "completed"})
    assert_status(completed, 200)
    rows = records(superuser, completed)
    assert pairs(rows) == [("agenda.propose", "success"), ("meeting.transition", "success")], rows
    assert rows[0]["patient_id"] == item["patient"]["id"]


def test_a_wrong_current_password_that_locks_the_account_records_the_lock_too(scene, superuser, world):
    person = scene.person()
    for attempt in range(LOCKOUT_THRESHOLD - 1):
        assert_error(scene.sign_in(person["email"], f"wrong-{attempt}-{secrets.token_hex(4)}"), 401)
    response = scene.api.post("/api/v1/me/password", token=person["token"],
                              json={"current_password": "not-it-" + secrets.token_hex(4),
                                    "new_password": strong_password()})
    assert_error(response, 403)
    rows = records(superuser, response)
    assert pairs(rows) == [("account.lock", "success"), ("password.change", "failure")], rows
    assert (rows[0]["clinic_id"], rows[0]["resource_id"]) == (world.clinic_a, person["id"])
