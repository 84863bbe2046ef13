-- loket schema, version 4 (issue 17): officers are unique per counter.
-- Two counters may both have a "Rina": an archive (loket gabung) keeps
-- each counter's officer as its own record, with its own ID. Schema 1 made
-- the name UNIQUE across the file; a UNIQUE constraint cannot be dropped
-- in place, so the table is rebuilt with UNIQUE (origin, name), every
-- column and row kept (the name still compared case-insensitively). No
-- index or trigger refers to officers; the tables that reference
-- officers(id) keep referring to it by name. `loket upgrade` runs this
-- with foreign keys off and checks them before commit; a new file has no
-- officer yet when it runs.
CREATE TABLE officers_v4 (
	id         TEXT PRIMARY KEY,
	name       TEXT NOT NULL COLLATE NOCASE,
	pin_hash   TEXT,
	active     INTEGER NOT NULL DEFAULT 1,
	created_at TEXT NOT NULL,
	origin     INTEGER NOT NULL DEFAULT 1,
	UNIQUE (origin, name)
);
INSERT INTO officers_v4 (id, name, pin_hash, active, created_at, origin)
	SELECT id, name, pin_hash, active, created_at, origin FROM officers ORDER BY rowid;
DROP TABLE officers;
ALTER TABLE officers_v4 RENAME TO officers;
