-- loket schema, version 2 (issue 11). One transaction with its
-- user_version bump; `loket upgrade` runs it on a connection with foreign
-- keys off (the rebuilt tables are re-checked with foreign_key_check before
-- commit). Released migrations are never edited: later changes are new files.

-- Counters: every record that can travel to another database (a merge of
-- several counters) knows the counter that created it. id is local to this
-- file and small, so the origin column costs a byte a row; uid is the
-- counter's identity across files. Row 1 is this counter: its codes follow
-- the office settings (trigger office_counter). audit_seq is the last audit
-- sequence number of that origin, so a deleted tail of the trail shows.
CREATE TABLE counters (
	id           INTEGER PRIMARY KEY,
	uid          TEXT NOT NULL UNIQUE,
	office_code  TEXT NOT NULL,
	counter_code TEXT NOT NULL,
	audit_seq    INTEGER NOT NULL DEFAULT 0,
	UNIQUE (office_code, counter_code)
);
INSERT INTO counters (id, uid, office_code, counter_code)
	SELECT 1, lower(hex(randomblob(16))), code, counter_code FROM office ORDER BY rowid LIMIT 1;
CREATE TRIGGER office_counter AFTER UPDATE OF code, counter_code ON office
BEGIN
	UPDATE counters SET office_code = NEW.code, counter_code = NEW.counter_code WHERE id = 1;
END;

-- Origin of the records that travel on their own. Visits and invoices carry
-- their office and counter codes already; a visit's steps, items, documents,
-- payments, billing codes, corrections, suspensions and rating travel with
-- it, a complaint's follow-ups with the complaint. ALTER TABLE cannot add a
-- REFERENCES column with a default while foreign keys are on (a new file is
-- migrated with them on), so check verifies these against counters.
ALTER TABLE officers ADD COLUMN origin INTEGER NOT NULL DEFAULT 1;
ALTER TABLE visitors ADD COLUMN origin INTEGER NOT NULL DEFAULT 1;
ALTER TABLE schedules ADD COLUMN origin INTEGER NOT NULL DEFAULT 1;
ALTER TABLE complaints ADD COLUMN origin INTEGER NOT NULL DEFAULT 1;
ALTER TABLE handovers ADD COLUMN origin INTEGER NOT NULL DEFAULT 1;

-- The audit trail keyed by origin and that origin's own sequence: two
-- counters' trails can live in one file without renumbering. No ULID and no
-- second unique index: (origin, seq) is the key. Free text (purpose, the
-- cancel/suspend/void reasons, notes) is never copied into it: such a row
-- names the record and field, so an erasure scrubs the text in one place.
-- The v1 rows that copied free text are blanked here.
CREATE TABLE audit_v2 (
	origin     INTEGER NOT NULL REFERENCES counters(id),
	seq        INTEGER NOT NULL,
	at         TEXT NOT NULL,
	officer_id TEXT,
	entity     TEXT NOT NULL,
	entity_id  TEXT NOT NULL,
	action     TEXT NOT NULL,
	field      TEXT NOT NULL DEFAULT '',
	old        TEXT,
	new        TEXT,
	personal   INTEGER NOT NULL DEFAULT 0,
	CHECK (personal = 0 OR (old IS NULL AND new IS NULL)),
	PRIMARY KEY (origin, seq)
) WITHOUT ROWID;
-- A v1 save of the guest book wrote one personal row per field; a run of
-- such rows (same record, officer and action, one after another) becomes
-- one row listing the fields, as schema 2 writes them, and the trail is
-- numbered again 1…N in its order (no chain or anchor refers to v1
-- numbers). A tail v1 had already lost stays visible: the counter keeps
-- the same distance above the last row.
INSERT INTO audit_v2 (origin, seq, at, officer_id, entity, entity_id, action, field, old, new, personal)
	SELECT 1, row_number() OVER (ORDER BY first), at, officer_id, entity, entity_id, action, field, old, new, personal
	FROM (
		SELECT min(seq) AS first, min(at) AS at, officer_id, entity, entity_id, action,
			CASE WHEN personal = 1 THEN group_concat(field, ',' ORDER BY seq) ELSE min(field) END AS field,
			min(old) AS old, min(new) AS new, personal
		FROM (
			SELECT *, sum(start) OVER (ORDER BY seq) AS run FROM (
				SELECT seq, at, officer_id, entity, entity_id, action, personal,
					CASE WHEN action = 'tunda' THEN 'reason'
						WHEN action IN ('batal_invoice', 'batal_kuitansi') THEN 'void_reason'
						ELSE field END AS field,
					CASE WHEN field IN ('purpose', 'status_reason') THEN NULL ELSE old END AS old,
					CASE WHEN field IN ('purpose', 'status_reason') OR action = 'tunda' THEN NULL
						WHEN action IN ('batal_invoice', 'batal_kuitansi') AND instr(new, ': ') > 0
							THEN substr(new, 1, instr(new, ': ') - 1)
						ELSE new END AS new,
					CASE WHEN personal = 1 AND lag(personal) OVER w = 1 AND lag(entity_id) OVER w = entity_id
						AND lag(action) OVER w = action AND coalesce(lag(officer_id) OVER w, '') = coalesce(officer_id, '')
						THEN 0 ELSE 1 END AS start
				FROM audit WINDOW w AS (ORDER BY seq)
			)
		)
		GROUP BY run
	);
-- The counter: the last new number, plus however far v1's AUTOINCREMENT
-- counter stood above v1's last row.
UPDATE counters SET audit_seq = coalesce((SELECT max(seq) FROM audit_v2), 0)
	+ max(0, coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'audit'), 0) - coalesce((SELECT max(seq) FROM audit), 0))
	WHERE id = 1;
DROP TABLE audit;
DELETE FROM sqlite_sequence WHERE name = 'audit';
ALTER TABLE audit_v2 RENAME TO audit;
CREATE INDEX audit_entity ON audit(entity_id);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
CREATE TRIGGER audit_seq AFTER INSERT ON audit
BEGIN UPDATE counters SET audit_seq = NEW.seq WHERE id = NEW.origin AND audit_seq < NEW.seq; END;

-- A visit's steps never travel alone: no ULID, the row is its key.
CREATE TABLE visit_steps_v2 (
	visit_id   TEXT NOT NULL REFERENCES visits(id),
	step       INTEGER NOT NULL CHECK (step BETWEEN 1 AND 16),
	state      TEXT NOT NULL DEFAULT 'pending'
		CHECK (state IN ('pending','waiting','done','na')),
	reason     TEXT NOT NULL DEFAULT '',
	officer_id TEXT REFERENCES officers(id),
	done_at    TEXT,
	PRIMARY KEY (visit_id, step)
) WITHOUT ROWID;
INSERT INTO visit_steps_v2 (visit_id, step, state, reason, officer_id, done_at)
	SELECT visit_id, step, state, reason, officer_id, done_at FROM visit_steps ORDER BY visit_id, step;
DROP TABLE visit_steps;
ALTER TABLE visit_steps_v2 RENAME TO visit_steps;

-- Indexes no query uses (TestQueriesUseIndexes lists every query and
-- TestEveryIndexUsed fails on an index none of them uses): items_visit is
-- the prefix of UNIQUE (visit_id, seq); the returning-visitor lookup goes
-- through visitor_terms, not visitors_id_number or visitors_email; nothing
-- reads billing codes by expiry or corrections by visit.
DROP INDEX items_visit;
DROP INDEX visitors_id_number;
DROP INDEX visitors_email;
DROP INDEX billing_codes_active;
DROP INDEX corrections_visit;

-- Each kuitansi keeps the payer printed on it, so a corrected name on a new
-- kuitansi leaves the voided one as it was. v1 printed the payment's payer.
ALTER TABLE invoices ADD COLUMN payer TEXT NOT NULL DEFAULT '';
UPDATE invoices SET payer = coalesce((SELECT p.payer FROM payments p WHERE p.visit_id = invoices.visit_id), '')
	WHERE kind = 'kuitansi';

-- Erasures, so a restore or a merge can apply them again: who was erased,
-- when and by whom; never a personal value.
CREATE TABLE erasures (
	visitor_id TEXT PRIMARY KEY REFERENCES visitors(id),
	origin     INTEGER NOT NULL REFERENCES counters(id),
	erased_at  TEXT NOT NULL,
	officer_id TEXT REFERENCES officers(id)
) WITHOUT ROWID;
INSERT INTO erasures (visitor_id, origin, erased_at, officer_id)
	SELECT v.id, 1, v.erased_at, (SELECT a.officer_id FROM audit a WHERE a.entity_id = v.id
		AND a.action = 'hapus_data_pribadi' ORDER BY a.seq DESC LIMIT 1)
	FROM visitors v WHERE v.erased_at IS NOT NULL;
