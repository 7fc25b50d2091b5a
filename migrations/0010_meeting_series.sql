-- Recurring meetings (e.g. the weekly lung tumour board): a series made
-- from a rule, its meetings generated at the same local time in the
-- series' time zone; unresolved agenda items carry over to the next one.

CREATE TABLE meeting_series (
  clinic_id uuid NOT NULL REFERENCES clinics (id),
  id uuid NOT NULL,
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  specialty text NOT NULL CHECK (length(specialty) BETWEEN 1 AND 100),
  time_zone text NOT NULL CHECK (length(time_zone) BETWEEN 1 AND 64),
  first_starts_at timestamptz NOT NULL,
  duration_minutes integer NOT NULL CHECK (duration_minutes BETWEEN 5 AND 720),
  interval_weeks integer NOT NULL CHECK (interval_weeks BETWEEN 1 AND 4),
  occurrences integer NOT NULL CHECK (occurrences BETWEEN 1 AND 52),
  cutoff_hours integer NOT NULL CHECK (cutoff_hours BETWEEN 0 AND 336),
  created_by uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (clinic_id, id)
);

ALTER TABLE meetings ADD COLUMN series_id uuid;
ALTER TABLE meetings ADD FOREIGN KEY (clinic_id, series_id) REFERENCES meeting_series (clinic_id, id);
CREATE INDEX meetings_series_idx ON meetings (clinic_id, series_id, starts_at);

ALTER TABLE agenda_items ADD COLUMN carried_from_item_id uuid;
ALTER TABLE agenda_items ADD FOREIGN KEY (clinic_id, carried_from_item_id) REFERENCES agenda_items (clinic_id, id);

ALTER TABLE meeting_series ENABLE ROW LEVEL SECURITY;
ALTER TABLE meeting_series FORCE ROW LEVEL SECURITY;
CREATE POLICY meeting_series_clinic ON meeting_series USING (clinic_id = app_clinic_id());

GRANT SELECT, INSERT ON meeting_series TO consilium_runtime;
