-- pgbench: GET /api/v1/patients/{id} as the server sends it to PostgreSQL
-- (db::InClinic, patients::GetPatient, security::Record), for the audit cost
-- part of bench/run.sh. Two switches (-D name=0|1):
--   audit     with the audit record (the INSERT of security::Record)
--   pipeline  in the server's two round trips: BEGIN, scope, session check
--             and SELECT in one pipeline; then the audit INSERT with COMMIT
--             (COMMIT alone without audit). With pipeline=0, one statement
--             per round trip.
-- The target (clinic, user, session, patient) is looked up first, outside
-- the transaction; see README.md. The server passes NULL parameters for the
-- fields a read leaves empty; pgbench has no NULL variables, so they are NULL
-- literals here. to_char's ':' are quoted ("":"") so that pgbench does not
-- read ":MI" as a variable; the output is the same.
\set n random(1, :ntargets)
\set rid random(1000000000000000, 9999999999999999)
SELECT clinic_id AS c, user_id AS u, session_id AS s, patient_id AS p FROM bench_audit_targets WHERE n = :n
\gset
\if :pipeline
\startpipeline
\endif
BEGIN;
SELECT set_config('app.clinic_id', :c, true), set_config('app.user_id', :u, true), set_config('app.session_id', :s, true), set_config('app.scope', 'clinic', true);
SELECT app_require_session();
SELECT p.id, p.mrn, p.family_name, p.given_name, p.birth_date::text, p.sex::text, p.version, to_char(p.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24":"MI":"SS.MS"Z"'), to_char(p.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24":"MI":"SS.MS"Z"'), p.status::text, p.merged_into_id, p.phone, p.email, p.address, (SELECT COALESCE(json_agg(json_build_object('system', i.system, 'value', i.value)   ORDER BY i.system, i.value), '[]') FROM patient_identifiers i   WHERE i.clinic_id = p.clinic_id AND i.patient_id = p.id AND i.removed_at IS NULL)::text FROM patients p WHERE p.clinic_id = :c AND p.id = :p;
\if :pipeline
\endpipeline
\startpipeline
\endif
\if :audit
INSERT INTO audit_events (clinic_id, actor_user_id, clinic_role, action, outcome, resource_type, resource_id, patient_id, before, after, detail, ip, user_agent, request_id, meeting_role, patient_ids) VALUES (:c, :u, 'practitioner', 'patient.read', 'success', 'patient', :p, :p, NULL, NULL, NULL, :ip, :ua, :rid, NULL::meeting_role, NULL::uuid[]);
\endif
COMMIT;
\if :pipeline
\endpipeline
\endif
