-- The audit trail a governance review can trust (docs/audit.md):
--  * partitioned by month, so that retention drops whole months;
--  * append-only for every role: triggers refuse UPDATE, DELETE and TRUNCATE;
--    only the retention job, run as the owner, drops partitions, and only
--    those past the retention period (never under six years);
--  * sealed into a hash chain per clinic (audit_seals) by the server's sealer.

ALTER TABLE audit_events RENAME TO audit_events_unpartitioned;
ALTER INDEX audit_events_patient_idx RENAME TO audit_events_unpartitioned_patient_idx;
DROP POLICY audit_clinic_read ON audit_events_unpartitioned;
DROP POLICY audit_clinic_write ON audit_events_unpartitioned;

-- No foreign key to clinics: every insert would lock its clinic's row
-- (shared, yet written to), and row-level security already holds the clinic
-- to the one in the verified token.
CREATE TABLE audit_events (
  clinic_id uuid NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  occurred_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  actor_user_id uuid,
  clinic_role clinic_role,
  meeting_role meeting_role,
  action text NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('success', 'denied', 'not_found', 'failure')),
  resource_type text NOT NULL,
  resource_id uuid,
  patient_id uuid,
  -- The patients a list or search returned, each one accessed.
  patient_ids uuid[],
  before jsonb,
  after jsonb,
  detail jsonb,
  ip inet,
  user_agent text,
  request_id text,
  -- Also the review's order (newest first) and the sealer's.
  PRIMARY KEY (clinic_id, occurred_at, id)
) PARTITION BY RANGE (occurred_at);
-- As few indexes as the review needs: each one is written by every request.
CREATE INDEX audit_events_patient_idx ON audit_events (clinic_id, patient_id, occurred_at) WHERE patient_id IS NOT NULL;
CREATE INDEX audit_events_listed_idx ON audit_events USING gin (patient_ids) WHERE patient_ids IS NOT NULL;
CREATE INDEX audit_events_actor_idx ON audit_events (clinic_id, actor_user_id, occurred_at);

-- The chain: position n of a clinic's chain seals one record.
--   digest = SHA-256(canonical record), chain = SHA-256(chain(n-1) || digest)
-- Partitioned like the records, by the sealed record's time.
CREATE TABLE audit_seals (
  clinic_id uuid NOT NULL,
  position bigint NOT NULL CHECK (position > 0),
  event_id bigint NOT NULL,
  event_occurred_at timestamptz NOT NULL,
  digest bytea NOT NULL CHECK (length(digest) = 32),
  chain bytea NOT NULL CHECK (length(chain) = 32),
  sealed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (clinic_id, position, event_occurred_at)
) PARTITION BY RANGE (event_occurred_at);
CREATE INDEX audit_seals_event_idx ON audit_seals (clinic_id, event_occurred_at, event_id);

CREATE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the audit trail is append-only (% on %)', TG_OP, TG_TABLE_NAME USING ERRCODE = 'CS403';
END $$;

-- Creates the month's partitions of both tables, with their triggers (row
-- triggers are inherited from the parent; TRUNCATE triggers are not). A
-- partition has row-level security without policies: reached directly, it
-- shows and takes nothing; through its parent, the parent's policies apply.
CREATE FUNCTION audit_ensure_month(month date) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  first date := date_trunc('month', month);
  next date := first + interval '1 month';
  suffix text := to_char(first, 'YYYYMM');
  parent text;
BEGIN
  FOREACH parent IN ARRAY ARRAY['audit_events', 'audit_seals'] LOOP
    IF to_regclass(parent || '_' || suffix) IS NULL THEN
      EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)',
                     parent || '_' || suffix, parent, first::timestamptz, next::timestamptz);
      EXECUTE format('CREATE TRIGGER audit_append_only_truncate BEFORE TRUNCATE ON %I '
                     'FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change()', parent || '_' || suffix);
      EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', parent || '_' || suffix);
      EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', parent || '_' || suffix);
    END IF;
  END LOOP;
END $$;

-- This month and the next few, so that an insert never finds no partition.
CREATE FUNCTION audit_ensure_partitions(months_ahead int) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  FOR i IN 0..months_ahead LOOP
    PERFORM audit_ensure_month((now() + make_interval(months => i))::date);
  END LOOP;
END $$;

DO $$
DECLARE
  month date;
BEGIN
  FOR month IN
    SELECT generate_series(date_trunc('month', COALESCE(min(occurred_at), now())), now(), interval '1 month')::date
    FROM audit_events_unpartitioned
  LOOP
    PERFORM audit_ensure_month(month);
  END LOOP;
  PERFORM audit_ensure_partitions(3);
END $$;

INSERT INTO audit_events (clinic_id, id, occurred_at, actor_user_id, clinic_role, meeting_role, action, outcome,
                          resource_type, resource_id, patient_id, before, after, detail, ip, user_agent, request_id)
OVERRIDING SYSTEM VALUE
SELECT clinic_id, id, occurred_at, actor_user_id, clinic_role, meeting_role, action, outcome, resource_type,
       resource_id, patient_id, before, after, detail, ip, user_agent, request_id
FROM audit_events_unpartitioned ORDER BY id;
SELECT setval(pg_get_serial_sequence('audit_events', 'id'),
              (SELECT COALESCE(max(id), 0) + 1 FROM audit_events_unpartitioned), false);
DROP TABLE audit_events_unpartitioned;

CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_append_only_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit_seals
  FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_append_only_truncate BEFORE TRUNCATE ON audit_seals
  FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();

-- A clinic reads and appends its own records. The sealer (scope
-- 'audit_sealer') reads every clinic's records and appends seals; it can
-- change nothing either.
ALTER TABLE audit_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_events FORCE ROW LEVEL SECURITY;
CREATE POLICY audit_clinic_read ON audit_events FOR SELECT USING (clinic_id = app_clinic_id());
CREATE POLICY audit_clinic_write ON audit_events FOR INSERT WITH CHECK (clinic_id = app_clinic_id());
CREATE POLICY audit_sealer_read ON audit_events FOR SELECT USING (app_scope() = 'audit_sealer');
ALTER TABLE audit_seals ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_seals FORCE ROW LEVEL SECURITY;
CREATE POLICY seal_clinic_read ON audit_seals FOR SELECT USING (clinic_id = app_clinic_id());
CREATE POLICY seal_sealer_read ON audit_seals FOR SELECT USING (app_scope() = 'audit_sealer');
CREATE POLICY seal_sealer_write ON audit_seals FOR INSERT WITH CHECK (app_scope() = 'audit_sealer');
CREATE POLICY clinic_audit_sealer ON clinics FOR SELECT USING (app_scope() = 'audit_sealer');

GRANT SELECT, INSERT ON audit_events, audit_seals TO consilium_runtime;

-- The retention job (`consilium audit retention`, and daily in the server),
-- run as the owner: drops the months wholly older than the retention period,
-- both the records and their seals, and records in each clinic what it
-- dropped, with the chain values the remaining seals continue from.
CREATE FUNCTION audit_drop_expired(retention_years int) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  cutoff timestamptz;
  part record;
  dropped text[] := '{}';
  clinic record;
BEGIN
  IF retention_years IS NULL OR retention_years < 6 THEN
    RAISE EXCEPTION 'audit records are kept at least six years' USING ERRCODE = 'CS400';
  END IF;
  cutoff := date_trunc('month', now() - make_interval(years => retention_years));
  PERFORM set_config('app.scope', 'audit_sealer', true);
  FOR part IN
    SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
    WHERE i.inhparent = 'audit_events'::regclass AND c.relname ~ '^audit_events_[0-9]{6}$'
      AND to_date(right(c.relname, 6), 'YYYYMM') + interval '1 month' <= cutoff
    ORDER BY c.relname
  LOOP
    dropped := dropped || part.relname;
  END LOOP;
  IF cardinality(dropped) = 0 THEN
    RETURN jsonb_build_object('cutoff', cutoff, 'dropped', '[]'::jsonb);
  END IF;
  FOR clinic IN
    SELECT c.id,
           (SELECT count(*) FROM audit_events e WHERE e.clinic_id = c.id AND e.occurred_at < cutoff) AS records,
           (SELECT COALESCE(jsonb_object_agg(s.position::text, encode(s.chain, 'hex')), '{}'::jsonb)
              FROM audit_seals s
             WHERE s.clinic_id = c.id AND s.event_occurred_at < cutoff AND EXISTS (
               SELECT 1 FROM audit_seals n WHERE n.clinic_id = s.clinic_id AND n.position = s.position + 1
                 AND n.event_occurred_at >= cutoff)) AS anchors
    FROM clinics c
  LOOP
    PERFORM set_config('app.clinic_id', clinic.id::text, true);
    INSERT INTO audit_events (clinic_id, action, outcome, resource_type, detail, request_id)
    VALUES (clinic.id, 'audit.retention', 'success', 'audit_trail',
            jsonb_build_object('retention_years', retention_years, 'cutoff', cutoff, 'partitions', to_jsonb(dropped),
                               'records_dropped', clinic.records, 'anchors', clinic.anchors),
            'retention');
  END LOOP;
  PERFORM set_config('app.clinic_id', '', true);
  FOR i IN 1..cardinality(dropped) LOOP
    EXECUTE format('DROP TABLE %I', dropped[i]);
    EXECUTE format('DROP TABLE IF EXISTS %I', 'audit_seals_' || right(dropped[i], 6));
  END LOOP;
  RETURN jsonb_build_object('cutoff', cutoff, 'dropped', to_jsonb(dropped));
END $$;

-- Functions are executable by everyone unless revoked: these are the owner's.
REVOKE EXECUTE ON FUNCTION audit_drop_expired(int), audit_ensure_partitions(int), audit_ensure_month(date)
  FROM PUBLIC;
