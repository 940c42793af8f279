-- Version 8: each expert's programme (research centre) has a slug, the value a link holds
-- (?programmes=security-and-defence), as outlets, experts and topics do. It is computed in
-- Python from the name (data.organisation.programme_slug), so data.store fills it after this
-- migration and in every write (data.organisation.slug_programmes); NULL: no programme.
ALTER TABLE experts ADD COLUMN programme_slug VARCHAR;
