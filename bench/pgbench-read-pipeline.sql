-- pgbench: the same transaction as pgbench-read.sql, sent in one libpq
-- pipeline (one round trip for the five statements). The random target is
-- looked up first, outside the pipeline; see README.md.
\set n random(1, :ntargets)
\set rid random(1, 2000000000)
SELECT clinic_id AS c, user_id AS u, patient_id AS p FROM bench_targets WHERE n = :n
\gset
\startpipeline
BEGIN;
SELECT set_config('app.clinic_id', :c, true), set_config('app.user_id', :u, true);
SELECT id, mrn, family_name, given_name, birth_date, sex, version, created_at, updated_at FROM patients WHERE clinic_id = :c AND id = :p;
INSERT INTO audit_events (clinic_id, actor_user_id, clinic_role, action, outcome, resource_type, resource_id, patient_id, ip, user_agent, request_id) VALUES (:c, :u, 'practitioner', 'patient.read', 'success', 'patient', :p, :p, :ip, :ua, :rid);
COMMIT;
\endpipeline
