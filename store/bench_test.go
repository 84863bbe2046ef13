package store

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand"
	"strings"
	"testing"
	"time"
)

// BenchmarkLoadVisit measures loading one visit with all its records, which
// every step does before its rules are checked.
func BenchmarkLoadVisit(b *testing.B) {
	f := newFixture(b)
	v := f.walk(microdata, StepHandover)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := f.s.Visit(f.ctx, v.ID); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkStepCommit measures one step saved with synchronous=FULL: the
// price of durability the officer pays per step (issue 5, goal 5).
func BenchmarkStepCommit(b *testing.B) {
	f := newFixture(b)
	v := f.walk(paidPub, StepGuestBook)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		f.clock.Add(time.Second)
		if err := f.s.RecordPurpose(f.ctx, f.off, v.ID, "Membeli data", "Tugas sekolah/kuliah"); err != nil {
			b.Fatal(err)
		}
	}
}

// Lookup as you type (issue 5, goal 4): the guest book asks FindVisitors
// for 4 returning visitors on every key from the second character on
// (tui lookupMin, lookupShown). lookupVisitors is the size of the visitor
// table it must stay quick on.
const (
	lookupVisitors = 50_000
	lookupMin      = 2
	lookupShown    = 4
)

// lookupTyped are what the officer types, one key at a time: a name (any
// word), an ID number (every NIK of the regency starts 1906, the worst
// prefix there is) and an email address.
var lookupTyped = []struct{ name, typed string }{
	{"name", "siti aminah"},
	{"nik", "1906054512900123"},
	{"email", "siti.aminah12@gmail.com"},
}

var (
	lookupFirst = []string{"Siti", "Budi", "Ahmad", "Dewi", "Rudi", "Nur", "Agus", "Rina", "Hendra", "Yuni", "Fajar",
		"Intan", "Eko", "Maya", "Rizky", "Putri", "Bayu", "Wulan", "Dimas", "Sari", "Joko", "Ayu", "Teguh", "Lina",
		"Andi", "Fitri", "Hasan", "Indah", "Irfan", "Kartika", "Lukman", "Mega", "Nanda", "Oki", "Rahmat", "Ratna",
		"Slamet", "Tuti", "Umar", "Vina", "Wahyu", "Yusuf", "Zainal", "Aisyah", "Bambang", "Citra", "Dedi", "Endang"}
	lookupLast = []string{"Aminah", "Santoso", "Pratama", "Lestari", "Hidayat", "Wijaya", "Saputra", "Kurniawan",
		"Rahmawati", "Nugroho", "Setiawan", "Susanti", "Halim", "Gunawan", "Siregar", "Hakim", "Utami", "Permana",
		"Syahputra", "Maharani", "Firmansyah", "Anggraini", "Ramadhan", "Puspita", "Hartono", "Wibowo", "Yulianti",
		"Suryadi", "Handayani", "Kusuma", "Sembiring", "Nasution", "Tanjung", "Harahap", "Lubis", "Simanjuntak"}
	lookupMail = []string{"gmail.com", "yahoo.co.id", "bps.go.id", "ubb.ac.id", "belitungtimurkab.go.id"}
)

// lookupDB fills a database with lookupVisitors visitors with consent,
// through the same path as the guest book (upsertVisitor: the record, its
// lookup terms, its audit row), in one transaction. The visitor the
// typing ends on is among them.
func lookupDB(b *testing.B) *Store {
	b.Helper()
	f := newFixture(b)
	rng := rand.New(rand.NewSource(5))
	err := f.s.write(f.ctx, func(tx *sql.Tx) error {
		for i := range lookupVisitors {
			first, last := lookupFirst[rng.Intn(len(lookupFirst))], lookupLast[rng.Intn(len(lookupLast))]
			g := Guest{IDType: "KTP", Name: first + " " + last, Gender: "P", Education: "D4/S1",
				Occupation: "Pegawai Swasta", Institution: "PT Timah", Category: "Swasta",
				IDNumber: fmt.Sprintf("1906%02d%02d%02d%02d%04d", 1+rng.Intn(7), 1+rng.Intn(70), 1+rng.Intn(12), rng.Intn(100), rng.Intn(10000)),
				Email:    fmt.Sprintf("%s.%s%d@%s", strings.ToLower(first), strings.ToLower(last), rng.Intn(100), lookupMail[rng.Intn(len(lookupMail))]),
				Phone:    fmt.Sprintf("08%02d%08d", 11+rng.Intn(9), rng.Intn(100000000))}
			if i == lookupVisitors/2 {
				g.Name, g.IDNumber, g.Email = "Siti Aminah", lookupTyped[1].typed, lookupTyped[2].typed
			}
			f.clock.Add(time.Second)
			if _, err := f.s.upsertVisitor(f.ctx, tx, f.off, "", g); err != nil {
				return err
			}
		}
		return nil
	})
	f.must(err)
	_, err = f.s.db.ExecContext(f.ctx, "PRAGMA optimize")
	f.must(err)
	return f.s
}

// BenchmarkLookup50k times one key of the returning-visitor lookup:
// FindVisitors on the text typed so far, for every key from the second
// character, with 50,000 visitors. ns/op is the mean over the keys of one
// field; worst-ms/key is the slowest key's mean.
func BenchmarkLookup50k(b *testing.B) {
	s := lookupDB(b)
	ctx := context.Background()
	for _, lt := range lookupTyped {
		var prefixes []string
		for i := lookupMin; i <= len(lt.typed); i++ {
			if p := lt.typed[:i]; !strings.HasSuffix(p, " ") {
				prefixes = append(prefixes, p)
			}
		}
		b.Run(lt.name, func(b *testing.B) {
			spent := make([]time.Duration, len(prefixes))
			runs := make([]int, len(prefixes))
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				k := i % len(prefixes)
				start := time.Now()
				vs, err := s.FindVisitors(ctx, prefixes[k], lookupShown)
				spent[k] += time.Since(start)
				runs[k]++
				if err != nil || len(vs) == 0 {
					b.Fatalf("%q: %d found, %v", prefixes[k], len(vs), err)
				}
			}
			worst := 0.0
			for k := range spent {
				if runs[k] > 0 {
					worst = max(worst, float64(spent[k].Microseconds())/1000/float64(runs[k]))
				}
			}
			b.ReportMetric(worst, "worst-ms/key")
		})
	}
}
