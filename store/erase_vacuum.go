package store

import (
	"context"
	"fmt"
)

// rebuildFile rewrites every page of the database (VACUUM) so that no copy
// of an erased value stays in unused space. secure_delete zeroes what an
// erasure frees, but a file restored by an older loket (its
// VACUUM INTO ran without secure_delete) also holds copies of cells that
// were live when the copy was built, left in the unused space of interior
// pages after their root split; nothing frees them, so only a rebuild
// reaches them. The rebuild is built in a temporary file (temp_store=FILE)
// rather than memory, which a year of visits took to 119 MB and a decade
// would take to about 1,2 GB; the temporary file holds only what is still
// live, so no erased value goes there.
//
// In WAL mode the rebuilt pages go to the WAL first; truncateWAL, which
// follows, copies them over the old ones and empties the WAL.
func (s *Store) rebuildFile(ctx context.Context) error {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return mapErr(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `PRAGMA temp_store = FILE`); err != nil {
		return mapErr(err)
	}
	_, verr := conn.ExecContext(ctx, `VACUUM`)
	// Back to the pool's setting whatever VACUUM answered.
	if _, err := conn.ExecContext(context.WithoutCancel(ctx), `PRAGMA temp_store = MEMORY`); err != nil && verr == nil {
		verr = err
	}
	if verr != nil {
		return fmt.Errorf("store: vacuum: %w", mapErr(verr))
	}
	return nil
}
