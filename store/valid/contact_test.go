package valid

import (
	"strings"
	"testing"
)

func TestEmail(t *testing.T) {
	runStr(t, Email, []strCase{
		{in: " Budi.Santoso@Gmail.COM ", want: "Budi.Santoso@gmail.com"},
		{in: "bps1906@bps.go.id", want: "bps1906@bps.go.id"},
		{in: "a+tag@sub.example.co.id", want: "a+tag@sub.example.co.id"},
		{in: "o'neil@mail-server.ac.id", want: "o'neil@mail-server.ac.id"},
		{in: "siti@universitas.ac.id", want: "siti@universitas.ac.id"},
		{in: strings.Repeat("a", 248) + "@b.com", want: strings.Repeat("a", 248) + "@b.com"},

		{in: "", err: "Email: wajib diisi"},
		{in: "   ", err: "Email: wajib diisi"},
		{in: "Budi <budi@gmail.com>", err: "Email: tulis alamatnya saja, tanpa nama dan tanda < >, misalnya nama@contoh.com"},
		{in: "<budi@gmail.com>", err: "Email: tulis alamatnya saja, tanpa nama dan tanda < >, misalnya nama@contoh.com"},
		{in: "budi@gmail .com", err: "Email: tidak boleh berisi spasi"},
		{in: "budi santoso@gmail.com", err: "Email: tidak boleh berisi spasi"},
		{in: "budi\u00a0@gmail.com", err: "Email: tidak boleh berisi spasi (karakter U+00A0)"},
		{in: "budi\x00@gmail.com", err: "Email: tidak boleh berisi karakter U+0000"},
		{in: "budi\xff@gmail.com", err: "Email: berisi karakter yang tidak terbaca"},
		{in: "budigmail.com", err: "Email: harus berisi @, misalnya nama@contoh.com"},
		{in: "budi@@gmail.com", err: "Email: hanya boleh berisi satu @ (tertulis 2)"},
		{in: "@gmail.com", err: "Email: harus ada nama sebelum @, misalnya nama@contoh.com"},
		{in: "bu,di@gmail.com", err: `Email: tidak boleh berisi ","`},
		{in: `"budi"@gmail.com`, err: `Email: tidak boleh berisi "\""`},
		{in: "budi@", err: "Email: harus ada nama domain setelah @, misalnya nama@gmail.com"},
		{in: "budi@localhost", err: "Email: nama domain setelah @ harus berisi titik, misalnya gmail.com"},
		{in: "budi@gmail..com", err: "Email: nama domain setelah @ tidak boleh diawali atau diakhiri titik, atau berisi dua titik berurutan"},
		{in: "budi@gmail.com.", err: "Email: nama domain setelah @ tidak boleh diawali atau diakhiri titik, atau berisi dua titik berurutan"},
		{in: "budi@mail.gmail,com", err: `Email: nama domain setelah @ hanya boleh berisi huruf, angka, tanda hubung, dan titik (ada ",")`},
		{in: "budi@gmail_x.com", err: `Email: nama domain setelah @ hanya boleh berisi huruf, angka, tanda hubung, dan titik (ada "_")`},
		{in: "budi@-gmail.com", err: "Email: bagian nama domain tidak boleh diawali atau diakhiri tanda hubung"},
		{in: strings.Repeat("a", 249) + "@b.com", err: "Email: paling banyak 254 karakter (tertulis 255)"},
	})
}

func TestPhone(t *testing.T) {
	const mobile = "+6281234567890"
	runStr(t, Phone, []strCase{
		{in: "0812-3456-7890", want: mobile},
		{in: "0812 3456 7890", want: mobile},
		{in: "+62 812 3456 7890", want: mobile},
		{in: "+62-812-3456-7890", want: mobile},
		{in: "6281234567890", want: mobile},
		{in: "(0812) 3456-7890", want: mobile},
		{in: "812-3456-7890", want: mobile},
		{in: "+62 (0) 812 3456 7890", want: mobile},
		{in: "(+62) 812.3456.7890", want: mobile},
		{in: " 081234567890 ", want: mobile},
		{in: "0812-345-678", want: "+62812345678"},       // shortest: 8 + 8 digits
		{in: "0812-3456-78901", want: "+62812345678901"}, // longest: 8 + 11 digits
		{in: "+65 9123 4567", want: "+6591234567"},
		{in: "+1 (202) 555-0143", want: "+12025550143"},
		{in: "+44 20 7946 0958", want: "+442079460958"},
		{in: "+60 12-345 6789", want: "+60123456789"},

		{in: "", err: "Nomor HP: wajib diisi"},
		{in: "---", err: "Nomor HP: harus berisi angka, misalnya 0812-3456-7890"},
		{in: "0812-3456-789O", err: `Nomor HP: hanya boleh berisi angka, spasi, tanda hubung, tanda kurung, dan + di depan (ada "O")`},
		{in: "0812/3456/7890", err: `Nomor HP: hanya boleh berisi angka, spasi, tanda hubung, tanda kurung, dan + di depan (ada "/")`},
		{in: "++62 812 3456 7890", err: "Nomor HP: tanda + hanya boleh satu, di depan kode negara, misalnya +62 812 3456 7890"},
		{in: "0812+34567890", err: "Nomor HP: tanda + hanya boleh satu, di depan kode negara, misalnya +62 812 3456 7890"},
		{in: "+62 21 555 1234", err: "Nomor HP: harus nomor HP (diawali 08 atau +62 8), bukan telepon rumah atau kantor"},
		{in: "(0719) 21234", err: "Nomor HP: harus nomor HP (diawali 08 atau +62 8), bukan telepon rumah atau kantor"},
		{in: "0812 345", err: "Nomor HP: terlalu pendek: nomor HP Indonesia 10–13 angka termasuk 0 di depan, misalnya 0812-3456-7890"},
		{in: "+62", err: "Nomor HP: terlalu pendek: nomor HP Indonesia 10–13 angka termasuk 0 di depan, misalnya 0812-3456-7890"},
		{in: "0812 3456 7890 12", err: "Nomor HP: terlalu panjang: nomor HP Indonesia 10–13 angka termasuk 0 di depan, misalnya 0812-3456-7890"},
		{in: "+0 812 3456 7890", err: "Nomor HP: kode negara setelah + tidak boleh diawali 0, misalnya +65 untuk Singapura"},
		{in: "+65 1234", err: "Nomor HP: nomor luar negeri harus 8–15 angka termasuk kode negara (tertulis 6)"},
		{in: "+1 234 567 890 123 456", err: "Nomor HP: nomor luar negeri harus 8–15 angka termasuk kode negara (tertulis 16)"},
		{in: "0065 9123 4567", err: "Nomor HP: nomor luar negeri ditulis dengan + dan kode negara, misalnya +65 9123 4567"},
		{in: "65 9123 4567", err: "Nomor HP: nomor HP Indonesia diawali 08 atau +62 8, misalnya 0812-3456-7890; nomor luar negeri ditulis dengan + dan kode negara, misalnya +65 9123 4567"},
	})
}
