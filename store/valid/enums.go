package valid

// The option lists of the guest book, spelled as the officer reads them
// (the typed vocabulary — genders, media, complaint channels and states —
// is store's, in store/vocab.go). They are stored and exported as written here, so a
// change of spelling is a data migration, not an edit.
var (
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
)
