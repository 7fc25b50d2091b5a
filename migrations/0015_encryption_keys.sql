-- Envelope encryption of clinical free text and files (docs/decisions/0005-key-hierarchy.md).
-- The database holds wrapped keys only: a clinic key is wrapped by the root key (a key file or an HSM,
-- never here), a patient key by its clinic key, and every object's data key by its patient key inside the
-- object's own header. A dump or backup alone therefore opens nothing; destroying a patient's key
-- (crypto-shredding) makes every copy of that patient's clinical text unreadable, backups included.

CREATE TABLE clinic_keys (
  clinic_id uuid NOT NULL REFERENCES clinics (id),
  version integer NOT NULL CHECK (version >= 1),
  root_key_version integer NOT NULL CHECK (root_key_version >= 1),
  wrapped_key bytea NOT NULL CHECK (length(wrapped_key) = 61),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (clinic_id, version)
);

CREATE TABLE patient_keys (
  clinic_id uuid NOT NULL,
  patient_id uuid NOT NULL,
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  clinic_key_version integer NOT NULL,
  wrapped_key bytea CHECK (length(wrapped_key) = 61),  -- NULL once destroyed
  created_at timestamptz NOT NULL DEFAULT now(),
  destroyed_at timestamptz,
  PRIMARY KEY (clinic_id, patient_id, version),
  FOREIGN KEY (clinic_id, patient_id) REFERENCES patients (clinic_id, id),
  FOREIGN KEY (clinic_id, clinic_key_version) REFERENCES clinic_keys (clinic_id, version),
  CHECK ((wrapped_key IS NULL) = (destroyed_at IS NOT NULL))
);
-- Rotation finds the patient keys still wrapped under an older clinic key version.
CREATE INDEX patient_keys_clinic_key_idx ON patient_keys (clinic_id, clinic_key_version);

ALTER TABLE clinic_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE clinic_keys FORCE ROW LEVEL SECURITY;
CREATE POLICY clinic_key_clinic ON clinic_keys USING (clinic_id = app_clinic_id());
ALTER TABLE patient_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE patient_keys FORCE ROW LEVEL SECURITY;
CREATE POLICY patient_key_clinic ON patient_keys USING (clinic_id = app_clinic_id());
-- The background re-wrapping job lists the clinics, then works in each one's own scope.
CREATE POLICY clinic_key_job ON clinics FOR SELECT USING (app_scope() = 'key_job');

-- Keys are re-wrapped in place (rotation) and destroyed in place (erasure), never deleted.
GRANT SELECT, INSERT ON clinic_keys, patient_keys TO consilium_runtime;
GRANT UPDATE (root_key_version, wrapped_key) ON clinic_keys TO consilium_runtime;
GRANT UPDATE (clinic_key_version, wrapped_key, destroyed_at) ON patient_keys TO consilium_runtime;

-- Clinical free text moves into one sealed value per row (`clinical_text`: the row's text fields as a
-- JSON object, sealed). The old text columns stay for rows written before this migration and are
-- written no more.
ALTER TABLE agenda_items ADD COLUMN clinical_text bytea,
  ALTER COLUMN clinical_question DROP NOT NULL, ALTER COLUMN summary DROP NOT NULL,
  ALTER COLUMN comorbidities DROP NOT NULL, ALTER COLUMN comorbidities DROP DEFAULT,
  ALTER COLUMN investigations DROP NOT NULL, ALTER COLUMN investigations DROP DEFAULT,
  ADD CHECK (clinical_text IS NOT NULL OR (clinical_question IS NOT NULL AND summary IS NOT NULL));
ALTER TABLE decision_versions ADD COLUMN clinical_text bytea,
  ALTER COLUMN rationale DROP NOT NULL, ALTER COLUMN outcome_detail DROP NOT NULL,
  ALTER COLUMN outcome_detail DROP DEFAULT,
  ADD CHECK (clinical_text IS NOT NULL OR rationale IS NOT NULL);
ALTER TABLE treatment_plan_versions ADD COLUMN clinical_text bytea,
  ALTER COLUMN goals DROP NOT NULL, ALTER COLUMN steps DROP NOT NULL,
  ADD CHECK (clinical_text IS NOT NULL OR (goals IS NOT NULL AND steps IS NOT NULL));
ALTER TABLE treatment_plan_addenda ADD COLUMN clinical_text bytea,
  ALTER COLUMN text DROP NOT NULL,
  ADD CHECK (clinical_text IS NOT NULL OR text IS NOT NULL);
