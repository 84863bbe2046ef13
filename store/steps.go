package store

// Step numbers of the visit procedure ("Sistem, Mekanisme dan Prosedur" in
// the service standard). The numbers are the seed's and never change.
const (
	StepArrival   = 1  // Kedatangan
	StepPurpose   = 2  // Maksud dan tujuan
	StepGuestBook = 3  // Buku tamu
	StepRequest   = 4  // Permintaan
	StepAvailable = 5  // Pemeriksaan ketersediaan
	StepTerms     = 6  // Ketentuan PNBP dan dokumen
	StepAgreement = 7  // Persetujuan dan penyerahan dokumen
	StepDocCheck  = 8  // Pemeriksaan dokumen
	StepInvoice   = 9  // Invoice, contoh data, SPPD
	StepPrepare   = 10 // Menyiapkan produk
	StepPayment   = 11 // Pembayaran
	StepSPPD      = 12 // Penandatanganan SPPD
	StepHandover  = 13 // Pengambilan produk
	StepCheck     = 14 // Pengecekan kuitansi dan produk
	StepRating    = 15 // Penilaian (SKM)
	StepFinish    = 16 // Selesai
	NumSteps      = 16
)

// Actor says who acts in a step.
type Actor string

// The two actors of the procedure, as the officer reads them.
const (
	ActorVisitor Actor = "Pengguna layanan"
	ActorOfficer Actor = "Petugas"
	ActorNone    Actor = "—"
)

// StepInfo describes one step of the procedure for display.
type StepInfo struct {
	Num   int
	Short string // fits an 80-column sidebar
	Name  string // full name, from 100 columns
	Text  string // the seed's wording (step 6 completed as in DOMAIN.md)
	Actor Actor
}

// Steps lists the 16 steps in order; Steps[i].Num == i+1.
var Steps = [NumSteps]StepInfo{
	{1, "Kedatangan", "Kedatangan di unit PST", "Pengguna layanan mengakses layanan penjualan produk statistik dengan mengunjungi unit PST BPS Kabupaten", ActorVisitor},
	{2, "Maksud", "Disambut, maksud dan tujuan", "Pengguna layanan disambut petugas PST dan dibantu untuk maksud dan tujuannya berkunjung ke PST BPS Kabupaten Belitung Timur", ActorOfficer},
	{3, "Buku tamu", "Mengisi buku tamu", "Pengguna layanan mengisi buku tamu (aplikasi PST/buku tamu manual)", ActorVisitor},
	{4, "Permintaan", "Menyampaikan permintaan", "Pengguna layanan menyampaikan permintaan layanan penjualan produk statistik kepada petugas", ActorVisitor},
	{5, "Ketersediaan", "Memeriksa dan menyiapkan", "Petugas memeriksa dan menyiapkan produk statistik yang diminta pengguna layanan", ActorOfficer},
	{6, "Ketentuan", "Ketentuan PNBP dan dokumen", "Petugas menyampaikan ketentuan tentang Jenis dan Tarif atas Jenis Penerimaan Negara Bukan Pajak (PNBP) dan/atau dokumen yang harus dipenuhi", ActorOfficer},
	{7, "Persetujuan", "Menyetujui ketentuan, memberikan dokumen", "Pengguna layanan menyetujui ketentuan PNBP dan/atau memberikan dokumen yang harus dipenuhi berkaitan dengan permintaannya", ActorVisitor},
	{8, "Cek dokumen", "Memeriksa kelengkapan dokumen", "Petugas memeriksa kelengkapan dan kesesuaian dokumen yang diberikan dengan permintaan pengguna layanan", ActorOfficer},
	{9, "Invoice", "Invoice, contoh data, dokumen perjanjian", "Petugas membuat invoice dan/atau contoh data mikro serta dokumen perjanjian penggunaan data mikro kepada pengguna layanan", ActorOfficer},
	{10, "Siapkan", "Menyiapkan produk", "Petugas menyiapkan produk statistik yang diminta pengguna layanan", ActorOfficer},
	{11, "Bayar", "Pembayaran", "Pengguna layanan melakukan pembayaran melalui: pembayaran secara tunai, atau pembayaran via bank menggunakan kode billing", ActorVisitor},
	{12, "SPPD", "Menandatangani dokumen perjanjian (SPPD)", "Pengguna layanan menandatangani kemudian memberikan dokumen perjanjian penggunaan data mikro kepada petugas", ActorVisitor},
	{13, "Ambil", "Mengambil produk", "Pengguna layanan mengambil produk statistik kepada petugas", ActorVisitor},
	{14, "Pengecekan", "Pengecekan kuitansi dan produk", "Pengguna layanan melakukan pengecekan terhadap kuitansi dan produk statistik yang diterima, jika terdapat ketidaksesuaian maka dapat mengajukan permintaan perbaikan kepada petugas", ActorVisitor},
	{15, "Penilaian", "Penilaian / rating (SKM)", "Pengguna layanan memberikan penilaian/rating terhadap kualitas pelayanan penjualan produk statistik", ActorVisitor},
	{16, "Selesai", "Selesai", "Pengguna layanan selesai mengakses layanan penjualan produk statistik", ActorNone},
}
