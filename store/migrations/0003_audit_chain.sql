-- loket schema, version 3 (issue 13): the audit trail as a hash chain.
-- Each row carries the SHA-256 of its canonical content and of the previous
-- row of the same origin (store/chain). SQLite has no SHA-256, so the hashes
-- of the rows already there are computed in Go in the same transaction
-- (afterMigration, store/audit_chain.go); a new file starts at the genesis.
-- The column allows NULL only because ALTER TABLE cannot add a NOT NULL
-- column without a default: `loket check` reports a row without its hash.
ALTER TABLE audit ADD COLUMN hash BLOB;
