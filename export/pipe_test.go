package export

import (
	"errors"
	"slices"
	"testing"
)

// counting reads n numbers, stopping at the first callback error.
func counting(n int, after error) func(fn func(int) error) error {
	return func(fn func(int) error) error {
		for i := range n {
			if err := fn(i); err != nil {
				return err
			}
		}
		return after
	}
}

func TestPipeKeepsOrder(t *testing.T) {
	for _, n := range []int{0, 1, pipeRows - 1, pipeRows, pipeRows*pipeBatches*3 + 7} {
		var got []int
		if err := pipe(counting(n, nil), func(i int) error { got = append(got, i); return nil }); err != nil {
			t.Fatal(err)
		}
		want := make([]int, n)
		for i := range want {
			want[i] = i
		}
		if !slices.Equal(got, want) {
			t.Fatalf("n=%d: got %d rows, out of order or missing", n, len(got))
		}
	}
}

func TestPipeWriteErrorStopsRead(t *testing.T) {
	boom := errors.New("boom")
	read := 0
	err := pipe(func(fn func(int) error) error {
		for i := range 1_000_000 {
			read++
			if err := fn(i); err != nil {
				return err
			}
		}
		return nil
	}, func(i int) error {
		if i == 10 {
			return boom
		}
		return nil
	})
	if !errors.Is(err, boom) {
		t.Fatalf("error %v, want boom", err)
	}
	if read > pipeRows*(pipeBatches+2) {
		t.Errorf("the read went on for %d rows after the write failed", read)
	}
}

func TestPipeReadErrorAfterRows(t *testing.T) {
	broken := errors.New("disk")
	n := 0
	err := pipe(counting(pipeRows+3, broken), func(int) error { n++; return nil })
	if !errors.Is(err, broken) || n != pipeRows+3 {
		t.Fatalf("error %v after %d rows; want disk after %d", err, n, pipeRows+3)
	}
}
