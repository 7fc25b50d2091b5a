-- The re-wrapping job asks once, across clinics, which have keys left under an older version, instead of
-- opening two transactions in every clinic every few seconds. It reads wrapped keys only (useless without
-- the root key, which is never in the database) and changes them only in each clinic's own scope.
CREATE POLICY clinic_key_job_read ON clinic_keys FOR SELECT USING (app_scope() = 'key_job');
CREATE POLICY patient_key_job_read ON patient_keys FOR SELECT USING (app_scope() = 'key_job');
