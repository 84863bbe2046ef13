package valid

// The option lists of the guest book, payments and complaints, spelled as the
// officer reads them. They are stored and exported as written here, so a
// change of spelling is a data migration, not an edit.
var (
	// Genders are the jenis kelamin options: laki-laki, perempuan.
	Genders = []string{"L", "P"}

	// Educations are the pendidikan options.
	Educations = []string{"≤SMA", "D1–D3", "D4/S1", "S2", "S3"}

	// Occupations are the pekerjaan options.
	Occupations = []string{"Pelajar/Mahasiswa", "Peneliti/Dosen", "ASN/TNI/Polri",
		"Pegawai BUMN/BUMD", "Pegawai Swasta", "Wiraswasta", "Lainnya"}

	// InstCategories are the kategori instansi options.
	InstCategories = []string{"Lembaga Negara", "Kementerian & Lembaga Pemerintah",
		"TNI/Polri/BIN/Kejaksaan", "Pemerintah Daerah", "Lembaga Internasional",
		"Lembaga Penelitian & Pendidikan", "BUMN/BUMD", "Swasta", "Lainnya"}

	// Uses are the pemanfaatan (intended use of the data) options.
	Uses = []string{"Tugas sekolah/kuliah", "Pemerintahan", "Penelitian", "Komersial", "Lainnya"}

	// Media are the ways a product is handed over.
	Media = []string{"Email", "Flashdisk", "CD/DVD", "Cetak"}

	// ComplaintChannels are the channels a complaint arrives by.
	ComplaintChannels = []string{"Kotak saran", "lapor.go.id", "Email", "SMS/WhatsApp", "Langsung"}

	// ComplaintStatuses are the follow-up states of a complaint, in order.
	ComplaintStatuses = []string{"Diterima", "Diproses", "Selesai"}
)
