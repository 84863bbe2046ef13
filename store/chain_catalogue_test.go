package store_test

// The chain's edits in the catalogue (check_catalogue_test.go): each on its
// own copy of the demo month, found under rantai audit. The last one (a row
// deleted, the rest renumbered and the counter lowered) passed every other
// rule before schema 3.
func init() {
	const (
		dropDel = `DROP TRIGGER audit_no_delete`
		putDel  = `CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END`
		valued = `(SELECT min(seq) FROM audit WHERE new IS NOT NULL AND personal = 0 AND seq > 20)`
	)
	catalogue = append(catalogue, []edit{
		{"audit row's value edited", []string{dropTrig, `UPDATE audit SET new = new || '0' WHERE seq = ` + valued, putTrig}, "rantai audit", "sidik tidak cocok"},
		{"audit row's officer edited", []string{dropTrig, `UPDATE audit SET officer_id = NULL WHERE seq = (SELECT min(seq) FROM audit WHERE officer_id IS NOT NULL AND seq > 30)`, putTrig}, "rantai audit", "sidik tidak cocok"},
		{"audit row's hash replaced", []string{dropTrig, `UPDATE audit SET hash = zeroblob(32) WHERE seq = 40`, putTrig}, "rantai audit", "terputus di baris 40 "},
		{"audit row deleted, the rest renumbered, the counter lowered", []string{dropTrig, dropDel,
			`DELETE FROM audit WHERE seq = 50`, `UPDATE audit SET seq = seq - 1 WHERE seq > 50`,
			`UPDATE counters SET audit_seq = audit_seq - 1 WHERE id = 1`, putTrig, putDel}, "rantai audit", "terputus di baris 50 "},
	}...)
}
