-- Files attached to a patient or to an agenda item (and so to its patient): imaging reports, pathology,
-- letters. The content lives encrypted in the file store (<file_store_dir>/<clinic_id>/<id>, the sealed
-- format of docs/decisions/0004, its data key's reference in its own header); the row holds what can be
-- listed. The name and the content's SHA-256 can identify a patient, so they are clinical text, sealed
-- together in clinical_text (keys::ClinicalText, place "files:<id>"). Files are never changed: no UPDATE.

CREATE TABLE files (
  clinic_id uuid NOT NULL,
  id uuid NOT NULL,
  patient_id uuid NOT NULL,
  agenda_item_id uuid,
  clinical_text bytea NOT NULL,  -- {"name", "sha256"} sealed
  content_type text NOT NULL CHECK (length(content_type) BETWEEN 1 AND 100),  -- detected, not claimed
  size_bytes bigint NOT NULL CHECK (size_bytes > 0),
  uploaded_by uuid NOT NULL REFERENCES users (id),
  uploaded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (clinic_id, id),
  FOREIGN KEY (clinic_id, patient_id) REFERENCES patients (clinic_id, id),
  FOREIGN KEY (clinic_id, agenda_item_id) REFERENCES agenda_items (clinic_id, id)
);
CREATE INDEX files_patient_idx ON files (clinic_id, patient_id, uploaded_at);
CREATE INDEX files_agenda_item_idx ON files (clinic_id, agenda_item_id, uploaded_at) WHERE agenda_item_id IS NOT NULL;

ALTER TABLE files ENABLE ROW LEVEL SECURITY;
ALTER TABLE files FORCE ROW LEVEL SECURITY;
CREATE POLICY file_clinic ON files USING (clinic_id = app_clinic_id());

GRANT SELECT, INSERT ON files TO consilium_runtime;
