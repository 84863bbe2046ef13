package store

import (
	"errors"
	"os"
	"regexp"
	"strings"
	"testing"

	"loket/tariff"
)

// installWith installs the embedded schedule with one item line replaced,
// in force from a date after the embedded one.
func (f *fixture) installWith(code, line string) {
	f.t.Helper()
	b, err := os.ReadFile("../tariff/pp13-2024.tarif")
	f.must(err)
	body := string(b)
	body = regexp.MustCompile(`(?m)^item: `+code+` .*$`).ReplaceAllString(body, line)
	body = regexp.MustCompile(`(?m)^berlaku:.*$`).ReplaceAllString(body, "berlaku: 2026-11-01")
	if !strings.Contains(body, line) {
		f.t.Fatalf("no item %s to replace", code)
	}
	_, err = f.s.InstallSchedule(f.ctx, f.off, []byte(body))
	f.must(err)
}

// The issue 14 reproduction: an item of Rp6.148.915 per byte and three lines
// of 999.999.949.786 bytes. Each line fits int64 (Rp6.148.914.691.236.543.872)
// but their sum does not, and the visit total wrapped to Rp80.000, which
// was invoiced, receipted and accepted in cash. Now the request is refused
// naming the line, and nothing of it is saved.
func TestRequestOverflowRefused(t *testing.T) {
	f := newFixture(t)
	f.installWith("DM-MENTAH", "item: DM-MENTAH | data_mikro | Data mikro tanpa proses | byte | 1 | 4.310.597 | 1 | 6.148.915")
	v := f.walk(paidPub, StepGuestBook)
	line := ItemInput{Code: "DM-MENTAH", Title: "Susenas", Bytes: 999_999_949_786, Format: "CSV"}
	err := f.s.RecordRequest(f.ctx, f.off, v.ID, RequestInput{Items: []ItemInput{line, line, line}})
	if err == nil || !strings.Contains(err.Error(), "Produk 1: Tarif DM-MENTAH untuk 999.999.949.786 byte melebihi batas Rp100.000.000.000") {
		t.Fatalf("request of three huge lines: %v (total %s), want a refusal naming Produk 1", err, tariff.Rupiah(f.visit(v.ID).Total))
	}
	if got := f.visit(v.ID); len(got.Items) != 0 || got.Total != 0 || got.Step(StepRequest).State == StateDone {
		t.Fatalf("refused request half-saved: %d items, total %d, step 4 %s", len(got.Items), got.Total, got.Step(StepRequest).State)
	}
}

// Lines that are each within the bound may not sum above it: the visit total
// is refused at the line that crosses Rp100.000.000.000, and a total at
// the bound is accepted.
func TestRequestTotalBound(t *testing.T) {
	f := newFixture(t)
	f.installWith("PETA-ID-DESA", "item: PETA-ID-DESA | peta | Peta per desa | peta | 1 | 1.000.000.000 | 0 | 0")
	v := f.walk(paidPub, StepGuestBook)
	line := ItemInput{Code: "PETA-ID-DESA", Title: "Peta desa", Maps: 40}
	err := f.s.RecordRequest(f.ctx, f.off, v.ID, RequestInput{Items: []ItemInput{line, line, line}})
	if !errors.Is(err, ErrAmount) || err.Error() != "Produk 3 (PETA-ID-DESA): total kunjungan menjadi lebih dari Rp100.000.000.000, batas satu kunjungan; periksa jumlahnya" {
		t.Fatalf("three lines of Rp40.000.000.000: %v (total %d)", err, f.visit(v.ID).Total)
	}
	if got := f.visit(v.ID); len(got.Items) != 0 || got.Total != 0 {
		t.Fatalf("refused request half-saved: %d items, total %d", len(got.Items), got.Total)
	}
	half := ItemInput{Code: "PETA-ID-DESA", Title: "Peta desa", Maps: 50}
	f.must(f.s.RecordRequest(f.ctx, f.off, v.ID, RequestInput{Items: []ItemInput{half, half}}))
	if got := f.visit(v.ID).Total; got != 100_000_000_000 {
		t.Fatalf("total at the bound: %d", got)
	}
}

// A schedule whose price is over the bound is refused naming the line, and
// the schedule in force stays.
func TestInstallScheduleBounds(t *testing.T) {
	f := newFixture(t)
	body := strings.Replace(string(mustRead(t, "../tariff/pp13-2024.tarif")), "| 36.000.000 ", "| 36.000.000.000 ", 1)
	_, err := f.s.InstallSchedule(f.ctx, f.off, []byte(body))
	if err == nil || !regexp.MustCompile(`baris \d+: harga terlalu besar \(paling banyak Rp1\.000\.000\.000\)`).MatchString(err.Error()) {
		t.Fatalf("schedule with a price of Rp36.000.000.000: %v", err)
	}
	if sch, err := f.s.Schedule(f.ctx); err != nil || sch.Items[4].BaseRp != 36_000_000 {
		t.Fatalf("schedule in force changed: %v", err)
	}
}

// The store checks a product's year itself, whoever calls: before, only
// the request screen refused 1800, and `loket` callers or a future screen
// could record it.
func TestRequestYearRefused(t *testing.T) {
	f := newFixture(t)
	v := f.walk(paidPub, StepGuestBook)
	for _, y := range []int{1800, 2101, -5} {
		line := ItemInput{Code: "PUB-EL", Title: "Belitung Timur Dalam Angka", Pages: 10, Year: y}
		err := f.s.RecordRequest(f.ctx, f.off, v.ID, RequestInput{Items: []ItemInput{{Code: "PUB-EL", Title: "Lain", Pages: 1}, line}})
		if err == nil || !strings.Contains(err.Error(), "Produk 2: tahun: tahun harus antara 1900 dan 2100") {
			t.Fatalf("year %d: %v, want a refusal naming Produk 2: tahun", y, err)
		}
	}
	if got := f.visit(v.ID); len(got.Items) != 0 {
		t.Fatalf("refused request half-saved: %d items", len(got.Items))
	}
	line := ItemInput{Code: "PUB-EL", Title: "Belitung Timur Dalam Angka", Pages: 10, Year: 2025}
	f.must(f.s.RecordRequest(f.ctx, f.off, v.ID, RequestInput{Items: []ItemInput{line}}))
}
