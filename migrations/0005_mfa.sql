-- Multi-factor sign-in (TOTP) and the clinic settings that govern sign-in.

-- Clinic settings: whether members must sign in with a second factor, and
-- the shortest new password the clinic accepts (NIST SP 800-63B: never
-- below 8).
ALTER TABLE clinics
  ADD COLUMN mfa_required boolean NOT NULL DEFAULT false,
  ADD COLUMN min_password_length integer NOT NULL DEFAULT 12 CHECK (min_password_length BETWEEN 8 AND 128);

-- A person's TOTP authenticator. Like credentials, it belongs to the person,
-- not to a clinic. The seed is sealed with the server's secrets key (AES-256-GCM,
-- bound to user_id), so a database dump alone cannot mint codes.
CREATE TABLE mfa_totp (
  user_id uuid PRIMARY KEY REFERENCES users (id),
  secret_sealed text,                    -- NULL after an administrator's reset
  confirmed_at timestamptz,              -- NULL while enrolment awaits its first code
  last_used_step bigint NOT NULL DEFAULT 0,  -- a code is never accepted twice
  -- Once a person has used MFA, sign-in keeps asking for it: a reset means
  -- enrolling a new authenticator at the next sign-in, never going without.
  required boolean NOT NULL DEFAULT false,
  -- SHA-256 of each unused recovery code (120 random bits each, so a plain
  -- hash suffices: NIST SP 800-63B 5.1.2.2); a used code is removed.
  recovery_code_hashes text[] NOT NULL DEFAULT '{}',
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- The state between a correct password and the second factor: the opaque
-- token the client holds is stored only as its SHA-256 hash.
CREATE TABLE mfa_challenges (
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id),
  -- The clinic the person chose at the password step. Like a session, a
  -- challenge is the person's, not the clinic's.
  chosen_clinic_id uuid NOT NULL REFERENCES clinics (id),
  expires_at timestamptz NOT NULL,
  failed_attempts integer NOT NULL DEFAULT 0
);
CREATE INDEX mfa_challenges_user_idx ON mfa_challenges (user_id);

ALTER TABLE mfa_totp ENABLE ROW LEVEL SECURITY;
ALTER TABLE mfa_totp FORCE ROW LEVEL SECURITY;
CREATE POLICY mfa_sign_in ON mfa_totp USING (app_scope() = 'sign_in');
CREATE POLICY mfa_own ON mfa_totp USING (user_id = app_user_id());
-- An administrator resets a member's authenticator.
CREATE POLICY mfa_member ON mfa_totp USING (EXISTS (
  SELECT 1 FROM memberships m WHERE m.user_id = mfa_totp.user_id AND m.clinic_id = app_clinic_id()));

ALTER TABLE mfa_challenges ENABLE ROW LEVEL SECURITY;
ALTER TABLE mfa_challenges FORCE ROW LEVEL SECURITY;
CREATE POLICY challenge_sign_in ON mfa_challenges USING (app_scope() = 'sign_in');

GRANT SELECT, INSERT, UPDATE ON mfa_totp TO consilium_runtime;
-- Challenges are spent or expire; nothing about them is kept.
GRANT SELECT, INSERT, UPDATE, DELETE ON mfa_challenges TO consilium_runtime;

-- Switching clinic reads the settings of the clinic switched to: a person
-- may read the clinics they belong to.
CREATE POLICY clinic_member_read ON clinics FOR SELECT USING (EXISTS (
  SELECT 1 FROM memberships m WHERE m.clinic_id = clinics.id AND m.user_id = app_user_id()));

-- The second step of a sign-in spends its challenge in the transaction that
-- creates the session, in the person's clinic.
CREATE POLICY challenge_own ON mfa_challenges USING (user_id = app_user_id());
