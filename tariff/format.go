package tariff

import (
	"fmt"
	"strconv"
	"strings"
)

// Rupiah formats whole Rupiah the Indonesian way: Rp1.250.000, Rp0,
// -Rp5.000.
func Rupiah(n int64) string {
	if n < 0 {
		return "-Rp" + groupUint(uint64(-n)) // -MinInt64 wraps to itself, whose uint64 is right
	}
	return "Rp" + groupUint(uint64(n))
}

// Thousands writes a count the Indonesian way, with dots between
// thousands: 1.000.000 (byte, halaman).
func Thousands(n int64) string { return groupDigits(n) }

// groupDigits writes a count with dots between thousands: 1.000.000.
func groupDigits(n int64) string {
	if n < 0 {
		return "-" + groupUint(uint64(-n))
	}
	return groupUint(uint64(n))
}

func groupUint(u uint64) string {
	s := strconv.FormatUint(u, 10)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(c)
	}
	return b.String()
}

var monthNames = [...]string{"Januari", "Februari", "Maret", "April", "Mei", "Juni",
	"Juli", "Agustus", "September", "Oktober", "November", "Desember"}

// Format writes the schedule as text for the officer (`loket tarif`): the
// items with their prices, how to read them (1 MB = 1.000.000 byte, a partial
// unit counts whole, products without an item cost Rp0), the Rp0 rule and the
// schedule's notes. The readings are stated here, in code, because they are
// how Quote computes, whatever the file says.
func (s *Schedule) Format() string {
	var b strings.Builder
	line := func(format string, a ...any) { fmt.Fprintf(&b, format+"\n", a...) }

	line("Jadwal tarif PNBP: %s", s.Name)
	line("Dasar hukum: %s", s.Basis)
	line("Berlaku sejak: %d %s %d", s.Effective.Day(), monthNames[s.Effective.Month()-1], s.Effective.Year())
	line("")
	line("Produk dan tarif:")
	width := 0
	for _, it := range s.Items {
		width = max(width, len(it.Code))
	}
	pad := strings.Repeat(" ", width+4)
	for _, it := range s.Items {
		line("  %-*s  %s", width, it.Code, it.Name)
		for _, p := range priceLines(s, it) {
			line("%s%s", pad, p)
		}
	}

	line("")
	line("Cara membaca:")
	line("  - 1 MB = 1.000.000 byte (bukan 1.048.576 byte).")
	line("  - Bagian dari satu satuan dihitung satu satuan penuh (pembulatan ke atas).")
	if ex := s.example(); ex != "" {
		line("    Contoh: %s", ex)
	}
	line("  - Produk yang tidak mempunyai item tarif dalam %s tidak dipungut biaya (Rp0).", s.Name)

	line("")
	if len(s.Zero.Categories) == 0 {
		line("Tarif nol rupiah: tidak diatur dalam jadwal ini.")
	} else {
		line("Tarif nol rupiah (Rp0) diberikan bila semua syarat ini terpenuhi:")
		line("  - kategori instansi salah satu dari: %s;", strings.Join(s.Zero.Categories, "; "))
		if len(s.Zero.ExcludedUses) > 0 {
			line("  - pemanfaatan data bukan: %s;", strings.Join(s.Zero.ExcludedUses, ", "))
		}
		if s.Zero.NeedsLetter {
			line("  - surat permohonan resmi telah diterima.")
		}
		line("  Dasar: %s", s.Zero.Basis)
	}

	if len(s.Notes) > 0 {
		line("")
		line("Catatan:")
		for _, n := range s.Notes {
			line("  - %s", n)
		}
	}
	return b.String()
}

// priceLines describes an item's prices, one line per block.
func priceLines(s *Schedule, it Item) []string {
	if !it.Charged {
		return []string{fmt.Sprintf("tidak ada item tarif dalam %s: Rp0, tidak dipungut biaya", s.Name)}
	}
	if it.StepQty == 0 {
		return []string{fmt.Sprintf("per %s: %s", it.Measure, Rupiah(it.BaseRp))}
	}
	return []string{
		fmt.Sprintf("%s pertama: %s", amountOf(it.BaseQty, it.Measure), Rupiah(it.BaseRp)),
		fmt.Sprintf("setiap %s berikutnya (atau bagiannya): %s", amountOf(it.StepQty, it.Measure), Rupiah(it.StepRp)),
	}
}

// amountOf writes a quantity with its measure, adding megabytes for whole
// megabytes so the officer can match the visitor's file size.
func amountOf(n int64, measure string) string {
	s := groupDigits(n) + " " + measure
	if measure == MeasureBytes && n >= 1_000_000 && n%1_000_000 == 0 {
		s += fmt.Sprintf(" (%s MB)", groupDigits(n/1_000_000))
	}
	return s
}

// example works a partial block through Quote for the first block-priced
// item, so the example always agrees with the computation.
func (s *Schedule) example() string {
	for _, it := range s.Items {
		if !it.Charged || it.StepQty == 0 {
			continue
		}
		qty := it.BaseQty + it.StepQty + max(1, it.StepQty*2/5)
		amount, lines, ok := price(it, qty)
		if !ok || qty > maxQty[it.Measure] {
			return ""
		}
		for i := range lines {
			lines[i] = strings.Replace(lines[i], ": ", " ", 1)
		}
		return fmt.Sprintf("%s %s %s: %s = %s.", groupDigits(qty), it.Measure, it.Code,
			strings.Join(lines, " + "), Rupiah(amount))
	}
	return ""
}
