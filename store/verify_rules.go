package store

import (
	"context"
	"fmt"
)

// verifyRules runs CheckSchema and CheckConstraints on a copy that backup
// or restore verifies (q reads it, version is its schema version) and
// fails naming the first finding and how many there are: quick_check and
// integrity_check pass a file whose audit trigger was replaced, or whose
// row breaks a CHECK rule (SQLite does not evaluate CHECK on a read-only
// connection), so such a copy would otherwise be taken as sound.
func verifyRules(ctx context.Context, q querier, version int) error {
	ps, err := CheckSchema(ctx, q, version)
	if err != nil {
		return err
	}
	if len(ps) == 0 {
		if ps, err = CheckConstraints(ctx, q, version, 10); err != nil {
			return err
		}
	}
	switch len(ps) {
	case 0:
		return nil
	case 1:
		return fmt.Errorf("%s: %s", ps[0].Area, ps[0].Msg)
	default:
		return fmt.Errorf("%s: %s (dan %d masalah lain; jalankan loket check untuk rinciannya)", ps[0].Area, ps[0].Msg, len(ps)-1)
	}
}
