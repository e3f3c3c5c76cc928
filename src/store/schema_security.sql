-- schema_security.sql — migration "security-1" (docs/security.md, issue 13).
-- Audit entries hashed with length-prefixed fields (version 2); the entries written before
-- keep version 1 and still verify.
ALTER TABLE audit_log ADD COLUMN hash_version INTEGER NOT NULL DEFAULT 1;
-- An admin's reset makes the account change its password at the next login.
ALTER TABLE accounts ADD COLUMN must_change INTEGER NOT NULL DEFAULT 0;
-- Account names are case-insensitive: 'Res1' is 'res1'. (A database holding two names that
-- differ only by case refuses this migration: rename one with sqlite3 first.)
CREATE UNIQUE INDEX accounts_name_nocase ON accounts(name COLLATE NOCASE);
