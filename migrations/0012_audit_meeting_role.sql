-- An audit record also says in what meeting role the actor acted, when it
-- was their role in the meeting (not their clinic role) that let them.
ALTER TABLE audit_events ADD COLUMN meeting_role meeting_role;
