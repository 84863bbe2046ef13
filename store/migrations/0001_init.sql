-- loket schema, version 1. Released migrations are never edited: later
-- changes are new files. Times are RFC 3339 UTC text; money is whole Rupiah
-- (INTEGER); ids are ULIDs so that databases of several counters can merge.

CREATE TABLE meta (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE office (
	id                TEXT PRIMARY KEY,
	code              TEXT NOT NULL,
	name              TEXT NOT NULL,
	unit              TEXT NOT NULL,
	address           TEXT NOT NULL,
	phone             TEXT NOT NULL,
	website           TEXT NOT NULL,
	complaint_email   TEXT NOT NULL,
	complaint_contact TEXT NOT NULL,
	counter_code      TEXT NOT NULL DEFAULT 'A',
	export_dir        TEXT NOT NULL DEFAULT '',
	updated_at        TEXT NOT NULL
);

CREATE TABLE officers (
	id         TEXT PRIMARY KEY,
	name       TEXT NOT NULL UNIQUE COLLATE NOCASE,
	pin_hash   TEXT,
	active     INTEGER NOT NULL DEFAULT 1,
	created_at TEXT NOT NULL
);

CREATE TABLE schedules (
	id           TEXT PRIMARY KEY,
	name         TEXT NOT NULL,
	basis        TEXT NOT NULL,
	effective    TEXT NOT NULL, -- YYYY-MM-DD
	body         TEXT NOT NULL, -- the schedule file as installed
	installed_at TEXT NOT NULL,
	installed_by TEXT REFERENCES officers(id)
);
CREATE INDEX schedules_effective ON schedules(effective);

CREATE TABLE visitors (
	id             TEXT PRIMARY KEY,
	id_type        TEXT NOT NULL DEFAULT '',
	id_number      TEXT NOT NULL DEFAULT '',
	name           TEXT NOT NULL DEFAULT '',
	gender         TEXT NOT NULL DEFAULT '',
	birth_year     INTEGER,
	education      TEXT NOT NULL DEFAULT '',
	occupation     TEXT NOT NULL DEFAULT '',
	institution    TEXT NOT NULL DEFAULT '',
	inst_category  TEXT NOT NULL DEFAULT '',
	email          TEXT NOT NULL DEFAULT '',
	phone          TEXT NOT NULL DEFAULT '',
	npwp           TEXT NOT NULL DEFAULT '',
	consent        INTEGER NOT NULL DEFAULT 0,
	erased_at      TEXT,
	created_at     TEXT NOT NULL,
	updated_at     TEXT NOT NULL
);
CREATE INDEX visitors_id_number ON visitors(id_number);
CREATE INDEX visitors_email ON visitors(email);

-- Search terms for the returning-visitor lookup: each word of the name, the
-- ID number, the email and the phone, lowercased; prefix search uses the key.
CREATE TABLE visitor_terms (
	term       TEXT NOT NULL,
	visitor_id TEXT NOT NULL REFERENCES visitors(id) ON DELETE CASCADE,
	PRIMARY KEY (term, visitor_id)
) WITHOUT ROWID;
CREATE INDEX visitor_terms_visitor ON visitor_terms(visitor_id);

CREATE TABLE visits (
	id             TEXT PRIMARY KEY,
	office_code    TEXT NOT NULL,
	counter_code   TEXT NOT NULL,
	day            TEXT NOT NULL, -- WIB calendar day of arrival, YYYY-MM-DD
	queue_no       INTEGER NOT NULL,
	arrived_at     TEXT NOT NULL,
	finished_at    TEXT,
	status         TEXT NOT NULL DEFAULT 'Berjalan'
		CHECK (status IN ('Berjalan','Selesai','Batal','Dirujuk ke konsultasi')),
	status_reason  TEXT NOT NULL DEFAULT '',
	officer_id     TEXT NOT NULL REFERENCES officers(id),
	visitor_id     TEXT REFERENCES visitors(id),
	-- snapshot of the guest book as it was at this visit
	v_id_type      TEXT NOT NULL DEFAULT '',
	v_id_number    TEXT NOT NULL DEFAULT '',
	v_name         TEXT NOT NULL DEFAULT '',
	v_gender       TEXT NOT NULL DEFAULT '',
	v_birth_year   INTEGER,
	v_education    TEXT NOT NULL DEFAULT '',
	v_occupation   TEXT NOT NULL DEFAULT '',
	v_institution  TEXT NOT NULL DEFAULT '',
	v_inst_category TEXT NOT NULL DEFAULT '',
	v_email        TEXT NOT NULL DEFAULT '',
	v_phone        TEXT NOT NULL DEFAULT '',
	v_npwp         TEXT NOT NULL DEFAULT '',
	consent        INTEGER NOT NULL DEFAULT 0,
	purpose        TEXT NOT NULL DEFAULT '',
	use            TEXT NOT NULL DEFAULT '', -- pemanfaatan
	letter         INTEGER NOT NULL DEFAULT 0, -- surat permohonan (Rp0) stated at the request
	agreed         INTEGER,                    -- step 7 answer
	sample_given   INTEGER NOT NULL DEFAULT 0,
	sppd_given     INTEGER NOT NULL DEFAULT 0,
	schedule_id    TEXT REFERENCES schedules(id),
	schedule_name  TEXT NOT NULL DEFAULT '',
	total          INTEGER NOT NULL DEFAULT 0,
	corrections    INTEGER NOT NULL DEFAULT 0,
	suspended_at   TEXT,
	suspended_secs INTEGER NOT NULL DEFAULT 0,
	created_at     TEXT NOT NULL,
	updated_at     TEXT NOT NULL,
	UNIQUE (office_code, counter_code, day, queue_no)
);
CREATE INDEX visits_day ON visits(day);
CREATE INDEX visits_status ON visits(status) WHERE status = 'Berjalan';
CREATE INDEX visits_visitor ON visits(visitor_id);

CREATE TABLE suspensions (
	id         TEXT PRIMARY KEY,
	visit_id   TEXT NOT NULL REFERENCES visits(id),
	started_at TEXT NOT NULL,
	ended_at   TEXT,
	reason     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX suspensions_visit ON suspensions(visit_id);

CREATE TABLE visit_steps (
	id         TEXT PRIMARY KEY,
	visit_id   TEXT NOT NULL REFERENCES visits(id),
	step       INTEGER NOT NULL CHECK (step BETWEEN 1 AND 16),
	state      TEXT NOT NULL DEFAULT 'pending'
		CHECK (state IN ('pending','waiting','done','na')),
	reason     TEXT NOT NULL DEFAULT '',
	officer_id TEXT REFERENCES officers(id),
	done_at    TEXT,
	UNIQUE (visit_id, step)
);

CREATE TABLE items (
	id             TEXT PRIMARY KEY,
	visit_id       TEXT NOT NULL REFERENCES visits(id),
	seq            INTEGER NOT NULL,
	kind           TEXT NOT NULL CHECK (kind IN ('publikasi','data_mikro','peta')),
	code           TEXT NOT NULL, -- tariff item code
	title          TEXT NOT NULL,
	year           INTEGER,
	pages          INTEGER NOT NULL DEFAULT 0,
	bytes          INTEGER NOT NULL DEFAULT 0,
	maps           INTEGER NOT NULL DEFAULT 0,
	format         TEXT NOT NULL DEFAULT '',
	variables      TEXT NOT NULL DEFAULT '',
	media          TEXT NOT NULL DEFAULT '',
	available      INTEGER, -- NULL until step 5
	amount         INTEGER NOT NULL DEFAULT 0,
	zero           INTEGER NOT NULL DEFAULT 0,
	no_item        INTEGER NOT NULL DEFAULT 0,
	quote          TEXT NOT NULL DEFAULT '', -- breakdown lines, newline separated
	basis          TEXT NOT NULL DEFAULT '',
	prepared_at    TEXT,
	prepared_by    TEXT REFERENCES officers(id),
	handed_at      TEXT,
	UNIQUE (visit_id, seq)
);
CREATE INDEX items_visit ON items(visit_id);

CREATE TABLE documents (
	id         TEXT PRIMARY KEY,
	visit_id   TEXT NOT NULL REFERENCES visits(id),
	kind       TEXT NOT NULL CHECK (kind IN ('abstraksi','sppd','surat_permohonan')),
	received   INTEGER NOT NULL DEFAULT 0,
	checked    INTEGER NOT NULL DEFAULT 0,
	matches    INTEGER,
	variables  TEXT NOT NULL DEFAULT '', -- abstraksi: variables it names
	note       TEXT NOT NULL DEFAULT '',
	updated_at TEXT NOT NULL,
	UNIQUE (visit_id, kind)
);

CREATE TABLE invoices (
	id          TEXT PRIMARY KEY,
	visit_id    TEXT NOT NULL REFERENCES visits(id),
	kind        TEXT NOT NULL CHECK (kind IN ('invoice','kuitansi')),
	number      TEXT NOT NULL UNIQUE,
	office_code TEXT NOT NULL,
	counter_code TEXT NOT NULL,
	year        INTEGER NOT NULL,
	month       INTEGER NOT NULL,
	seq         INTEGER NOT NULL,
	amount      INTEGER NOT NULL,
	issued_at   TEXT NOT NULL,
	officer_id  TEXT REFERENCES officers(id),
	printed     INTEGER NOT NULL DEFAULT 0,
	void_at     TEXT,
	void_reason TEXT NOT NULL DEFAULT '',
	replaced_by TEXT REFERENCES invoices(id),
	UNIQUE (kind, office_code, counter_code, year, month, seq)
);
CREATE INDEX invoices_visit ON invoices(visit_id);

CREATE TABLE billing_codes (
	id          TEXT PRIMARY KEY,
	visit_id    TEXT NOT NULL REFERENCES visits(id),
	code        TEXT NOT NULL,
	payer       TEXT NOT NULL,
	amount      INTEGER NOT NULL,
	created_at  TEXT NOT NULL,
	expires_at  TEXT NOT NULL,
	status      TEXT NOT NULL DEFAULT 'aktif'
		CHECK (status IN ('aktif','dibayar','kedaluwarsa','diganti','dibatalkan')),
	replaced_by TEXT REFERENCES billing_codes(id),
	officer_id  TEXT REFERENCES officers(id)
);
CREATE INDEX billing_codes_visit ON billing_codes(visit_id);
CREATE INDEX billing_codes_code ON billing_codes(code);
CREATE INDEX billing_codes_active ON billing_codes(expires_at) WHERE status = 'aktif';

CREATE TABLE payments (
	id          TEXT PRIMARY KEY,
	visit_id    TEXT NOT NULL UNIQUE REFERENCES visits(id),
	method      TEXT NOT NULL CHECK (method IN ('Tunai','Bank')),
	payer       TEXT NOT NULL,
	amount      INTEGER NOT NULL CHECK (amount > 0),
	billing_id  TEXT REFERENCES billing_codes(id),
	ntpn        TEXT NOT NULL DEFAULT '',
	ntb         TEXT NOT NULL DEFAULT '',
	paid_at     TEXT NOT NULL,
	day         TEXT NOT NULL, -- WIB day of payment
	officer_id  TEXT REFERENCES officers(id)
);
CREATE INDEX payments_day ON payments(day);
CREATE INDEX payments_ntpn ON payments(ntpn) WHERE ntpn <> '';

CREATE TABLE corrections (
	id         TEXT PRIMARY KEY,
	visit_id   TEXT NOT NULL REFERENCES visits(id),
	fault      TEXT NOT NULL CHECK (fault IN ('produk','kuitansi')),
	text       TEXT NOT NULL,
	at         TEXT NOT NULL,
	officer_id TEXT REFERENCES officers(id)
);
CREATE INDEX corrections_visit ON corrections(visit_id);

CREATE TABLE ratings (
	id       TEXT PRIMARY KEY,
	visit_id TEXT NOT NULL UNIQUE REFERENCES visits(id),
	declined INTEGER NOT NULL DEFAULT 0,
	u1 INTEGER CHECK (u1 BETWEEN 1 AND 4), u2 INTEGER CHECK (u2 BETWEEN 1 AND 4),
	u3 INTEGER CHECK (u3 BETWEEN 1 AND 4), u4 INTEGER CHECK (u4 BETWEEN 1 AND 4),
	u5 INTEGER CHECK (u5 BETWEEN 1 AND 4), u6 INTEGER CHECK (u6 BETWEEN 1 AND 4),
	u7 INTEGER CHECK (u7 BETWEEN 1 AND 4), u8 INTEGER CHECK (u8 BETWEEN 1 AND 4),
	u9 INTEGER CHECK (u9 BETWEEN 1 AND 4),
	saran    TEXT NOT NULL DEFAULT '',
	rated_at TEXT NOT NULL,
	day      TEXT NOT NULL,
	CHECK (declined = 1 OR (u1 IS NOT NULL AND u2 IS NOT NULL AND u3 IS NOT NULL AND
		u4 IS NOT NULL AND u5 IS NOT NULL AND u6 IS NOT NULL AND u7 IS NOT NULL AND
		u8 IS NOT NULL AND u9 IS NOT NULL))
);
CREATE INDEX ratings_day ON ratings(day);

CREATE TABLE complaints (
	id          TEXT PRIMARY KEY,
	received_at TEXT NOT NULL,
	day         TEXT NOT NULL,
	channel     TEXT NOT NULL,
	text        TEXT NOT NULL,
	status      TEXT NOT NULL DEFAULT 'Diterima'
		CHECK (status IN ('Diterima','Diproses','Selesai')),
	visit_id    TEXT REFERENCES visits(id),
	officer_id  TEXT REFERENCES officers(id),
	updated_at  TEXT NOT NULL
);
CREATE INDEX complaints_day ON complaints(day);

CREATE TABLE complaint_followups (
	id           TEXT PRIMARY KEY,
	complaint_id TEXT NOT NULL REFERENCES complaints(id),
	at           TEXT NOT NULL,
	status       TEXT NOT NULL,
	note         TEXT NOT NULL,
	officer_id   TEXT REFERENCES officers(id)
);
CREATE INDEX complaint_followups_complaint ON complaint_followups(complaint_id);

CREATE TABLE handovers (
	id             TEXT PRIMARY KEY,
	day            TEXT NOT NULL,
	cash_receipts  INTEGER NOT NULL,
	counted        INTEGER NOT NULL,
	difference     INTEGER NOT NULL,
	reason         TEXT NOT NULL DEFAULT '',
	recipient      TEXT NOT NULL,
	handed_at      TEXT NOT NULL,
	officer_id     TEXT REFERENCES officers(id)
);
CREATE INDEX handovers_day ON handovers(day);

-- The audit trail: who changed what, when. Personal fields are recorded as
-- changed with personal = 1 and no values. Append-only.
CREATE TABLE audit (
	seq        INTEGER PRIMARY KEY AUTOINCREMENT,
	id         TEXT NOT NULL UNIQUE,
	at         TEXT NOT NULL,
	officer_id TEXT,
	entity     TEXT NOT NULL,
	entity_id  TEXT NOT NULL,
	action     TEXT NOT NULL,
	field      TEXT NOT NULL DEFAULT '',
	old        TEXT,
	new        TEXT,
	personal   INTEGER NOT NULL DEFAULT 0,
	CHECK (personal = 0 OR (old IS NULL AND new IS NULL))
);
CREATE INDEX audit_entity ON audit(entity_id);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
