-- Guessing defences: failed password attempts per person, and the lock they
-- lead to. Kept apart from credentials so that administrators can see and
-- lift a lock without any access to password hashes.
CREATE TABLE account_lockouts (
  user_id uuid PRIMARY KEY REFERENCES users (id),
  failed_attempts integer NOT NULL DEFAULT 0,
  locked_until timestamptz
);

ALTER TABLE account_lockouts ENABLE ROW LEVEL SECURITY;
ALTER TABLE account_lockouts FORCE ROW LEVEL SECURITY;
CREATE POLICY lockout_sign_in ON account_lockouts USING (app_scope() = 'sign_in');
CREATE POLICY lockout_member ON account_lockouts USING (EXISTS (
  SELECT 1 FROM memberships m WHERE m.user_id = account_lockouts.user_id AND m.clinic_id = app_clinic_id()));

GRANT SELECT, INSERT, UPDATE ON account_lockouts TO consilium_runtime;
