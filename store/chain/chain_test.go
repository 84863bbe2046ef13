package chain

import (
	"encoding/hex"
	"strings"
	"testing"
)

func str(s string) *string { return &s }

func rows(n int) []Row {
	var out []Row
	for i := 1; i <= n; i++ {
		out = append(out, Row{Origin: "1906/A", Seq: int64(i), At: "2026-11-26T02:00:00.000000Z", Officer: "O1",
			Entity: "visit", EntityID: "V1", Action: "ubah", Field: "total", Values: ValuesHash(str("0"), str("80000"))})
	}
	return out
}

// chainOf computes the stored hashes of rows, as the store will write them.
func chainOf(rs []Row) []Hash {
	prev := Genesis
	var out []Hash
	for _, r := range rs {
		prev = Next(prev, r)
		out = append(out, prev)
	}
	return out
}

func iter(rs []Row, hs []Hash) func(func(Row, Hash) bool) {
	return func(yield func(Row, Hash) bool) {
		for i := range rs {
			if !yield(rs[i], hs[i]) {
				return
			}
		}
	}
}

// The encoding is fixed: a hash computed today verifies in every later
// version. This vector may only change with a new domain string.
func TestHashIsStable(t *testing.T) {
	r := rows(1)[0]
	// The encoding written out by hand: lengths are 4 bytes big-endian,
	// the number 8 bytes, then the values' hash and the previous hash.
	var b []byte
	b = append(b, "loket audit v1\x00"...)
	for i, s := range []string{r.Origin, "", r.At, r.Officer, r.Entity, r.EntityID, r.Action, r.Field} {
		if i == 1 {
			b = append(b, 0, 0, 0, 0, 0, 0, 0, 1)
			continue
		}
		b = append(b, 0, 0, 0, byte(len(s)))
		b = append(b, s...)
	}
	b = append(b, r.Values[:]...)
	b = append(b, Genesis[:]...)
	if string(Encode(Genesis, r)) != string(b) {
		t.Errorf("encoding\n%x, want\n%x", Encode(Genesis, r), b)
	}
	h := Next(Genesis, r)
	if got := hex.EncodeToString(h[:]); got != golden {
		t.Errorf("hash of the first row = %s, want %s", got, golden)
	}
}

// Every field is in the hash, NULL differs from empty, and the boundaries
// between fields cannot be shifted.
func TestEveryFieldCounts(t *testing.T) {
	base := rows(1)[0]
	h := Next(Genesis, base)
	edits := map[string]func(r *Row){
		"origin": func(r *Row) { r.Origin = "1906/B" }, "seq": func(r *Row) { r.Seq = 2 },
		"at": func(r *Row) { r.At = "2026-11-26T02:00:01.000000Z" }, "officer": func(r *Row) { r.Officer = "O2" },
		"entity": func(r *Row) { r.Entity = "visitor" }, "entity id": func(r *Row) { r.EntityID = "V2" },
		"action": func(r *Row) { r.Action = "bayar" }, "field": func(r *Row) { r.Field = "" },
		"values":  func(r *Row) { r.Values = ValuesHash(str("0"), str("80001")) },
		"shifted": func(r *Row) { r.Entity, r.EntityID = "visitV", "1" },
	}
	for name, edit := range edits {
		r := base
		edit(&r)
		if Next(Genesis, r) == h {
			t.Errorf("%s not in the hash", name)
		}
	}
	if Next(h, base) == h || Next(Hash{1}, base) == Next(Genesis, base) {
		t.Error("previous hash not in the hash")
	}
	if ValuesHash(nil, str("")) == ValuesHash(str(""), nil) || ValuesHash(nil, nil) == ValuesHash(str(""), str("")) {
		t.Error("NULL and empty values hash alike")
	}
}

// An edit, a deletion or an insertion anywhere breaks the chain at that row.
func TestVerifierFindsEditDeleteInsert(t *testing.T) {
	rs := rows(6)
	hs := chainOf(rs)
	v := NewVerifier("1906/A")
	for i := range rs {
		if err := v.Add(rs[i], hs[i]); err != nil {
			t.Fatalf("sound chain: %v", err)
		}
	}
	cases := map[string]func(rs []Row, hs []Hash) ([]Row, []Hash){
		"edited": func(rs []Row, hs []Hash) ([]Row, []Hash) { rs[2].Action = "hapus"; return rs, hs },
		"deleted": func(rs []Row, hs []Hash) ([]Row, []Hash) {
			return append(rs[:2:2], rs[3:]...), append(hs[:2:2], hs[3:]...)
		},
		"inserted": func(rs []Row, hs []Hash) ([]Row, []Hash) {
			x := rs[2]
			x.Field = "disisipkan"
			return append(append(rs[:3:3], x), rs[3:]...), append(append(hs[:3:3], hs[2]), hs[3:]...)
		},
		"renumbered after a deletion": func(rs []Row, hs []Hash) ([]Row, []Hash) {
			rs, hs = append(rs[:2:2], rs[3:]...), append(hs[:2:2], hs[3:]...)
			for i := 2; i < len(rs); i++ {
				rs[i].Seq = int64(i + 1)
			}
			return rs, hs
		},
	}
	for name, edit := range cases {
		rs, hs := edit(append([]Row(nil), rows(6)...), append([]Hash(nil), chainOf(rows(6))...))
		v := NewVerifier("1906/A")
		var err error
		for i := range rs {
			if err = v.Add(rs[i], hs[i]); err != nil {
				break
			}
		}
		if b, ok := err.(*Break); !ok || b.Seq != 3 && b.Seq != 4 {
			t.Errorf("%s: err = %v, want a break at row 3 or 4", name, err)
		}
	}
}

func TestCodeRoundTrip(t *testing.T) {
	rs := rows(5)
	hs := chainOf(rs)
	c := NewCode("1906/A", 4, hs[3])
	s := c.String()
	if !strings.HasPrefix(s, "1906/A-4-") || len(s) != len("1906/A-4-")+20+3 {
		t.Fatalf("code %q", s)
	}
	for _, typed := range []string{s, strings.ToLower(s), " " + strings.ReplaceAll(s, "-", " - ") + " ",
		"1906/A-4-" + strings.ReplaceAll(strings.ReplaceAll(s[len("1906/A-4-"):], "1", "l"), "0", "o")} {
		got, err := ParseCode(typed)
		if err != nil || got != c {
			t.Errorf("ParseCode(%q) = %+v, %v; want %+v", typed, got, err, c)
		}
	}
	if got, err := ParseCode("a-1-iiiii-LLLLL-ooooo-00000"); err != nil || got.Head != "11111111110000000000" || got.Origin != "A" {
		t.Errorf("misread letters: %+v %v", got, err)
	}
	if got, err := ParseCode("A-B-12-" + c.Head); err != nil || got.Origin != "A-B" || got.Seq != 12 {
		t.Errorf("origin with a dash: %+v %v", got, err)
	}
	for _, bad := range []string{"", "1906/A-4", "1906/A-x-" + c.Head, "1906/A-0-" + c.Head, "-4-" + c.Head, "1906/A-4-" + c.Head[:19] + "U"} {
		if _, err := ParseCode(bad); err == nil || !strings.HasPrefix(err.Error(), "Kode integritas: ") {
			t.Errorf("ParseCode(%q) err = %v", bad, err)
		}
	}
}

// A code verifies the prefix it names: the untouched trail (with rows
// written after it), and not an edit before it, a cut tail, or a chain
// rewritten from the start by someone who recomputed every hash.
func TestVerifyCode(t *testing.T) {
	rs := rows(8)
	hs := chainOf(rs)
	c := NewCode("1906/A", 5, hs[4])
	if err := VerifyCode(c, iter(rs, hs)); err != nil {
		t.Fatalf("untouched: %v", err)
	}
	after := append([]Row(nil), rs...)
	after[6].Action = "diubah sesudah kode"
	if err := VerifyCode(c, iter(after, chainOf(after))); err != nil {
		t.Errorf("a change after the code's row: %v", err)
	}
	edited := append([]Row(nil), rs...)
	edited[1].Field = "status"
	if err := VerifyCode(c, iter(edited, hs)); err == nil {
		t.Error("edited row with the old hashes verified")
	}
	if err := VerifyCode(c, iter(edited, chainOf(edited))); err == nil || !strings.Contains(err.Error(), "tidak sama dengan kode integritas") {
		t.Errorf("recomputed chain: %v", err)
	}
	if err := VerifyCode(c, iter(rs[:3], hs[:3])); err == nil || !strings.Contains(err.Error(), "baris terbaru telah dihapus") {
		t.Errorf("cut tail: %v", err)
	}
}

func FuzzParseCode(f *testing.F) {
	f.Add("1906/A-12-7K2QM-0ABCD-EFGHJ-KMNPQ")
	f.Add("a-1-oooooiiiiilllll00000")
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseCode(s)
		if err != nil {
			return
		}
		again, err := ParseCode(c.String())
		if err != nil || again != c {
			t.Fatalf("%q → %+v → %q → %+v, %v", s, c, c.String(), again, err)
		}
	})
}

// golden is the hash of rows(1)[0] after Genesis.
const golden = "dfb5b1cbad6cedb74188e8e73b5dd2f6321e9688d7243284391d98d3b8c48fc2"

func TestSealTellsEveryPartAndBoundary(t *testing.T) {
	base := Seal("1", "done", "OFF1", "2026-10-08T02:28:57.000000Z")
	if len(base) != 20 {
		t.Fatalf("seal %q: want 20 characters", base)
	}
	if again := Seal("1", "done", "OFF1", "2026-10-08T02:28:57.000000Z"); again != base {
		t.Fatalf("the same parts sealed %q then %q", base, again)
	}
	for _, parts := range [][]string{
		{"1", "done", "OFF2", "2026-10-08T02:28:57.000000Z"},     // another officer
		{"1", "done", "OFF1", "2026-10-08T02:28:58.000000Z"},     // another time
		{"1", "na", "OFF1", "2026-10-08T02:28:57.000000Z"},       // another state
		{"1", "doneOFF1", "", "2026-10-08T02:28:57.000000Z"},     // the same bytes, another boundary
		{"1", "done", "OFF1", "2026-10-08T02:28:57.000000Z", ""}, // one part more
	} {
		if got := Seal(parts...); got == base {
			t.Errorf("Seal(%q) = Seal of the original parts", parts)
		}
	}
}
