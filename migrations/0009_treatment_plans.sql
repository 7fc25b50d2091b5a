-- Treatment plans: per patient, optionally from a decision, with a
-- responsible clinician; draft -> active -> completed (or stopped). Every
-- change is a new version; after completion the responsible clinician may
-- edit for the clinic's edit window (at most seven days), then the plan is
-- read-only and a correction is an addendum.

ALTER TABLE clinics ADD COLUMN plan_edit_window_days integer NOT NULL DEFAULT 7
  CHECK (plan_edit_window_days BETWEEN 0 AND 7);

CREATE TYPE plan_state AS ENUM ('draft', 'active', 'completed', 'stopped');

CREATE TABLE treatment_plans (
  clinic_id uuid NOT NULL,
  id uuid NOT NULL,
  patient_id uuid NOT NULL,
  decision_item_id uuid,  -- the agenda item whose decision it follows
  version integer NOT NULL DEFAULT 1,  -- the current version
  state plan_state NOT NULL DEFAULT 'draft',
  responsible_clinician_id uuid NOT NULL,
  completed_at timestamptz,
  created_by uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (clinic_id, id),
  FOREIGN KEY (clinic_id, patient_id) REFERENCES patients (clinic_id, id),
  FOREIGN KEY (clinic_id, decision_item_id) REFERENCES agenda_items (clinic_id, id),
  FOREIGN KEY (clinic_id, responsible_clinician_id) REFERENCES memberships (clinic_id, user_id),
  CHECK ((state = 'completed') = (completed_at IS NOT NULL))
);
CREATE INDEX treatment_plans_patient_idx ON treatment_plans (clinic_id, patient_id, created_at);

CREATE TABLE treatment_plan_versions (
  clinic_id uuid NOT NULL,
  plan_id uuid NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  state plan_state NOT NULL,
  responsible_clinician_id uuid NOT NULL,
  goals text NOT NULL CHECK (length(goals) BETWEEN 1 AND 10000),
  steps jsonb NOT NULL CHECK (jsonb_typeof(steps) = 'array'),
  start_date date,
  end_date date CHECK (end_date >= start_date),
  changed_by uuid NOT NULL REFERENCES users (id),
  changed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (clinic_id, plan_id, version),
  FOREIGN KEY (clinic_id, plan_id) REFERENCES treatment_plans (clinic_id, id)
);

CREATE TABLE treatment_plan_addenda (
  clinic_id uuid NOT NULL,
  plan_id uuid NOT NULL,
  id uuid NOT NULL,
  text text NOT NULL CHECK (length(text) BETWEEN 1 AND 10000),
  author_id uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (clinic_id, id),
  FOREIGN KEY (clinic_id, plan_id) REFERENCES treatment_plans (clinic_id, id)
);
CREATE INDEX treatment_plan_addenda_plan_idx ON treatment_plan_addenda (clinic_id, plan_id, created_at);

ALTER TABLE treatment_plans ENABLE ROW LEVEL SECURITY;
ALTER TABLE treatment_plans FORCE ROW LEVEL SECURITY;
CREATE POLICY plan_clinic ON treatment_plans USING (clinic_id = app_clinic_id());
ALTER TABLE treatment_plan_versions ENABLE ROW LEVEL SECURITY;
ALTER TABLE treatment_plan_versions FORCE ROW LEVEL SECURITY;
CREATE POLICY plan_version_clinic ON treatment_plan_versions USING (clinic_id = app_clinic_id());
ALTER TABLE treatment_plan_addenda ENABLE ROW LEVEL SECURITY;
ALTER TABLE treatment_plan_addenda FORCE ROW LEVEL SECURITY;
CREATE POLICY plan_addendum_clinic ON treatment_plan_addenda USING (clinic_id = app_clinic_id());

GRANT SELECT, INSERT, UPDATE ON treatment_plans TO consilium_runtime;
-- Versions and addenda are written once and never changed.
GRANT SELECT, INSERT ON treatment_plan_versions, treatment_plan_addenda TO consilium_runtime;
