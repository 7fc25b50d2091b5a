"""The demo clinic a first run creates has something to show: a weekly lung
tumour board whose first meeting is scheduled, with an agenda (two patients
approved, one waiting) and the demo nurse and guest invited."""
from client import assert_status


def test_the_demo_clinic_has_a_running_tumour_board(api, auth):
    token = auth.token("practitioner")
    listed = assert_status(api.get("/api/v1/meetings", token=token,
                                   params={"specialty": "lung", "limit": 100}), 200)["items"]
    board = [m for m in listed if m["title"] == "Lung tumour board" and m["series_id"]]
    series = {m["series_id"] for m in board}
    assert len(series) >= 1
    first = min((m for m in board if m["state"] == "scheduled"), key=lambda m: m["starts_at"])
    assert "participants" not in first, "lists leave participants out"
    first = assert_status(api.get(f"/api/v1/meetings/{first['id']}", token=token), 200)
    roles = {p["display_name"]: p["meeting_role"] for p in first["participants"]}
    assert roles == {"Demo practitioner": "organiser", "Demo nurse": "nurse", "Demo guest": "guest"}
    agenda = assert_status(api.get(f"/api/v1/meetings/{first['id']}/agenda", token=token), 200)["items"]
    assert [(i["position"], i["triage"]) for i in agenda] == [(1, "full_discussion"), (2, "standard_of_care")]
    waiting = assert_status(api.get(f"/api/v1/meetings/{first['id']}/proposals", token=token), 200)["items"]
    assert [i["state"] for i in waiting] == ["pending"]
    guest_view = assert_status(api.get(f"/api/v1/meetings/{first['id']}/agenda", token=auth.token("guest")),
                               200)["items"]
    assert len(guest_view) == 2 and "mrn" not in guest_view[0]["patient"]
