-- MDT meetings: the meeting, its state history, and its participants with
-- their meeting roles (DESIGN.md §1-2). A seventh clinic role, 'guest', is
-- for invited outside specialists (docs/decisions/0003).

ALTER TYPE clinic_role ADD VALUE 'guest';

CREATE TYPE meeting_state AS ENUM ('draft', 'scheduled', 'in_progress', 'completed', 'cancelled');
CREATE TYPE meeting_role AS ENUM ('organiser', 'doctor', 'nurse', 'guest');

CREATE TABLE meetings (
  clinic_id uuid NOT NULL REFERENCES clinics (id),
  id uuid NOT NULL,
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  specialty text NOT NULL CHECK (length(specialty) BETWEEN 1 AND 100),
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  location text CHECK (length(location) <= 200),
  online_link text CHECK (length(online_link) <= 2000),
  -- Proposals after this need the organiser.
  proposal_cutoff_at timestamptz NOT NULL,
  state meeting_state NOT NULL DEFAULT 'draft',
  version integer NOT NULL DEFAULT 1,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (clinic_id, id),
  CHECK (ends_at > starts_at),
  CHECK (proposal_cutoff_at <= starts_at)
);
CREATE INDEX meetings_time_idx ON meetings (clinic_id, starts_at, id);

-- Every change of state: who, when, from, to. Never updated.
CREATE TABLE meeting_transitions (
  clinic_id uuid NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  meeting_id uuid NOT NULL,
  from_state meeting_state NOT NULL,
  to_state meeting_state NOT NULL,
  actor_user_id uuid NOT NULL REFERENCES users (id),
  occurred_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (clinic_id, id),
  FOREIGN KEY (clinic_id, meeting_id) REFERENCES meetings (clinic_id, id)
);
CREATE INDEX meeting_transitions_meeting_idx ON meeting_transitions (clinic_id, meeting_id, id);

-- A participant is a member of the clinic; removing one keeps the row.
CREATE TABLE meeting_participants (
  clinic_id uuid NOT NULL,
  meeting_id uuid NOT NULL,
  user_id uuid NOT NULL,
  meeting_role meeting_role NOT NULL,
  attended boolean,  -- NULL until attendance is taken
  added_at timestamptz NOT NULL DEFAULT now(),
  removed_at timestamptz,
  PRIMARY KEY (clinic_id, meeting_id, user_id),
  FOREIGN KEY (clinic_id, meeting_id) REFERENCES meetings (clinic_id, id),
  FOREIGN KEY (clinic_id, user_id) REFERENCES memberships (clinic_id, user_id)
);
CREATE INDEX meeting_participants_user_idx ON meeting_participants (clinic_id, user_id);

ALTER TABLE meetings ENABLE ROW LEVEL SECURITY;
ALTER TABLE meetings FORCE ROW LEVEL SECURITY;
CREATE POLICY meeting_clinic ON meetings USING (clinic_id = app_clinic_id());

ALTER TABLE meeting_transitions ENABLE ROW LEVEL SECURITY;
ALTER TABLE meeting_transitions FORCE ROW LEVEL SECURITY;
CREATE POLICY meeting_transition_clinic ON meeting_transitions USING (clinic_id = app_clinic_id());

ALTER TABLE meeting_participants ENABLE ROW LEVEL SECURITY;
ALTER TABLE meeting_participants FORCE ROW LEVEL SECURITY;
CREATE POLICY meeting_participant_clinic ON meeting_participants USING (clinic_id = app_clinic_id());

GRANT SELECT, INSERT, UPDATE ON meetings, meeting_participants TO consilium_runtime;
GRANT SELECT, INSERT ON meeting_transitions TO consilium_runtime;
