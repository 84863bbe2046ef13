package valid

import "strings"

// NPWP checks a taxpayer number, written dotted (01.234.567.8-901.000) or as
// plain digits, and returns its digits: 15 (the old format) or 16 (the NIK
// form used since 2024).
func NPWP(s string) (string, error) {
	const field = "NPWP"
	d := stripSeparators(s)
	if d == "" {
		return "", fail(field, "wajib diisi")
	}
	if r, bad := firstNotIn(d, isDigit); bad {
		return "", fail(field, "hanya boleh berisi angka, titik, dan tanda hubung (ada %s)", shown(r))
	}
	if len(d) != 15 && len(d) != 16 {
		return "", fail(field, "harus 15 angka (format lama, misalnya 01.234.567.8-901.000) atau 16 angka (tertulis %d)", len(d))
	}
	return d, nil
}

// BillingCode checks a SIMPONI kode billing: 15 digits, spaces allowed
// between them. It returns the digits.
func BillingCode(s string) (string, error) {
	const field = "Kode billing"
	d := stripSpaces(s)
	if d == "" {
		return "", fail(field, "wajib diisi")
	}
	if r, bad := firstNotIn(d, isDigit); bad {
		return "", fail(field, "hanya boleh berisi angka (ada %s)", shown(r))
	}
	if len(d) != 15 {
		return "", fail(field, "harus 15 angka (tertulis %d)", len(d))
	}
	return d, nil
}

// NTPN checks a Nomor Transaksi Penerimaan Negara: 16 letters or digits,
// spaces dropped, returned in upper case.
func NTPN(s string) (string, error) {
	return reference("NTPN", s, 16, 16)
}

// NTB checks a Nomor Transaksi Bank: 6–32 letters or digits, spaces
// dropped, returned in upper case.
func NTB(s string) (string, error) {
	return reference("NTB", s, 6, 32)
}

// reference checks a transaction number made of ASCII letters and digits.
func reference(field, s string, minLen, maxLen int) (string, error) {
	d := stripSpaces(s)
	if d == "" {
		return "", fail(field, "wajib diisi")
	}
	if r, bad := firstNotIn(d, isAlnum); bad {
		return "", fail(field, "hanya boleh berisi huruf dan angka (ada %s)", shown(r))
	}
	// Upper case only after the check: strings.ToUpper turns some non-ASCII
	// letters (ı, ſ) into ASCII ones.
	d = strings.ToUpper(d)
	if len(d) < minLen || len(d) > maxLen {
		if minLen == maxLen {
			return "", fail(field, "harus %d huruf atau angka (tertulis %d)", minLen, len(d))
		}
		return "", fail(field, "harus %d–%d huruf atau angka (tertulis %d)", minLen, maxLen, len(d))
	}
	return d, nil
}
