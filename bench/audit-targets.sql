-- The audit cost part of bench/run.sh, run as the database superuser after
-- seed.sql: one session per bench practitioner, made here so that the
-- session check of pgbench-patient-read.sql passes for the whole run whatever
-- the HTTP part's sign-ins did, and the targets with their session.
-- psql variables:
--   app_role  the runtime login role, which must read bench_audit_targets
\set ON_ERROR_STOP on

CREATE TABLE bench_audit_targets (
  n integer PRIMARY KEY,
  clinic_id uuid NOT NULL,
  user_id uuid NOT NULL,
  session_id uuid NOT NULL,
  patient_id uuid NOT NULL
);

WITH bench_sessions AS (
  SELECT clinic_id, user_id, gen_random_uuid() AS id FROM bench_users
), made AS (
  INSERT INTO sessions (id, user_id, active_clinic_id, amr, idle_expires_at, absolute_expires_at, ip, user_agent)
  SELECT id, user_id, clinic_id, '{pwd}', now() + interval '1 day', now() + interval '1 day', '127.0.0.1', 'bench'
  FROM bench_sessions
)
INSERT INTO bench_audit_targets (n, clinic_id, user_id, session_id, patient_id)
SELECT t.n, t.clinic_id, t.user_id, s.id, t.patient_id
FROM bench_targets t JOIN bench_sessions s USING (clinic_id);

GRANT SELECT ON bench_audit_targets TO :"app_role";
VACUUM ANALYZE bench_audit_targets;
VACUUM ANALYZE sessions;
CHECKPOINT;
