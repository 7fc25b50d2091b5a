-- Bench data, run by bench/run.sh as the database superuser (which bypasses
-- row-level security). Expects bench_users (n, clinic_id, user_id): one
-- practitioner per bench clinic, made beforehand. psql variables:
--   per_clinic  patients per clinic (10000)
--   sample      how many patients the load generators pick from (20000)
--   app_role    the runtime login role, which must read bench_targets
\set ON_ERROR_STOP on

INSERT INTO patients (clinic_id, id, mrn, family_name, given_name, birth_date, sex)
SELECT u.clinic_id,
       gen_random_uuid(),
       'B' || lpad(g::text, 8, '0'),
       (ARRAY['Smith','Johnson','Williams','Brown','Jones','Garcia','Miller','Davis',
              'Martin','Bernard','Dubois','Moreau','Laurent','Simon','Michel','Lefebvre',
              'Rossi','Russo','Ferrari','Esposito','Muller','Schmidt','Schneider','Fischer'])
         [1 + floor(random() * 24)::int] || '-' || substr(md5(random()::text), 1, 6),
       (ARRAY['Anna','Ben','Clara','David','Emma','Felix','Grace','Hugo','Ines','Jonas',
              'Karin','Leo','Mia','Noah','Olga','Paul'])[1 + floor(random() * 16)::int],
       date '1930-01-01' + floor(random() * 33000)::int,
       'unknown'
FROM bench_users u
CROSS JOIN generate_series(1, :per_clinic) AS g;

-- The sample the load generators draw from, numbered 1..n for pgbench.
CREATE TABLE bench_targets (
  n integer PRIMARY KEY,
  clinic_id uuid NOT NULL,
  user_id uuid NOT NULL,
  patient_id uuid NOT NULL
);
INSERT INTO bench_targets (n, clinic_id, user_id, patient_id)
SELECT row_number() OVER (), s.clinic_id, u.user_id, s.id
FROM (SELECT p.clinic_id, p.id
      FROM patients p JOIN bench_users b ON b.clinic_id = p.clinic_id
      ORDER BY random()
      LIMIT :sample) AS s
JOIN bench_users u ON u.clinic_id = s.clinic_id;

GRANT SELECT ON bench_targets TO :"app_role";

VACUUM ANALYZE patients;
VACUUM ANALYZE bench_targets;
VACUUM ANALYZE audit_events;
CHECKPOINT;

SELECT (SELECT count(*) FROM patients p JOIN bench_users b USING (clinic_id)) AS patients,
       (SELECT count(*) FROM bench_targets) AS targets;
