-- The rest of a patient's record: status, contact, other identifiers (each
-- with its system, unique per clinic), and merging duplicates: the merged
-- record stays, read-only, pointing at the survivor.

CREATE TYPE patient_status AS ENUM ('active', 'inactive', 'deceased', 'merged');

ALTER TABLE patients
  ADD COLUMN status patient_status NOT NULL DEFAULT 'active',
  ADD COLUMN merged_into_id uuid,
  ADD COLUMN phone text NOT NULL DEFAULT '' CHECK (length(phone) <= 40),
  ADD COLUMN email text NOT NULL DEFAULT '' CHECK (length(email) <= 254),
  ADD COLUMN address text NOT NULL DEFAULT '' CHECK (length(address) <= 500),
  ADD FOREIGN KEY (clinic_id, merged_into_id) REFERENCES patients (clinic_id, id),
  ADD CHECK ((status = 'merged') = (merged_into_id IS NOT NULL));

-- An identifier is removed by marking it, so that history stays and a merge
-- can move it; only current identifiers must be unique.
CREATE TABLE patient_identifiers (
  clinic_id uuid NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  patient_id uuid NOT NULL,
  system text NOT NULL CHECK (length(system) BETWEEN 1 AND 200),
  value text NOT NULL CHECK (length(value) BETWEEN 1 AND 100),
  added_at timestamptz NOT NULL DEFAULT now(),
  removed_at timestamptz,
  PRIMARY KEY (clinic_id, id),
  FOREIGN KEY (clinic_id, patient_id) REFERENCES patients (clinic_id, id)
);
CREATE UNIQUE INDEX patient_identifiers_current_idx ON patient_identifiers (clinic_id, system, value)
  WHERE removed_at IS NULL;
CREATE INDEX patient_identifiers_patient_idx ON patient_identifiers (clinic_id, patient_id);

ALTER TABLE patient_identifiers ENABLE ROW LEVEL SECURITY;
ALTER TABLE patient_identifiers FORCE ROW LEVEL SECURITY;
CREATE POLICY patient_identifier_clinic ON patient_identifiers USING (clinic_id = app_clinic_id());

GRANT SELECT, INSERT, UPDATE ON patient_identifiers TO consilium_runtime;
