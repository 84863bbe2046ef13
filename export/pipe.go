package export

import (
	"errors"
	"sync"
)

// Sizes of the hand-over between the reading and the writing goroutine:
// at most pipeBatches batches of pipeRows rows are held at any time, so
// memory stays flat however long the period.
const (
	pipeRows    = 256
	pipeBatches = 3
)

// errPipeStopped ends a read whose rows are no longer wanted.
var errPipeStopped = errors.New("export: pembacaan dihentikan")

// pipe runs read in a goroutine of its own and hands its rows, in order,
// to write in the caller's goroutine, a batch at a time. Reading the
// snapshot (SQLite) and building the sheet (excelize) then run side by
// side instead of taking turns, which is most of the difference between
// an export and excelize writing the same rows alone. The report's
// transaction is used by the reading goroutine only, and by one query at
// a time, as database/sql requires. A write error stops the read; a read
// error is returned once the rows read before it are written.
func pipe[T any](read func(fn func(T) error) error, write func(T) error) error {
	free := make(chan []T, pipeBatches)
	for range pipeBatches {
		free <- make([]T, 0, pipeRows)
	}
	full := make(chan []T, pipeBatches)
	stop := make(chan struct{})
	var once sync.Once
	halt := func() { once.Do(func() { close(stop) }) }
	defer halt() // a write that panics must not leave the reader blocked
	errc := make(chan error, 1)
	go func() {
		defer close(full)
		batch := <-free
		send := func() error {
			select {
			case <-stop: // checked first: a select between two ready cases picks at random
				return errPipeStopped
			default:
			}
			select {
			case full <- batch:
			case <-stop:
				return errPipeStopped
			}
			batch = <-free // pipeBatches batches exist: one comes back
			return nil
		}
		err := read(func(x T) error {
			batch = append(batch, x)
			if len(batch) < pipeRows {
				return nil
			}
			return send()
		})
		if len(batch) > 0 && !errors.Is(err, errPipeStopped) {
			if serr := send(); err == nil {
				err = serr
			}
		}
		errc <- err
	}()
	var werr error
	for batch := range full {
		for _, x := range batch {
			if werr != nil {
				break
			}
			if werr = write(x); werr != nil {
				halt()
			}
		}
		clear(batch) // the rows' strings can go
		free <- batch[:0]
	}
	rerr := <-errc
	if werr != nil {
		return werr
	}
	return rerr
}
