-- Foundation schema: clinics, people, memberships, patients, audit events.
-- Runs as the owner role. The runtime role (named by the migrator as
-- :app_role via the consilium_app_role() function below) owns nothing.
-- Every table holding clinic data has clinic_id first in its key and a
-- row-level security policy on the clinic set in the transaction.

CREATE EXTENSION IF NOT EXISTS citext;

-- The acting clinic and user are set per transaction by the server with
-- set_config(..., true). Unset means NULL, which matches no row.
CREATE FUNCTION app_clinic_id() RETURNS uuid LANGUAGE sql STABLE AS
  $$ SELECT NULLIF(current_setting('app.clinic_id', true), '')::uuid $$;
CREATE FUNCTION app_user_id() RETURNS uuid LANGUAGE sql STABLE AS
  $$ SELECT NULLIF(current_setting('app.user_id', true), '')::uuid $$;
-- 'sign_in' only on the sign-in path, which must find a person before any
-- clinic is known.
CREATE FUNCTION app_scope() RETURNS text LANGUAGE sql STABLE AS
  $$ SELECT COALESCE(current_setting('app.scope', true), '') $$;

CREATE TABLE clinics (
  id uuid PRIMARY KEY,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  created_at timestamptz NOT NULL DEFAULT now()
);

-- A person's sign-in identity is global, not per clinic.
CREATE TABLE users (
  id uuid PRIMARY KEY,
  email citext NOT NULL UNIQUE CHECK (length(email) BETWEEN 3 AND 254),
  display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
  disabled boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Kept apart from users so that no clinic-scoped query can ever read a hash.
CREATE TABLE credentials (
  user_id uuid PRIMARY KEY REFERENCES users (id),
  password_hash text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TYPE clinic_role AS ENUM ('owner', 'admin', 'practitioner', 'nurse', 'front_desk', 'read_only');

CREATE TABLE memberships (
  clinic_id uuid NOT NULL REFERENCES clinics (id),
  user_id uuid NOT NULL REFERENCES users (id),
  role clinic_role NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (clinic_id, user_id)
);
CREATE INDEX memberships_user_idx ON memberships (user_id);

CREATE TYPE patient_sex AS ENUM ('female', 'male', 'other', 'unknown');

CREATE TABLE patients (
  clinic_id uuid NOT NULL REFERENCES clinics (id),
  id uuid NOT NULL,
  mrn text NOT NULL CHECK (length(mrn) BETWEEN 1 AND 64),
  family_name text NOT NULL CHECK (length(family_name) BETWEEN 1 AND 200),
  given_name text NOT NULL CHECK (length(given_name) <= 200),
  birth_date date NOT NULL,
  sex patient_sex NOT NULL,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (clinic_id, id),
  UNIQUE (clinic_id, mrn)
);
-- Name-prefix search and the list order (family, given, id).
CREATE INDEX patients_family_idx ON patients (clinic_id, lower(family_name) text_pattern_ops, lower(given_name), id);
CREATE INDEX patients_given_idx ON patients (clinic_id, lower(given_name) text_pattern_ops);
CREATE INDEX patients_birth_idx ON patients (clinic_id, birth_date);

CREATE TABLE audit_events (
  clinic_id uuid NOT NULL REFERENCES clinics (id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  occurred_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  actor_user_id uuid,
  clinic_role clinic_role,
  action text NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('success', 'denied', 'not_found', 'failure')),
  resource_type text NOT NULL,
  resource_id uuid,
  patient_id uuid,
  before jsonb,
  after jsonb,
  detail jsonb,
  ip inet,
  user_agent text,
  request_id text,
  PRIMARY KEY (clinic_id, id)
);
CREATE INDEX audit_events_patient_idx ON audit_events (clinic_id, patient_id, occurred_at);

-- Row-level security: enabled and forced (so even the owner obeys it).
ALTER TABLE clinics ENABLE ROW LEVEL SECURITY;
ALTER TABLE clinics FORCE ROW LEVEL SECURITY;
CREATE POLICY clinic_self ON clinics USING (id = app_clinic_id());
-- At sign-in a person sees the names of the clinics they belong to.
CREATE POLICY clinic_sign_in ON clinics FOR SELECT USING (
  app_scope() = 'sign_in' AND EXISTS (
    SELECT 1 FROM memberships m WHERE m.clinic_id = clinics.id AND m.user_id = app_user_id()));

ALTER TABLE memberships ENABLE ROW LEVEL SECURITY;
ALTER TABLE memberships FORCE ROW LEVEL SECURITY;
CREATE POLICY membership_clinic ON memberships USING (clinic_id = app_clinic_id());
CREATE POLICY membership_sign_in ON memberships FOR SELECT USING (
  app_scope() = 'sign_in' AND user_id = app_user_id());

-- A clinic sees a person only through a membership in it.
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
ALTER TABLE users FORCE ROW LEVEL SECURITY;
CREATE POLICY user_sign_in ON users FOR SELECT USING (app_scope() = 'sign_in');
CREATE POLICY user_member ON users FOR SELECT USING (EXISTS (
  SELECT 1 FROM memberships m WHERE m.user_id = users.id AND m.clinic_id = app_clinic_id()));
CREATE POLICY user_update_member ON users FOR UPDATE USING (EXISTS (
  SELECT 1 FROM memberships m WHERE m.user_id = users.id AND m.clinic_id = app_clinic_id()));
-- Creating a person reveals nothing; the membership that follows is clinic-scoped.
CREATE POLICY user_insert ON users FOR INSERT WITH CHECK (app_clinic_id() IS NOT NULL);

ALTER TABLE credentials ENABLE ROW LEVEL SECURITY;
ALTER TABLE credentials FORCE ROW LEVEL SECURITY;
CREATE POLICY credential_sign_in ON credentials USING (app_scope() = 'sign_in');
CREATE POLICY credential_insert ON credentials FOR INSERT WITH CHECK (app_clinic_id() IS NOT NULL);

ALTER TABLE patients ENABLE ROW LEVEL SECURITY;
ALTER TABLE patients FORCE ROW LEVEL SECURITY;
CREATE POLICY patient_clinic ON patients USING (clinic_id = app_clinic_id());

ALTER TABLE audit_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_events FORCE ROW LEVEL SECURITY;
CREATE POLICY audit_clinic_read ON audit_events FOR SELECT USING (clinic_id = app_clinic_id());
CREATE POLICY audit_clinic_write ON audit_events FOR INSERT WITH CHECK (clinic_id = app_clinic_id());

-- The runtime login role is a member of consilium_runtime (created by the
-- set-up, see docs/operations.md): it may read and write rows, never delete
-- them, never change the schema, and may only append audit events.
GRANT USAGE ON SCHEMA public TO consilium_runtime;
GRANT SELECT, INSERT, UPDATE ON clinics, users, credentials, memberships, patients TO consilium_runtime;
GRANT SELECT, INSERT ON audit_events TO consilium_runtime;
