-- The agenda: patients proposed for a meeting, each with a referral
-- proforma, pending until the organiser approves (with a position and a
-- triage) or rejects (with a reason).

CREATE TYPE agenda_state AS ENUM ('pending', 'approved', 'rejected');
-- NHS England, streamlining MDT meetings: an approved item is either
-- discussed in full or listed as standard of care (recorded, not discussed).
CREATE TYPE agenda_triage AS ENUM ('full_discussion', 'standard_of_care');

CREATE TABLE agenda_items (
  clinic_id uuid NOT NULL,
  id uuid NOT NULL,
  meeting_id uuid NOT NULL,
  patient_id uuid NOT NULL,
  proposed_by uuid NOT NULL REFERENCES users (id),
  state agenda_state NOT NULL DEFAULT 'pending',
  clinical_question text NOT NULL CHECK (length(clinical_question) BETWEEN 1 AND 2000),
  summary text NOT NULL CHECK (length(summary) BETWEEN 1 AND 10000),
  ecog smallint NOT NULL CHECK (ecog BETWEEN 0 AND 4),  -- performance status
  comorbidities text NOT NULL DEFAULT '' CHECK (length(comorbidities) <= 4000),
  investigations text NOT NULL DEFAULT '' CHECK (length(investigations) <= 4000),
  late boolean NOT NULL DEFAULT false,  -- proposed after the cut-off (by the organiser)
  position integer CHECK (position >= 1),
  triage agenda_triage,
  rejection_reason text CHECK (length(rejection_reason) BETWEEN 1 AND 2000),
  reviewed_by uuid REFERENCES users (id),
  reviewed_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (clinic_id, id),
  FOREIGN KEY (clinic_id, meeting_id) REFERENCES meetings (clinic_id, id),
  FOREIGN KEY (clinic_id, patient_id) REFERENCES patients (clinic_id, id),
  CHECK ((state = 'approved') = (position IS NOT NULL)),
  CHECK ((state = 'approved') = (triage IS NOT NULL)),
  CHECK ((state = 'rejected') = (rejection_reason IS NOT NULL)),
  -- Reordering moves several positions in one transaction.
  CONSTRAINT agenda_position_unique UNIQUE (clinic_id, meeting_id, position) DEFERRABLE INITIALLY DEFERRED
);
-- A patient is on a meeting's agenda (or waiting for it) at most once.
CREATE UNIQUE INDEX agenda_patient_once_idx ON agenda_items (clinic_id, meeting_id, patient_id)
  WHERE state IN ('pending', 'approved');
CREATE INDEX agenda_patient_idx ON agenda_items (clinic_id, patient_id);

ALTER TABLE agenda_items ENABLE ROW LEVEL SECURITY;
ALTER TABLE agenda_items FORCE ROW LEVEL SECURITY;
CREATE POLICY agenda_clinic ON agenda_items USING (clinic_id = app_clinic_id());

GRANT SELECT, INSERT, UPDATE ON agenda_items TO consilium_runtime;
