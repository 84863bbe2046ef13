package export

import (
	"context"
	"io"
	"testing"

	"loket/store"
)

// BenchmarkRecapYear writes the period recap (loket laporan) of the demo
// year to io.Discard; compare it with BenchmarkExportYear, the daily
// workbook of the same days (goal: within 1,5× of its time).
func BenchmarkRecapYear(b *testing.B) {
	ctx := context.Background()
	s, err := store.Open(ctx, benchDemoDB(b, 365), store.Options{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	from, to := benchPeriod(365)
	p := Period{Kind: PeriodRange, From: from, To: to}
	b.ReportAllocs()
	var sum RecapSummary
	for b.Loop() {
		if sum, err = RecapWorkbook(ctx, s, io.Discard, RecapOptions{Period: p, MadeBy: "Rina Marlina", Now: benchMadeAt}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(sum.Visits), "visits")
	b.ReportMetric(float64(sum.Receipts), "receipts")
}
