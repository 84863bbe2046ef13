package store_test

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"loket/store"
	"loket/store/demo"
	"loket/store/valid"
)

// catalogueDB is a demo month with an installed schedule (so visits carry
// a schedule_id, unlike the fixtures of check_test.go, whose visits use the
// built-in one) and a reissued kuitansi (a documented void). It is made
// once and copied for each edit.
var catalogueDB struct {
	once sync.Once
	b    []byte
	err  error
}

const installedName = "PP No. 13 Tahun 2024 (terpasang)"

func catalogueBytes(t *testing.T) []byte {
	t.Helper()
	catalogueDB.once.Do(func() { catalogueDB.b, catalogueDB.err = makeCatalogueDB() })
	if catalogueDB.err != nil {
		t.Fatal(catalogueDB.err)
	}
	return catalogueDB.b
}

func makeCatalogueDB() ([]byte, error) {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "loket-katalog")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "loket.db")
	until := time.Date(2026, 11, 26, 0, 0, 0, 0, valid.WIB)
	at := func(t time.Time) func() time.Time { return func() time.Time { return t } }
	s, err := store.Open(ctx, path, store.Options{Now: at(until.AddDate(0, 0, -40))})
	if err != nil {
		return nil, err
	}
	body, err := os.ReadFile("../tariff/pp13-2024.tarif")
	if err != nil {
		return nil, err
	}
	body = bytes.Replace(body, []byte("nama: PP No. 13 Tahun 2024"), []byte("nama: "+installedName), 1)
	if _, err := s.InstallSchedule(ctx, "", body); err != nil {
		return nil, err
	}
	if err := s.Close(); err != nil {
		return nil, err
	}
	if _, err := demo.Generate(ctx, path, demo.Config{Days: 30, Until: until, Seed: 7}); err != nil {
		return nil, err
	}
	s, err = store.Open(ctx, path, store.Options{Now: at(until.Add(20 * time.Hour))})
	if err != nil {
		return nil, err
	}
	// The newest cash payment's visit, read beside the store with plain SQLite.
	raw, err := sql.Open("sqlite", path+"?mode=ro")
	if err != nil {
		return nil, err
	}
	var visit, visitor string
	err = raw.QueryRow(`SELECT visit_id FROM payments WHERE method = 'Tunai' ORDER BY paid_at DESC LIMIT 1`).Scan(&visit)
	if err == nil {
		err = raw.QueryRow(`SELECT id FROM visitors ORDER BY id LIMIT 1`).Scan(&visitor)
	}
	raw.Close()
	if err != nil {
		return nil, err
	}
	if _, err := s.ReissueDocument(ctx, "", visit, "kuitansi", "Nama wajib bayar salah ketik"); err != nil {
		return nil, err
	}
	// A person's record corrected on request: a personal audit row.
	p, err := s.Visitor(ctx, visitor)
	if err != nil {
		return nil, err
	}
	p.Guest.Phone = "0819-0000-1234"
	if err := s.UpdateVisitor(ctx, "", visitor, store.GuestInput{Guest: p.Guest, BirthYear: strconv.Itoa(p.Guest.BirthYear)}); err != nil {
		return nil, err
	}
	if err := s.Close(); err != nil {
		return nil, err
	}
	return os.ReadFile(path)
}

// Rows the edits aim at.
const (
	bankPay  = `(SELECT id FROM payments WHERE method = 'Bank' ORDER BY paid_at LIMIT 1)`
	bankPay2 = `(SELECT id FROM payments WHERE method = 'Bank' ORDER BY paid_at LIMIT 1 OFFSET 1)`
	cashPay  = `(SELECT id FROM payments WHERE method = 'Tunai' ORDER BY paid_at LIMIT 1)`
	// a bank-paid visit with one PUB-EL line and nothing else
	pubBank = `(SELECT p.visit_id FROM payments p WHERE p.method = 'Bank'
		AND (SELECT count(*) FROM items i WHERE i.visit_id = p.visit_id) = 1
		AND (SELECT code FROM items i WHERE i.visit_id = p.visit_id) = 'PUB-EL' ORDER BY p.paid_at LIMIT 1)`
	pubLine   = `(SELECT id FROM items WHERE code = 'PUB-EL' AND amount > 0 ORDER BY visit_id LIMIT 1)`
	finished  = `(SELECT id FROM visits WHERE status = 'Selesai' ORDER BY arrived_at LIMIT 1)`
	suspended = `(SELECT visit_id FROM suspensions WHERE ended_at IS NOT NULL ORDER BY started_at LIMIT 1)`
	handover  = `(SELECT id FROM handovers ORDER BY day LIMIT 1)`
	kuitansi  = `(SELECT id FROM invoices WHERE kind = 'kuitansi' AND void_at IS NULL ORDER BY issued_at LIMIT 1)`
	voided    = `(SELECT id FROM invoices WHERE kind = 'kuitansi' AND void_at IS NOT NULL LIMIT 1)`
	unpaidInv = `(SELECT i.id FROM invoices i WHERE i.kind = 'invoice' AND i.void_at IS NULL
		AND NOT EXISTS (SELECT 1 FROM payments p WHERE p.visit_id = i.visit_id) LIMIT 1)`
	zeroVisit = `(SELECT visit_id FROM items WHERE zero = 1 ORDER BY visit_id LIMIT 1)`
	dropTrig  = `DROP TRIGGER audit_no_update`
	putTrig   = `CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END`
)

// edit is one direct change made with plain SQL, as a person with an
// SQLite tool would, and what check must say about it.
type edit struct {
	name string
	sql  []string
	area string
	want string
}

// catalogue lists the edits; the first group is every one named in issue
// 13, as it was found unnoticed by an adversarial run.
var catalogue = []edit{
	{"bank payment without NTPN", []string{`UPDATE payments SET ntpn = '' WHERE id = ` + bankPay}, "pembayaran", `NTPN "" yang tidak sah`},
	{"malformed NTPN", []string{`UPDATE payments SET ntpn = '12345-XYZ' WHERE id = ` + bankPay}, "pembayaran", `NTPN "12345-XYZ" yang tidak sah`},
	{"duplicate NTPN", []string{`UPDATE payments SET ntpn = (SELECT ntpn FROM payments WHERE id = ` + bankPay + `) WHERE id = ` + bankPay2}, "pembayaran", "tercatat pada 2 pembayaran"},
	{"cash payment with an NTPN", []string{`UPDATE payments SET ntpn = 'ABCD1234EFGH5678' WHERE id = ` + cashPay}, "pembayaran", "pembayaran tunai"},
	{"method switched Bank to Tunai", []string{`UPDATE payments SET method = 'Tunai' WHERE id = ` + bankPay}, "pembayaran", "pembayaran tunai"},
	{"billing code status edited", []string{`UPDATE billing_codes SET status = 'aktif' WHERE id = (SELECT billing_id FROM payments WHERE id = ` + bankPay + `)`}, "kode billing", "berstatus aktif, seharusnya dibayar"},
	{"billing code amount edited", []string{`UPDATE billing_codes SET amount = amount + 5000 WHERE id = (SELECT billing_id FROM payments WHERE id = ` + bankPay + `)`}, "kode billing", "tidak sama dengan yang dicatat jejak audit"},
	{"billing code digits edited (still 15)", []string{`UPDATE billing_codes SET code = substr(code, 1, 14) || CASE substr(code, 15) WHEN '9' THEN '0' ELSE '9' END WHERE id = (SELECT billing_id FROM payments WHERE id = ` + bankPay + `)`}, "kode billing", "tidak sama dengan yang dicatat jejak audit"},
	{"billing code digits malformed", []string{`UPDATE billing_codes SET code = '8202611' WHERE id = (SELECT billing_id FROM payments WHERE id = ` + bankPay + `)`}, "kode billing", "tidak sah: kode billing 15 angka"},
	{"payments.day moved", []string{`UPDATE payments SET day = '2026-10-01' WHERE id = ` + bankPay}, "pembayaran", "tercatat pada tanggal 2026-10-01"},
	{"amount changed consistently across payment, invoice, kuitansi, item, billing and total", []string{
		`UPDATE items SET amount = 12000000 WHERE visit_id = ` + pubBank,
		`UPDATE visits SET total = 12000000 WHERE id = ` + pubBank,
		`UPDATE invoices SET amount = 12000000 WHERE visit_id = ` + pubBank,
		`UPDATE billing_codes SET amount = 12000000 WHERE visit_id = ` + pubBank + ` AND status = 'dibayar'`,
		`UPDATE payments SET amount = 12000000 WHERE visit_id = ` + pubBank}, "tarif", "tercatat Rp12.000.000, dihitung ulang"},
	{"pages changed without re-pricing", []string{`UPDATE items SET pages = pages + 100 WHERE id = ` + pubLine}, "tarif", "dihitung ulang dengan " + installedName},
	{"Rp0 flag set on a charged line", []string{`UPDATE items SET zero = 1 WHERE id = ` + pubLine}, "tarif", "bertanda tarif nol rupiah Ya"},
	{"hand-over counted amount edited", []string{`UPDATE handovers SET counted = counted + 50000 WHERE id = ` + handover}, "penyerahan kas", "selisih tercatat"},
	{"hand-over difference edited", []string{`UPDATE handovers SET difference = -25000 WHERE id = ` + handover}, "penyerahan kas", "selisih tercatat"},
	{"kuitansi renumbered", []string{`UPDATE invoices SET number = substr(number, 1, length(number) - 4) || '0999' WHERE id = ` + kuitansi}, "nomor", "nomor tidak sesuai urutannya"},
	{"finish before arrival", []string{`UPDATE visits SET finished_at = strftime('%Y-%m-%dT%H:%M:%S', arrived_at, '-1 hour') || '.000000Z' WHERE id = ` + finished}, "waktu", "sebelum datang"},
	{"negative suspended_secs", []string{`UPDATE visits SET suspended_secs = -447360 WHERE id = ` + suspended}, "waktu", "tidak boleh negatif"},
	{"installed schedule's text edited", []string{`UPDATE schedules SET body = replace(body, '| 50    | 15.000', '| 50    | 16.000')`}, "tarif", "dihitung ulang dengan " + installedName},
	{"built-in schedule's stored text edited", []string{`UPDATE schedules SET body = replace(body, '| 50    | 15.000', '| 50    | 16.000') WHERE name = 'PP No. 13 Tahun 2024'`}, "tarif", "teksnya tidak sama dengan yang dicatat jejak audit saat dipasang"},
	{"built-in schedule given an installer", []string{`UPDATE schedules SET installed_by = (SELECT id FROM officers LIMIT 1) WHERE name = 'PP No. 13 Tahun 2024'`}, "tarif", "teksnya tidak sama dengan yang dicatat jejak audit saat dipasang"},
	{"flipped status byte", []string{`PRAGMA ignore_check_constraints = ON`, `UPDATE visits SET status = 'Sei' WHERE id = ` + finished}, "aturan tabel", "(kunjungan A-001 (2026-10-28)), melanggar aturan status IN"},
	{"audit trigger replaced with WHEN 0", []string{dropTrig, `CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit WHEN 0
BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END`}, "skema", "pemicu audit_no_update diubah"},
	{"audit row of a personal field with values", []string{`INSERT INTO audit (origin, seq, at, entity, entity_id, action, field, old, new, personal)
		VALUES (1, (SELECT max(seq) + 1 FROM audit WHERE origin = 1), '2026-11-26T09:00:00.000000Z', 'visitor', 'v', 'ubah', 'name', 'Siti', 'Sita', 0)`}, "audit", "tidak bertanda data pribadi"},

	// Further edits of the same kinds.
	{"personal audit row given a value", []string{dropTrig, `PRAGMA ignore_check_constraints = ON`,
		`UPDATE audit SET new = '1906015203990001' WHERE seq = (SELECT min(seq) FROM audit WHERE personal = 1)`, putTrig}, "audit", "memuat nilai data pribadi"},
	{"method switched Tunai to Bank", []string{`UPDATE payments SET method = 'Bank' WHERE id = ` + cashPay}, "pembayaran", "tanpa kode billing"},
	{"bank payment without NTB", []string{`UPDATE payments SET ntb = '' WHERE id = ` + bankPay}, "pembayaran", `NTB "" yang tidak sah`},
	{"payment amount alone", []string{`UPDATE payments SET amount = amount + 1000 WHERE id = ` + cashPay}, "pembayaran", "tidak sama dengan yang dicatat jejak audit saat dibayar"},
	{"paid time moved to another day", []string{`UPDATE payments SET paid_at = strftime('%Y-%m-%dT%H:%M:%S', paid_at, '+1 day') || '.000000Z' WHERE id = ` + cashPay}, "pembayaran", "padahal waktu bayarnya"},
	{"bank payment before its billing code", []string{`UPDATE billing_codes SET created_at = strftime('%Y-%m-%dT%H:%M:%S', created_at, '+8 days') || '.000000Z', expires_at = strftime('%Y-%m-%dT%H:%M:%S', expires_at, '+8 days') || '.000000Z' WHERE id = (SELECT billing_id FROM payments WHERE id = ` + bankPay + `)`}, "pembayaran", "di luar masa berlaku kode billing"},
	{"billing code validity extended", []string{`UPDATE billing_codes SET expires_at = strftime('%Y-%m-%dT%H:%M:%S', expires_at, '+30 days') || '.000000Z' WHERE id = (SELECT billing_id FROM payments WHERE id = ` + bankPay + `)`}, "kode billing", "masa berlaku tidak 7 hari"},
	{"expired billing code marked replaced", []string{`UPDATE billing_codes SET status = 'diganti' WHERE id = (SELECT id FROM billing_codes WHERE status = 'kedaluwarsa' LIMIT 1)`}, "kode billing", "seharusnya kedaluwarsa"},
	{"cancelled billing code reactivated", []string{`UPDATE billing_codes SET status = 'aktif' WHERE id = (SELECT id FROM billing_codes WHERE status = 'kedaluwarsa' LIMIT 1)`}, "kode billing", "seharusnya kedaluwarsa"},
	{"billing code reused by another visit", []string{`UPDATE billing_codes SET code = (SELECT code FROM billing_codes WHERE id = (SELECT billing_id FROM payments WHERE id = ` + bankPay + `)) WHERE id = (SELECT billing_id FROM payments WHERE id = ` + bankPay2 + `)`}, "kode billing", "dipakai 2 kunjungan"},
	{"kuitansi renumbered with its sequence", []string{`UPDATE invoices SET seq = 999, number = substr(number, 1, length(number) - 4) || '0999' WHERE id = ` + kuitansi}, "nomor", "tidak ada (nomor yang dibatalkan tetap tercatat"},
	{"voided kuitansi deleted", []string{`DELETE FROM invoices WHERE id = ` + voided}, "nomor", "tidak ada (nomor yang dibatalkan tetap tercatat"},
	{"void reason erased", []string{`UPDATE invoices SET void_reason = '' WHERE id = ` + voided}, "nomor", "dibatalkan tanpa alasan"},
	{"kuitansi moved to another month's series", []string{`UPDATE invoices SET month = 1, number = replace(number, '/2026/1', '/2026/01') WHERE id = ` + kuitansi}, "nomor", "tercatat pada seri bulan 01/2026"},
	{"unpaid invoice amount edited", []string{`UPDATE invoices SET amount = amount + 15000 WHERE id = ` + unpaidInv}, "nomor", "total kunjungan"},
	{"visit total edited", []string{`UPDATE visits SET total = total + 15000 WHERE id = (SELECT visit_id FROM items WHERE id = ` + pubLine + `)`}, "tarif", "jumlah produknya"},
	{"line amount edited", []string{`UPDATE items SET amount = amount - 15000 WHERE id = ` + pubLine}, "tarif", "dihitung ulang"},
	{"Rp0 visitor's category edited", []string{`UPDATE visits SET v_inst_category = 'Swasta' WHERE id = ` + zeroVisit}, "tarif", "dihitung ulang"},
	{"line's breakdown edited", []string{`UPDATE items SET quote = 'Rp0' WHERE id = ` + pubLine}, "tarif", "rincian atau dasar tarif"},
	{"schedule's name edited in its row", []string{`UPDATE schedules SET name = 'PP No. 7 Tahun 2015'`}, "tarif", "tidak sama dengan teks jadwalnya"},
	{"visit's schedule name edited", []string{`UPDATE visits SET schedule_name = 'PP No. 7 Tahun 2015' WHERE id = ` + finished}, "tarif", "nama jadwal tarif tercatat"},
	{"kuitansi's payer edited", []string{`UPDATE invoices SET payer = payer || ' X' WHERE id = ` + kuitansi}, "nomor", "nama wajib bayar di kuitansi tidak sama dengan nama pada pembayarannya"},
	{"invoice given a payer", []string{`UPDATE invoices SET payer = 'Siti' WHERE id = ` + unpaidInv}, "nomor", "memuat nama wajib bayar, padahal hanya kuitansi"},
	{"hand-over cash receipts edited", []string{`UPDATE handovers SET cash_receipts = cash_receipts + 10000, difference = difference - 10000 WHERE id = ` + handover}, "penyerahan kas", "penerimaan tunai tercatat"},
	{"suspended time inflated", []string{`UPDATE visits SET suspended_secs = suspended_secs + 600 WHERE id = ` + suspended}, "waktu", "jumlah penundaannya"},
	{"suspension ends after the finish", []string{`UPDATE suspensions SET ended_at = '2030-01-01T00:00:00.000000Z' WHERE visit_id = ` + suspended}, "waktu", "setelah kunjungan selesai"},
	{"visit moved to another day", []string{`UPDATE visits SET day = '2026-11-01' WHERE id = ` + finished}, "waktu", "tercatat pada tanggal 2026-11-01"},
	{"queue number changed", []string{`UPDATE visits SET queue_no = 900 WHERE id = ` + finished}, "waktu", "nomor [001 "},
	{"step time before arrival", []string{`UPDATE visit_steps SET done_at = '2020-01-01T00:00:00.000000Z' WHERE step = 1 AND visit_id = ` + finished}, "waktu", "langkah 1 tercatat sebelum pengunjung datang"},
	{"hand-over from an unknown counter", []string{`UPDATE handovers SET origin = 7 WHERE id = ` + handover}, "loket asal", "tabel handovers: 1 baris berasal dari loket 7, yang tidak terdaftar"},
	{"index added", []string{`CREATE INDEX intip ON visits(v_name)`}, "skema", "indeks intip ditambahkan di luar loket"},
	{"index dropped", []string{`DROP INDEX payments_ntpn`}, "skema", "indeks payments_ntpn tidak ada"},
	{"column added", []string{`ALTER TABLE visits ADD COLUMN catatan TEXT`}, "skema", "tabel visits diubah"},
	{"rating score out of range", []string{`PRAGMA ignore_check_constraints = ON`, `UPDATE ratings SET u1 = 7 WHERE id = (SELECT id FROM ratings WHERE declined = 0 LIMIT 1)`}, "aturan tabel", "u1 BETWEEN 1 AND 4"},
	{"zero payment", []string{`PRAGMA ignore_check_constraints = ON`, `UPDATE payments SET amount = 0 WHERE id = ` + cashPay}, "aturan tabel", "amount > 0"},

	// Edits an audit of the catalogue found unnoticed: each changes a value
	// the trail recorded when the record was written (schema 3's payment
	// row records the NTPN, NTB and paid time of a bank payment; every money
	// row's audit row carries its time and officer).
	{"NTPN swapped for another valid one", []string{`UPDATE payments SET ntpn = 'ZZZZ9999ZZZZ9999' WHERE id = ` + bankPay}, "pembayaran", "dengan NTPN ZZZZ9999ZZZZ9999, padahal jejak audit mencatat NTPN"},
	{"NTB swapped for another valid one", []string{`UPDATE payments SET ntb = 'NTB0000000001' WHERE id = ` + bankPay}, "pembayaran", "dengan NTB NTB0000000001, padahal jejak audit mencatat NTB"},
	{"bank paid time moved a minute", []string{`UPDATE payments SET paid_at = strftime('%Y-%m-%dT%H:%M:%S', paid_at, '-1 minute') || '.000000Z' WHERE id = ` + bankPay}, "pembayaran", "padahal jejak audit mencatat waktu bayar"},
	{"cash paid time moved a minute", []string{`UPDATE payments SET paid_at = strftime('%Y-%m-%dT%H:%M:%S', paid_at, '-1 minute') || '.000000Z' WHERE id = ` + cashPay}, "pembayaran", "padahal jejak audit mencatat waktu bayar"},
	{"payment's officer nulled", []string{`UPDATE payments SET officer_id = NULL WHERE id = ` + cashPay}, "pembayaran", "petugas pembayaran tidak sama dengan yang dicatat jejak audit"},
	{"billing code created an hour earlier", []string{`UPDATE billing_codes SET created_at = strftime('%Y-%m-%dT%H:%M:%S', created_at, '-1 hour') || '.000000Z', expires_at = strftime('%Y-%m-%dT%H:%M:%S', expires_at, '-1 hour') || '.000000Z' WHERE id = (SELECT billing_id FROM payments WHERE id = ` + bankPay2 + `)`}, "kode billing", "dibuat pada waktu yang tidak sama dengan yang dicatat jejak audit"},
	{"billing code's officer nulled", []string{`UPDATE billing_codes SET officer_id = NULL WHERE id = (SELECT billing_id FROM payments WHERE id = ` + bankPay + `)`}, "kode billing", "petugas tidak sama dengan yang dicatat jejak audit"},
	{"kuitansi issued a day later within the month", []string{`UPDATE invoices SET issued_at = strftime('%Y-%m-%dT%H:%M:%S', issued_at, '+1 day') || '.000000Z' WHERE id = ` + kuitansi}, "nomor", "terbit pada waktu yang tidak sama dengan yang dicatat jejak audit"},
	{"invoice's officer nulled", []string{`UPDATE invoices SET officer_id = NULL WHERE id = ` + unpaidInv}, "nomor", "petugas tidak sama dengan yang dicatat jejak audit"},
	{"hand-over time moved a day later", []string{`UPDATE handovers SET handed_at = strftime('%Y-%m-%dT%H:%M:%S', handed_at, '+1 day') || '.000000Z' WHERE id = ` + handover}, "penyerahan kas", "diserahkan pada waktu yang tidak sama dengan yang dicatat jejak audit"},
	{"hand-over time before its day", []string{`UPDATE handovers SET handed_at = strftime('%Y-%m-%dT%H:%M:%S', handed_at, '-2 days') || '.000000Z' WHERE id = ` + handover}, "penyerahan kas", "diserahkan sebelum hari itu dimulai"},
	{"void time moved", []string{`UPDATE invoices SET void_at = strftime('%Y-%m-%dT%H:%M:%S', void_at, '-1 hour') || '.000000Z' WHERE id = ` + voided}, "nomor", "dibatalkan pada waktu yang tidak sama dengan yang dicatat jejak audit"},
	{"hand-over's officer nulled", []string{`UPDATE handovers SET officer_id = NULL WHERE id = ` + handover}, "penyerahan kas", "petugas tidak sama dengan yang dicatat jejak audit"},

	// Step 11 waits at the bank only with an active kode billing: on an
	// open visit, and on a cancelled one (Cancel voids the code and sets
	// the step back to pending, so a cancelled visit never waits).
	{"open visit's waiting code voided", []string{`UPDATE billing_codes SET status = 'dibatalkan' WHERE id = (SELECT b.id FROM billing_codes b
		JOIN visits v ON v.id = b.visit_id WHERE v.status = 'Berjalan' AND b.status = 'aktif' ORDER BY b.created_at LIMIT 1)`},
		"kode billing", "langkah 11 menunggu pembayaran bank tanpa kode billing aktif"},
	{"cancelled visit left waiting at the bank", []string{`UPDATE visit_steps SET state = 'waiting' WHERE step = 11 AND visit_id = (SELECT v.id FROM visits v
		JOIN visit_steps s ON s.visit_id = v.id AND s.step = 11 WHERE v.status = 'Batal' AND s.state = 'pending' ORDER BY v.arrived_at LIMIT 1)`},
		"kode billing", "langkah 11 menunggu pembayaran bank tanpa kode billing aktif"},

	// A visit's record is sealed in the trail when it closes (visit_seal.go)
	// instead of one audit row per step and per first value: an edit of a
	// closed visit's step rows or values that breaks no other rule is found
	// by the seal.
	{"finished visit's step given to another officer", []string{`UPDATE visit_steps SET officer_id = (SELECT o.id FROM officers o
		WHERE o.id <> coalesce(visit_steps.officer_id, '') ORDER BY o.id LIMIT 1) WHERE step = 5 AND visit_id = ` + finished}, "kunjungan", "tidak sama dengan yang disegel jejak audit"},
	{"finished visit's step time moved a second", []string{`UPDATE visit_steps SET done_at = strftime('%Y-%m-%dT%H:%M:%S', done_at, '+1 second') || '.000000Z' WHERE step = 10 AND visit_id = ` + finished}, "kunjungan", "tidak sama dengan yang disegel jejak audit"},
	{"finished visit's agreement flipped", []string{`UPDATE visits SET agreed = 0 WHERE id = ` + finished}, "kunjungan", "tidak sama dengan yang disegel jejak audit"},
	{"finished visit's consent withdrawn", []string{`UPDATE visits SET consent = 1 - consent WHERE id = ` + finished}, "kunjungan", "tidak sama dengan yang disegel jejak audit"},
	{"finished visit's opening officer changed", []string{`UPDATE visits SET officer_id = (SELECT o.id FROM officers o
		WHERE o.id <> visits.officer_id ORDER BY o.id LIMIT 1) WHERE id = ` + finished}, "kunjungan", "tidak sama dengan yang disegel jejak audit"},
	{"cancelled visit's pending step marked not applicable", []string{`UPDATE visit_steps SET state = 'na', reason = 'tidak berlaku' WHERE step = 16 AND visit_id = (SELECT id FROM visits WHERE status = 'Batal' ORDER BY arrived_at LIMIT 1)`}, "kunjungan", "tidak sama dengan yang disegel jejak audit"},
}

// Every edit of the catalogue is found on its own copy of the demo
// database, each names its record, and check changes no byte of the file.
func TestCheckCatalogue(t *testing.T) {
	if store.RaceDetector {
		t.Skip("sequential SQL work, run in full without -race")
	}
	if len(catalogue) < 40 {
		t.Fatalf("catalogue has %d edits, the issue asks for at least 40", len(catalogue))
	}
	clean := catalogueBytes(t)
	t.Run("untouched copy", func(t *testing.T) {
		path := writeCopy(t, clean)
		r := checkUnchanged(t, path)
		if !r.OK() {
			t.Fatalf("problems in the untouched copy:\n%s", problems(r))
		}
		if r.Visits < 100 || r.Payments < 50 {
			t.Errorf("fixture too small: %+v", r)
		}
	})
	for i, e := range catalogue {
		// -short (CI's race run) checks one edit in eight; the ordinary
		// run checks them all.
		if testing.Short() && i%8 != 0 {
			continue
		}
		t.Run(e.name, func(t *testing.T) {
			path := writeCopy(t, clean)
			apply(t, path, e.sql)
			r := checkUnchanged(t, path)
			for _, p := range r.Problems {
				if p.Area == e.area && strings.Contains(p.Msg, e.want) {
					return
				}
			}
			t.Errorf("want %s: …%s…; got:\n%s", e.area, e.want, problems(r))
		})
	}
}

func writeCopy(t *testing.T, b []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "loket.db")
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// apply runs the statements on one connection (PRAGMAs hold per
// connection); each UPDATE, DELETE or INSERT must change a row, so an edit
// that missed its target cannot pass as found.
func apply(t *testing.T, path string, stmts []string) {
	t.Helper()
	db, err := sql.Open("sqlite", path+"?_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	for _, s := range stmts {
		res, err := conn.ExecContext(ctx, s)
		if err != nil {
			t.Fatalf("%s: %v", s, err)
		}
		verb := strings.ToUpper(strings.Fields(s)[0])
		if verb == "UPDATE" || verb == "DELETE" || verb == "INSERT" {
			if n, err := res.RowsAffected(); err != nil || n == 0 {
				t.Fatalf("edit changed no row (%v): %s", err, s)
			}
		}
	}
}

// checkUnchanged runs Check and asserts the file is byte for byte the same.
func checkUnchanged(t *testing.T, path string) store.CheckReport {
	t.Helper()
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	r, err := store.Check(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	after, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, after) {
		t.Errorf("check changed %s", path)
	}
	return r
}

func problems(r store.CheckReport) string {
	var b strings.Builder
	for _, p := range r.Problems {
		b.WriteString(p.String() + "\n")
	}
	return b.String()
}
