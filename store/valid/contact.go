package valid

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Email checks an e-mail address and returns it trimmed, with its domain in
// lower case (the part before @ keeps its case: a mail server may honour
// it). It wants exactly one @, something before it, a domain with a dot
// after it, no spaces and at most 254 characters. A display-name form such
// as "Budi <budi@contoh.com>" is refused: the address alone is wanted.
func Email(s string) (string, error) {
	const field = "Email"
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return "", fail(field, "wajib diisi")
	case !utf8.ValidString(s):
		return "", fail(field, "berisi karakter yang tidak terbaca")
	case strings.ContainsAny(s, "<>"):
		return "", fail(field, "tulis alamatnya saja, tanpa nama dan tanda < >, misalnya nama@contoh.com")
	}
	if r, bad := firstNotIn(s, func(r rune) bool { return !unicode.IsSpace(r) }); bad {
		if r == ' ' {
			return "", fail(field, "tidak boleh berisi spasi")
		}
		return "", fail(field, "tidak boleh berisi spasi (%s)", shown(r))
	}
	if r, bad := firstNotIn(s, unicode.IsPrint); bad {
		return "", fail(field, "tidak boleh berisi %s", shown(r))
	}
	switch strings.Count(s, "@") {
	case 0:
		return "", fail(field, "harus berisi @, misalnya nama@contoh.com")
	case 1:
	default:
		return "", fail(field, "hanya boleh berisi satu @ (tertulis %d)", strings.Count(s, "@"))
	}
	local, domain, _ := strings.Cut(s, "@")
	if local == "" {
		return "", fail(field, "harus ada nama sebelum @, misalnya nama@contoh.com")
	}
	if i := strings.IndexAny(local, `()[]\,;:"`); i >= 0 {
		r, _ := utf8.DecodeRuneInString(local[i:])
		return "", fail(field, "tidak boleh berisi %s", shown(r))
	}
	if domain == "" {
		return "", fail(field, "harus ada nama domain setelah @, misalnya nama@gmail.com")
	}
	domain = strings.ToLower(domain)
	if !strings.Contains(domain, ".") {
		return "", fail(field, "nama domain setelah @ harus berisi titik, misalnya gmail.com")
	}
	for label := range strings.SplitSeq(domain, ".") {
		if label == "" {
			return "", fail(field, "nama domain setelah @ tidak boleh diawali atau diakhiri titik, atau berisi dua titik berurutan")
		}
		if r, bad := firstNotIn(label, isDomainRune); bad {
			return "", fail(field, "nama domain setelah @ hanya boleh berisi huruf, angka, tanda hubung, dan titik (ada %s)", shown(r))
		}
		if label[0] == '-' || label[len(label)-1] == '-' {
			return "", fail(field, "bagian nama domain tidak boleh diawali atau diakhiri tanda hubung")
		}
	}
	out := local + "@" + domain
	if n := utf8.RuneCountInString(out); n > 254 {
		return "", fail(field, "paling banyak 254 karakter (tertulis %d)", n)
	}
	return out, nil
}

// isDomainRune allows letters of any script (internationalised domains),
// ASCII digits and the hyphen.
func isDomainRune(r rune) bool {
	return unicode.IsLetter(r) || isDigit(r) || r == '-'
}

const phoneExample = "misalnya 0812-3456-7890"

// Phone checks a mobile number. An Indonesian mobile number may be written in
// any usual way (0812-3456-7890, 0812 3456 7890, (0812) 34567890,
// +62 812 3456 7890, 62812…, 812…) and is returned as +62 followed by its
// national number: 8 and then 8–11 more digits. A +62 number that does not
// start with 8 is a landline and is refused. A foreign number must be written
// with + and its country code; it is returned as + and its 8–15 digits.
func Phone(s string) (string, error) {
	const field = "Nomor HP"
	s = strings.TrimSpace(s)
	if s == "" {
		return "", fail(field, "wajib diisi")
	}
	var b strings.Builder
	plus := false
	for _, r := range s {
		switch {
		case isDigit(r):
			b.WriteRune(r)
		case unicode.IsSpace(r) || r == '-' || r == '.' || r == '(' || r == ')':
		case r == '+' && !plus && b.Len() == 0:
			plus = true
		case r == '+':
			return "", fail(field, "tanda + hanya boleh satu, di depan kode negara, misalnya +62 812 3456 7890")
		default:
			return "", fail(field, "hanya boleh berisi angka, spasi, tanda hubung, tanda kurung, dan + di depan (ada %s)", shown(r))
		}
	}
	d := b.String()
	if d == "" {
		return "", fail(field, "harus berisi angka, %s", phoneExample)
	}
	var nsn string // national significant number
	switch {
	case strings.HasPrefix(d, "62"):
		// "+62 0812…" is a common mix of both spellings.
		nsn = strings.TrimPrefix(d[2:], "0")
	case plus:
		if d[0] == '0' {
			return "", fail(field, "kode negara setelah + tidak boleh diawali 0, misalnya +65 untuk Singapura")
		}
		if len(d) < 8 || len(d) > 15 {
			return "", fail(field, "nomor luar negeri harus 8–15 angka termasuk kode negara (tertulis %d)", len(d))
		}
		return "+" + d, nil
	case strings.HasPrefix(d, "00"):
		return "", fail(field, "nomor luar negeri ditulis dengan + dan kode negara, misalnya +65 9123 4567")
	case d[0] == '0':
		nsn = d[1:]
	case d[0] == '8':
		nsn = d
	default:
		return "", fail(field, "nomor HP Indonesia diawali 08 atau +62 8, %s; nomor luar negeri ditulis dengan + dan kode negara, misalnya +65 9123 4567", phoneExample)
	}
	switch {
	case nsn == "":
		return "", fail(field, "terlalu pendek: nomor HP Indonesia 10–13 angka termasuk 0 di depan, %s", phoneExample)
	case nsn[0] != '8':
		return "", fail(field, "harus nomor HP (diawali 08 atau +62 8), bukan telepon rumah atau kantor")
	case len(nsn) < 9:
		return "", fail(field, "terlalu pendek: nomor HP Indonesia 10–13 angka termasuk 0 di depan, %s", phoneExample)
	case len(nsn) > 12:
		return "", fail(field, "terlalu panjang: nomor HP Indonesia 10–13 angka termasuk 0 di depan, %s", phoneExample)
	}
	return "+62" + nsn, nil
}
