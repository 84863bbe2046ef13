package export

import (
	"slices"
	"strconv"
	"strings"

	"loket/store"
	"loket/store/valid"
)

// The columns of the data sheets. The first ones of each sheet are the
// contract of DOMAIN.md, in its order and spelling; the ones after them
// are extras the contract allows.
var (
	visitColumns = []column{
		{"ID Kunjungan", kID}, {"No. Antrian", kCode}, {"Tanggal", kDate}, {"Jam Datang", kTime},
		{"Jam Selesai", kTime}, {"Durasi (menit)", kMinutes}, {"Status", kText}, {"Langkah Terakhir", kPlain},
		{"Nama", kName}, {"Jenis Identitas", kCode}, {"No. Identitas", kText}, {"Jenis Kelamin", kCode},
		{"Pendidikan", kCode}, {"Pekerjaan", kText}, {"Instansi", kName}, {"Kategori Instansi", kText},
		{"Email", kName}, {"No. HP", kText}, {"Pemanfaatan", kText}, {"Petugas", kName}, {"Jumlah Koreksi", kCount},
		// extras
		{"Nama Langkah Terakhir", kText}, {"Alasan Status", kLong}, {"Maksud Kunjungan", kLong},
		{"Total Tagihan (Rp)", kMoney}, {"Dibayar", kCode}, {"Persetujuan Data Pribadi", kCode},
	}
	itemColumns = []column{
		{"ID Kunjungan", kID}, {"Jenis Produk", kText}, {"Kode Tarif", kCode}, {"Judul", kLong},
		{"Jumlah Halaman", kCount}, {"Ukuran (byte)", kCount}, {"Jumlah Peta", kCount}, {"Tarif Nol Rupiah", kCode},
		{"Nilai (Rp)", kMoney},
		// extras
		{"No. Baris", kPlain}, {"Tahun", kPlain}, {"Format", kCode}, {"Variabel", kLong}, {"Media", kCode},
		{"Tersedia", kCode}, {"Dibayar", kCode}, {"Dasar Tarif", kLong}, {"Rincian Tarif", kLong},
	}
	paymentColumns = []column{
		{"ID Kunjungan", kID}, {"No. Invoice", kNumber}, {"No. Kuitansi", kNumber}, {"Nama Wajib Bayar", kName},
		{"Metode", kCode}, {"Kode Billing", kText}, {"NTPN", kText}, {"NTB", kText}, {"Waktu Bayar", kDateTime},
		{"Jumlah (Rp)", kMoney},
		// extras
		{"Tanggal Kunjungan", kDate}, {"No. Antrian", kCode}, {"Kuitansi Dibatalkan", kLong}, {"Petugas", kName},
	}
	ratingColumns = []column{
		{"ID Kunjungan", kID}, {"U1", kScore}, {"U2", kScore}, {"U3", kScore}, {"U4", kScore}, {"U5", kScore},
		{"U6", kScore}, {"U7", kScore}, {"U8", kScore}, {"U9", kScore}, {"Saran", kLong},
		// extras
		{"Waktu Penilaian", kDateTime},
	}
	complaintColumns = []column{
		{"Tanggal", kDate}, {"Saluran", kText}, {"Isi", kLong}, {"Status", kCode}, {"Tindak Lanjut", kLong},
		// extras
		{"Waktu Diterima", kDateTime}, {"Riwayat Tindak Lanjut", kLong}, {"ID Kunjungan", kID}, {"ID Pengaduan", kID},
	}
)

// counterColumn ends Kunjungan and PNBP on an archive: the office and
// counter code of the counter the row came from ("1906/A"), after the
// contract's columns and the extras, so that nothing before it moves.
var counterColumn = column{"Loket", kCode}

// columns are a data sheet's columns: on an archive with the Loket column
// last.
func (b *book) columns(cols []column) []column {
	if !b.archive() {
		return cols
	}
	return append(slices.Clip(cols), counterColumn)
}

func (b *book) visits() error {
	sh, err := b.newSheet(SheetVisits, b.columns(visitColumns))
	if err != nil {
		return err
	}
	err = pipe(b.r.Visits, func(v store.VisitRow) error {
		b.addVisit(v)
		var minutes any
		if d, ok := v.ServiceTime(); ok {
			minutes = d.Seconds() / 60
		}
		id := v.Guest.IDNumber
		if !b.opt.Unmask {
			id = valid.MaskID(id)
		}
		stepName := ""
		if v.LastStep >= 1 && v.LastStep <= store.NumSteps {
			stepName = store.Steps[v.LastStep-1].Name
		}
		g := v.Guest
		vals := []any{v.ID, v.Queue, dayDate(v.Day), v.ArrivedAt, v.FinishedAt, minutes, string(v.Status), v.LastStep,
			g.Name, g.IDType, id, g.Gender, g.Education, g.Occupation, g.Institution, g.Category,
			g.Email, g.Phone, v.Use, v.Officer, v.Corrections,
			stepName, v.StatusReason, v.Purpose, v.Total, yesNo(v.Paid), yesNo(v.Consent)}
		if b.archive() {
			vals = append(vals, v.Counter)
		}
		return sh.add(vals...)
	})
	if err != nil {
		return err
	}
	return sh.close()
}

func (b *book) items() error {
	sh, err := b.newSheet(SheetItems, itemColumns)
	if err != nil {
		return err
	}
	err = pipe(b.r.Items, func(it store.ItemRow) error {
		value := itemValue(it)
		b.addItem(it, value)
		avail := "Belum diperiksa"
		if it.Available != nil {
			avail = yesNo(*it.Available)
		}
		kindName := store.ItemKindLabel(it.Kind)
		return sh.add(it.VisitID, kindName, it.Code, it.Title, positive(it.Pages), positive(it.Bytes), positive(it.Maps),
			yesNo(it.Zero), value,
			it.Seq, positive(int64(it.Year)), it.Format, it.Variables, it.Media, avail, yesNo(it.Paid()), it.Basis,
			strings.Join(it.Quote, "\n"))
	})
	if err != nil {
		return err
	}
	return sh.close()
}

// positive gives a quantity, or no cell when it is 0 (the line counts in
// another measure).
func positive(n int64) any {
	if n <= 0 {
		return nil
	}
	return n
}

func (b *book) payments() error {
	sh, err := b.newSheet(SheetPayments, b.columns(paymentColumns))
	if err != nil {
		return err
	}
	err = pipe(b.r.Payments, func(p store.PaymentRow) error {
		b.addPayment(p)
		vals := []any{p.VisitID, p.Invoice, p.Receipt, p.Payer, p.Method, p.Billing, p.NTPN, p.NTB, p.PaidAt, p.Amount,
			dayDate(p.VisitDay), p.Queue, p.VoidReceipts, p.Officer}
		if b.archive() {
			vals = append(vals, p.Counter)
		}
		return sh.add(vals...)
	})
	if err != nil {
		return err
	}
	return sh.close()
}

func (b *book) ratings() error {
	sh, err := b.newSheet(SheetRatings, ratingColumns)
	if err != nil {
		return err
	}
	vals := make([]any, len(ratingColumns))
	err = pipe(b.r.Ratings, func(x store.RatingRow) error {
		b.addRating(x)
		vals[0] = x.VisitID
		for i, sc := range x.Scores {
			vals[1+i] = sc
		}
		vals[10], vals[11] = x.Saran, x.RatedAt
		return sh.add(vals...)
	})
	if err != nil {
		return err
	}
	if err := b.readDeclined(); err != nil {
		return err
	}
	return sh.close()
}

func (b *book) complaints() error {
	sh, err := b.newSheet(SheetComplaints, complaintColumns)
	if err != nil {
		return err
	}
	err = pipe(b.r.Complaints, func(c store.ComplaintRow) error {
		b.t.complaints++
		if b.archive() {
			b.counter(c.Counter).complaints++
		}
		var hist strings.Builder
		for i, fu := range c.FollowUps {
			if i > 0 {
				hist.WriteByte('\n')
			}
			hist.WriteString(wall(fu.At).Format("02/01/2006 15.04") + " WIB — " + fu.Status.Label() + ": " + fu.Note)
		}
		return sh.add(dayDate(c.Day), c.Channel, c.Text, c.Status, c.LastFollowUp(),
			c.ReceivedAt, hist.String(), c.VisitID, c.ID)
	})
	if err != nil {
		return err
	}
	return sh.close()
}

func itoa(n int) string { return strconv.Itoa(n) }
