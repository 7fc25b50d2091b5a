-- Decisions: one per agenda item, recorded while the meeting runs and signed
-- by its organiser. Every version is kept: a draft is edited in place until
-- it is signed; after that a change is a new version with its reason.

CREATE TYPE decision_outcome AS ENUM ('surgery', 'chemotherapy', 'radiotherapy', 'chemoradiotherapy',
  'systemic_therapy', 'surveillance', 'further_investigation', 'best_supportive_care', 'standard_of_care', 'other');
-- Deferred and awaiting-investigation items carry over to the series' next meeting.
CREATE TYPE decision_resolution AS ENUM ('resolved', 'deferred', 'awaiting_investigation');

-- The meeting roles that must be present for it to be quorate: one entry
-- per person needed, so {organiser,doctor,doctor} needs two doctors.
ALTER TABLE meetings ADD COLUMN core_roles meeting_role[] NOT NULL DEFAULT '{organiser,doctor}';

CREATE TABLE decision_versions (
  clinic_id uuid NOT NULL,
  agenda_item_id uuid NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  meeting_id uuid NOT NULL,
  patient_id uuid NOT NULL,
  outcome decision_outcome NOT NULL,
  outcome_detail text NOT NULL DEFAULT '' CHECK (length(outcome_detail) <= 2000),
  rationale text NOT NULL CHECK (length(rationale) BETWEEN 1 AND 10000),
  resolution decision_resolution NOT NULL DEFAULT 'resolved',
  present uuid[] NOT NULL,  -- the participants present when it was recorded
  quorate boolean NOT NULL,
  trial_considered boolean NOT NULL,
  trial_name text CHECK (length(trial_name) BETWEEN 1 AND 500),
  responsible_clinician_id uuid NOT NULL REFERENCES users (id),
  change_reason text CHECK (length(change_reason) BETWEEN 1 AND 2000),  -- from version 2 on
  recorded_by uuid NOT NULL REFERENCES users (id),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  signed_by uuid REFERENCES users (id),
  signed_at timestamptz,
  PRIMARY KEY (clinic_id, agenda_item_id, version),
  FOREIGN KEY (clinic_id, agenda_item_id) REFERENCES agenda_items (clinic_id, id),
  FOREIGN KEY (clinic_id, meeting_id) REFERENCES meetings (clinic_id, id),
  FOREIGN KEY (clinic_id, patient_id) REFERENCES patients (clinic_id, id),
  FOREIGN KEY (clinic_id, responsible_clinician_id) REFERENCES memberships (clinic_id, user_id),
  CHECK ((version = 1) = (change_reason IS NULL)),
  CHECK (trial_considered OR trial_name IS NULL),
  CHECK ((signed_by IS NULL) = (signed_at IS NULL))
);
CREATE INDEX decision_versions_patient_idx ON decision_versions (clinic_id, patient_id);

ALTER TABLE decision_versions ENABLE ROW LEVEL SECURITY;
ALTER TABLE decision_versions FORCE ROW LEVEL SECURITY;
CREATE POLICY decision_clinic ON decision_versions USING (clinic_id = app_clinic_id());

-- A signed version is never changed: the runtime role may only sign a draft.
CREATE FUNCTION decision_versions_signed_are_final() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.signed_at IS NOT NULL THEN
    RAISE EXCEPTION 'a signed decision version cannot change' USING ERRCODE = 'CS409';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER decision_versions_final BEFORE UPDATE ON decision_versions
  FOR EACH ROW EXECUTE FUNCTION decision_versions_signed_are_final();

GRANT SELECT, INSERT, UPDATE ON decision_versions TO consilium_runtime;
