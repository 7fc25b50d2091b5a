-- Changing one's own password happens in a clinic transaction (with its
-- audit record and the revocation of the person's other sessions): a person
-- may read and update their own credentials there, nobody else's.
CREATE POLICY credential_own ON credentials USING (user_id = app_user_id());
