-- An administrator disables a person's membership of their clinic, not the
-- person: someone in two clinics keeps the other. A disabled membership
-- cannot sign in to the clinic, switch into it, or carry on a session in it.

ALTER TABLE memberships ADD COLUMN disabled_at timestamptz;

CREATE OR REPLACE FUNCTION app_require_session() RETURNS void LANGUAGE plpgsql STABLE AS $$
BEGIN
  IF NOT EXISTS (
      SELECT 1 FROM sessions s JOIN users u ON u.id = s.user_id
        JOIN memberships m ON m.user_id = s.user_id AND m.clinic_id = s.active_clinic_id
      WHERE s.id = app_session_id() AND s.user_id = app_user_id() AND s.active_clinic_id = app_clinic_id()
        AND s.revoked_at IS NULL AND s.idle_expires_at > now() AND s.absolute_expires_at > now()
        AND NOT u.disabled AND m.disabled_at IS NULL) THEN
    RAISE EXCEPTION 'session not active' USING ERRCODE = 'CS401';
  END IF;
END $$;
