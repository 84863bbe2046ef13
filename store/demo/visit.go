package demo

import (
	"fmt"
	"time"

	"loket/store"
)

var (
	firstNames = []string{"Siti", "Budi", "Ahmad", "Dewi", "Rudi", "Nur", "Agus", "Rina", "Hendra", "Yuni", "Fajar", "Intan",
		"Eko", "Maya", "Rizky", "Putri", "Bayu", "Wulan", "Dimas", "Sari", "Joko", "Ayu", "Teguh", "Lina"}
	lastNames = []string{"Aminah", "Santoso", "Pratama", "Lestari", "Hidayat", "Wijaya", "Saputra", "Kurniawan", "Rahmawati",
		"Nugroho", "Setiawan", "Susanti", "Halim", "Gunawan", "Siregar", "Hakim", "Utami", "Permana"}
	institutions = map[string][]string{
		"Lembaga Penelitian & Pendidikan":  {"Universitas Bangka Belitung", "SMA Negeri 1 Manggar", "Politeknik Manufaktur Babel"},
		"Pemerintah Daerah":                {"Bappeda Kabupaten Belitung Timur", "Dinas Kesehatan Belitung Timur", "Kecamatan Manggar"},
		"Kementerian & Lembaga Pemerintah": {"Kantor Pertanahan Belitung Timur", "KPP Pratama Tanjung Pandan"},
		"Swasta":                           {"PT Timah Industri", "CV Maju Bersama", "PT Sawit Belitung"},
		"BUMN/BUMD":                        {"Bank Sumsel Babel", "PT PLN UP3 Belitung"},
		"Lainnya":                          {"Perorangan", "Komunitas Pecinta Alam Beltim"},
	}
	categories = []string{"Lembaga Penelitian & Pendidikan", "Lembaga Penelitian & Pendidikan", "Pemerintah Daerah",
		"Kementerian & Lembaga Pemerintah", "Swasta", "Swasta", "BUMN/BUMD", "Lainnya", "Lainnya"}
	pubTitles = []string{"Kabupaten Belitung Timur Dalam Angka", "Statistik Daerah Kabupaten Belitung Timur",
		"Kecamatan Manggar Dalam Angka", "Indikator Kesejahteraan Rakyat Belitung Timur", "PDRB Kabupaten Belitung Timur menurut Lapangan Usaha"}
	datasets = []string{"Susenas Maret", "Sakernas Agustus", "Podes", "Survei Pertanian Antar Sensus", "SUSENAS KOR"}
)

// The visitors' years of birth. The guest book takes a year at most 110
// and at least 5 years before the visit (valid.BirthYear), so these bound
// the days the generator can fill: FirstYear.
const (
	oldestBirth   = 1960
	youngestBirth = 2005
)

// FirstYear is the earliest year whose days the generator can fill: the
// youngest visitor it makes must be five by then. The command refuses an
// earlier first day before anything is written.
const FirstYear = youngestBirth + 5

// guest makes a new visitor of a category.
func (g *gen) guest(cat string) store.GuestInput {
	r := g.rng
	female := r.Intn(2) == 0
	gender := store.GenderMale
	if female {
		gender = store.GenderFemale
	}
	name := firstNames[r.Intn(len(firstNames))] + " " + lastNames[r.Intn(len(lastNames))]
	year := oldestBirth + r.Intn(youngestBirth-oldestBirth+1)
	day := 1 + r.Intn(28)
	if female {
		day += 40
	}
	g.nik++
	nik := fmt.Sprintf("1906%02d%02d%02d%02d%04d", 1+r.Intn(7), day, 1+r.Intn(12), year%100, 1+g.nik%9999)
	occ := map[string]string{"Lembaga Penelitian & Pendidikan": "Pelajar/Mahasiswa", "Pemerintah Daerah": "ASN/TNI/Polri",
		"Kementerian & Lembaga Pemerintah": "ASN/TNI/Polri", "Swasta": "Pegawai Swasta", "BUMN/BUMD": "Pegawai BUMN/BUMD"}[cat]
	if occ == "" {
		occ = "Wiraswasta"
	}
	inst := institutions[cat]
	in := store.GuestInput{Guest: store.Guest{IDType: "KTP", IDNumber: nik, Name: name, Gender: gender,
		Education: []string{"≤SMA", "D1–D3", "D4/S1", "S2", "S3"}[r.Intn(5)], Occupation: occ,
		Institution: inst[r.Intn(len(inst))], Category: cat,
		Email: fmt.Sprintf("pengunjung%d@example.com", g.nik),
		Phone: fmt.Sprintf("08%02d%08d", 11+r.Intn(9), r.Intn(100000000))},
		BirthYear: fmt.Sprint(year), Consent: r.Intn(20) != 0}
	if cat == "Swasta" {
		in.NPWP = fmt.Sprintf("%015d", r.Int63n(1e15))
	}
	return in
}

// visit walks one visit from arrival to its outcome (or leaves it open).
func (g *gen) visit(leaveOpen bool) error {
	r, ctx, s := g.rng, g.ctx, g.s
	off := g.officer()
	v, err := s.StartVisit(ctx, off)
	if err != nil {
		return err
	}
	g.sum.Visits++
	id := v.ID

	// Who comes: a returning visitor about a third of the time.
	var in store.GuestInput
	if len(g.visitors) > 0 && r.Intn(3) == 0 {
		rv := g.visitors[r.Intn(len(g.visitors))]
		in = rv.in
		in.VisitorID = rv.id
	} else {
		in = g.guest(categories[r.Intn(len(categories))])
	}
	gov := in.Category == "Pemerintah Daerah" || in.Category == "Kementerian & Lembaga Pemerintah"
	use := []string{"Tugas sekolah/kuliah", "Penelitian", "Komersial", "Lainnya"}[r.Intn(4)]
	switch {
	case gov:
		use = "Pemerintahan"
	case in.Category == "Swasta":
		use = "Komersial"
	case in.Category == "Lembaga Penelitian & Pendidikan" && use == "Komersial":
		use = "Penelitian"
	}
	letter := gov && r.Intn(4) != 0

	steps := []func() error{
		func() error { return s.RecordPurpose(ctx, off, id, "Memperoleh data untuk "+use, use) },
		func() error { return s.RecordGuest(ctx, off, id, in) },
	}
	for _, f := range steps {
		g.pause(20, 60)
		if err := f(); err != nil {
			return err
		}
	}
	if in.Consent && in.VisitorID == "" {
		got, err := s.Visit(ctx, id)
		if err != nil {
			return err
		}
		g.visitors = append(g.visitors, returning{id: got.VisitorID, in: in})
	}

	// What they ask for.
	items := g.items()
	g.pause(30, 90)
	if err := s.RecordRequest(ctx, off, id, store.RequestInput{Items: items, Letter: letter}); err != nil {
		return err
	}
	if leaveOpen && r.Intn(2) == 0 {
		return s.Suspend(ctx, off, id, "pengunjung menunggu")
	}
	v, err = s.Visit(ctx, id)
	if err != nil {
		return err
	}
	avail := map[string]bool{}
	for i, it := range v.Items {
		avail[it.ID] = !(r.Intn(20) == 0 && (i > 0 || len(v.Items) == 1))
	}
	g.pause(20, 60)
	if err := s.RecordAvailability(ctx, off, id, avail); err != nil {
		return err
	}
	anyAvail := false
	for _, ok := range avail {
		anyAvail = anyAvail || ok
	}
	if !anyAvail { // the store ended the visit Batal
		g.sum.Canceled++
		return nil
	}
	if r.Intn(30) == 0 && !leaveOpen {
		g.pause(10, 30)
		g.sum.Canceled++
		return s.Cancel(ctx, off, id, "Pengunjung membatalkan permintaan")
	}
	g.pause(20, 40)
	if err := s.ConfirmTerms(ctx, off, id); err != nil {
		return err
	}
	if v, err = s.Visit(ctx, id); err != nil {
		return err
	}
	md := v.NeedsAgreement()
	g.pause(20, 60)
	if r.Intn(40) == 0 {
		g.sum.Canceled++
		return s.RecordAgreement(ctx, off, id, store.AgreementInput{Agreed: false, Reason: "Tarif melebihi anggaran"})
	}
	vars := ""
	for _, it := range v.Items {
		if it.Variables != "" {
			vars = it.Variables
		}
	}
	if err := s.RecordAgreement(ctx, off, id, store.AgreementInput{Agreed: true, Abstraksi: md, Variables: vars, Letter: v.ZeroApplied()}); err != nil {
		return err
	}
	if v.Step(store.StepDocCheck).State != store.StateNA {
		g.pause(30, 90)
		if md && r.Intn(12) == 0 {
			g.sum.Referred++
			return s.RecordDocumentCheck(ctx, off, id, false, "Variabel yang diminta tidak sesuai abstraksi; dirujuk ke konsultasi statistik")
		}
		if err := s.RecordDocumentCheck(ctx, off, id, true, ""); err != nil {
			return err
		}
	}
	if v.Step(store.StepInvoice).State != store.StateNA {
		g.pause(30, 60)
		if err := s.IssueInvoice(ctx, off, id, store.InvoiceInput{SampleGiven: md, SPPDGiven: md}); err != nil {
			return err
		}
	}
	if leaveOpen {
		return nil
	}
	if md {
		g.pause(30, 120)
		if err := s.RecordSPPD(ctx, off, id); err != nil {
			return err
		}
	}
	g.pause(30, 120)
	media := map[string]store.Medium{}
	for _, it := range v.Items {
		media[it.ID] = store.Media[r.Intn(3)] // email, flashdisk or a disc
		if store.DefaultMedium(it) == store.MediumPrint {
			media[it.ID] = store.MediumPrint
		}
	}
	if err := s.RecordPrepared(ctx, off, id, media); err != nil {
		return err
	}
	if v.Total > 0 {
		g.pause(20, 60)
		payer := in.Name
		if in.Category != "Lainnya" && r.Intn(2) == 0 {
			payer = in.Institution
		}
		if r.Intn(10) < 3 {
			code := fmt.Sprintf("8%014d", r.Int63n(1e14))
			if err := s.IssueBillingCode(ctx, off, id, payer, code); err != nil {
				return err
			}
			back := 1 + r.Intn(3)
			expire := r.Intn(8) == 0
			if expire {
				back = 8 + r.Intn(3)
			}
			g.bank = append(g.bank, bankVisit{visitID: id, payDay: store.DayStart(g.clk.now()).AddDate(0, 0, back), payer: payer, expire: expire})
			return s.Suspend(ctx, off, id, "ke bank")
		}
		if err := s.PayCash(ctx, off, id, payer, v.Total); err != nil {
			return err
		}
		g.sum.Payments++
		g.sum.PNBP += v.Total
	}
	return g.finish(v, off)
}

// bankReturn completes a bank payment: the visitor is back with the NTPN,
// after replacing the code if it expired.
func (g *gen) bankReturn(b bankVisit) error {
	r, ctx, s := g.rng, g.ctx, g.s
	off := g.officer()
	if err := s.Resume(ctx, off, b.visitID); err != nil {
		return err
	}
	v, err := s.Visit(ctx, b.visitID)
	if err != nil {
		return err
	}
	if !v.Open() {
		return nil
	}
	if ab := v.ActiveBilling(); ab != nil && g.clk.now().After(ab.ExpiresAt) {
		g.pause(30, 90)
		if err := s.IssueBillingCode(ctx, off, b.visitID, b.payer, fmt.Sprintf("8%014d", r.Int63n(1e14))); err != nil {
			return err
		}
	}
	g.pause(30, 90)
	ntpn := fmt.Sprintf("%016X", r.Uint64())
	ntb := fmt.Sprintf("BRI%09d", r.Intn(1e9))
	paid := g.clk.now().Add(-time.Duration(10+r.Intn(100)) * time.Minute)
	if ab := v.ActiveBilling(); ab == nil || paid.Before(ab.CreatedAt) || paid.After(ab.ExpiresAt) {
		paid = g.clk.now()
	}
	if err := s.ConfirmBankPayment(ctx, off, b.visitID, ntpn, ntb, paid); err != nil {
		return err
	}
	g.sum.Payments++
	g.sum.PNBP += v.Total
	return g.finish(v, off)
}

// finish hands over, checks (with an occasional correction), rates and
// closes a visit whose payment and SPPD are settled.
func (g *gen) finish(v *store.Visit, off string) error {
	r, ctx, s, id := g.rng, g.ctx, g.s, v.ID
	var ids []string
	for _, it := range v.Items {
		if it.Counts() {
			ids = append(ids, it.ID)
		}
	}
	g.pause(20, 60)
	if err := s.HandOverProducts(ctx, off, id, ids); err != nil {
		return err
	}
	g.pause(20, 60)
	if r.Intn(25) == 0 {
		if v.Total > 0 && r.Intn(2) == 0 {
			if err := s.RecordCheck(ctx, off, id, store.CheckInput{Fault: store.FaultReceipt, Text: "Nama pada kuitansi salah eja"}); err != nil {
				return err
			}
		} else {
			if err := s.RecordCheck(ctx, off, id, store.CheckInput{Fault: store.FaultProduct, Text: "Berkas tidak dapat dibuka"}); err != nil {
				return err
			}
			g.pause(60, 180)
			media := map[string]store.Medium{}
			for _, it := range v.Items {
				media[it.ID] = store.MediumFlashdisk
			}
			if err := s.RecordPrepared(ctx, off, id, media); err != nil {
				return err
			}
			if err := s.HandOverProducts(ctx, off, id, ids); err != nil {
				return err
			}
		}
		g.pause(20, 40)
	}
	if err := s.RecordCheck(ctx, off, id, store.CheckInput{OK: true}); err != nil {
		return err
	}
	g.pause(30, 90)
	rating := store.RatingInput{Declined: r.Intn(5) == 0}
	if !rating.Declined {
		base := 3 + r.Intn(2)
		for i := range rating.Scores {
			sc := base
			if r.Intn(4) == 0 {
				sc = 2 + r.Intn(3)
			}
			rating.Scores[i] = sc
		}
		if r.Intn(4) == 0 {
			rating.Saran = []string{"Pelayanan cepat dan ramah.", "Perbanyak publikasi tercetak.", "Ruang tunggu perlu pendingin udara."}[r.Intn(3)]
		}
	}
	if err := s.RecordRating(ctx, off, id, rating); err != nil {
		return err
	}
	g.pause(5, 20)
	if err := s.Finish(ctx, off, id); err != nil {
		return err
	}
	g.sum.Finished++
	return nil
}

// items picks the product lines of a request: mostly e-publications, then
// microdata, maps, now and then a printed publication.
func (g *gen) items() []store.ItemInput {
	r := g.rng
	n := 1
	if r.Intn(5) == 0 {
		n = 2
	}
	out := make([]store.ItemInput, 0, n)
	for i := 0; i < n; i++ {
		year := 2018 + r.Intn(8)
		switch k := r.Intn(100); {
		case k < 55:
			out = append(out, store.ItemInput{Code: "PUB-EL", Title: fmt.Sprintf("%s %d", pubTitles[r.Intn(len(pubTitles))], year), Year: year, Pages: int64(20 + r.Intn(380)), Format: "PDF"})
		case k < 62:
			out = append(out, store.ItemInput{Code: "PUB-CETAK", Title: fmt.Sprintf("%s %d", pubTitles[r.Intn(len(pubTitles))], year), Year: year, Pages: int64(40 + r.Intn(200))})
		case k < 75:
			out = append(out, store.ItemInput{Code: "DM-MENTAH", Title: fmt.Sprintf("%s %d", datasets[r.Intn(len(datasets))], year), Year: year,
				Bytes: int64(200_000 + r.Intn(20_000_000)), Format: []string{"CSV", "DTA", "SAV"}[r.Intn(3)], Variables: "r101, r102, r105, r301"})
		case k < 85:
			out = append(out, store.ItemInput{Code: "DM-OLAH", Title: fmt.Sprintf("Tabulasi %s %d menurut kecamatan", datasets[r.Intn(len(datasets))], year), Year: year,
				Bytes: int64(50_000 + r.Intn(3_000_000)), Format: "XLSX", Variables: "kecamatan, jenis kelamin, umur"})
		case k < 97:
			code := []string{"PETA-KAB-KEC", "PETA-KAB-DESA"}[r.Intn(2)]
			out = append(out, store.ItemInput{Code: code, Title: "Peta wilkerstat Kabupaten Belitung Timur", Year: year, Maps: int64(1 + r.Intn(7)), Format: "SHP"})
		default:
			code := []string{"PETA-ID-KEC", "PETA-ID-DESA"}[r.Intn(2)]
			out = append(out, store.ItemInput{Code: code, Title: "Peta wilkerstat Indonesia", Year: year, Maps: 1, Format: "SHP"})
		}
	}
	return out
}
