-- Sessions: what a sign-in creates, what refresh tokens extend and what
-- revocation ends. Every authenticated request checks its session in the
-- same transaction as its work (app_require_session), so a revoked session
-- or a disabled person is refused on the very next request.

CREATE FUNCTION app_session_id() RETURNS uuid LANGUAGE sql STABLE AS
  $$ SELECT NULLIF(current_setting('app.session_id', true), '')::uuid $$;

CREATE TABLE sessions (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id),
  -- A session is a person's, not a clinic's (like users): it works in one of
  -- their clinics at a time, and moves when they switch.
  active_clinic_id uuid NOT NULL REFERENCES clinics (id),
  amr text[] NOT NULL,                              -- authentication methods used, e.g. {pwd}
  created_at timestamptz NOT NULL DEFAULT now(),
  idle_expires_at timestamptz NOT NULL,             -- moved forward by each refresh
  absolute_expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  revoke_reason text,
  ip inet,
  user_agent text
);
CREATE INDEX sessions_user_idx ON sessions (user_id);
CREATE INDEX sessions_clinic_idx ON sessions (active_clinic_id);

-- Refresh tokens are stored only as SHA-256 hashes; each is used once.
CREATE TABLE refresh_tokens (
  token_hash text PRIMARY KEY,
  session_id uuid NOT NULL REFERENCES sessions (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  used_at timestamptz
);
CREATE INDEX refresh_tokens_session_idx ON refresh_tokens (session_id);

ALTER TABLE sessions ENABLE ROW LEVEL SECURITY;
ALTER TABLE sessions FORCE ROW LEVEL SECURITY;
-- Sign-in and refresh find sessions before any clinic is in force.
CREATE POLICY session_sign_in ON sessions USING (app_scope() = 'sign_in');
-- A request sees its own session, a person their own sessions, and a clinic
-- the sessions working in it (for administrators to revoke).
CREATE POLICY session_self ON sessions FOR SELECT USING (id = app_session_id());
CREATE POLICY session_owner ON sessions USING (user_id = app_user_id());
CREATE POLICY session_clinic ON sessions USING (active_clinic_id = app_clinic_id());

ALTER TABLE refresh_tokens ENABLE ROW LEVEL SECURITY;
ALTER TABLE refresh_tokens FORCE ROW LEVEL SECURITY;
CREATE POLICY refresh_sign_in ON refresh_tokens USING (app_scope() = 'sign_in');
-- Issuing and rotating happen in the clinic transaction that records them.
CREATE POLICY refresh_own ON refresh_tokens USING (EXISTS (
  SELECT 1 FROM sessions s WHERE s.id = refresh_tokens.session_id AND s.user_id = app_user_id()));

-- Switching clinic: a person may read their own memberships in any clinic.
CREATE POLICY membership_self ON memberships FOR SELECT USING (user_id = app_user_id());

-- Raises SQLSTATE CS401 unless the transaction's session is active and its
-- person enabled; the server maps CS401 to 401.
CREATE FUNCTION app_require_session() RETURNS void LANGUAGE plpgsql STABLE AS $$
BEGIN
  IF NOT EXISTS (
      SELECT 1 FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.id = app_session_id() AND s.user_id = app_user_id() AND s.active_clinic_id = app_clinic_id()
        AND s.revoked_at IS NULL AND s.idle_expires_at > now() AND s.absolute_expires_at > now()
        AND NOT u.disabled) THEN
    RAISE EXCEPTION 'session not active' USING ERRCODE = 'CS401';
  END IF;
END $$;

GRANT SELECT, INSERT, UPDATE ON sessions, refresh_tokens TO consilium_runtime;
