package tui

import (
	"fmt"

	"loket/store"
	"loket/store/valid"
)

// The guest book's identity fields, shared by step 3 of a visit
// (steps_guest.go, which adds the consent question and the lookup) and the
// correction of a visitor's record on the search screen
// (search_visitor.go): one list of keys, labels and hints, so the two
// cannot drift apart.

// Hints that a screen extends (the search screen says when a number is
// masked).
const (
	guestHintIDNo = "KTP: NIK 16 angka."
	guestHintNPWP = "Wajib untuk kategori Swasta: 15 atau 16 angka."
)

// guestYear writes a birth year, "" when unknown.
func guestYear(g store.Guest) string {
	if g.BirthYear > 0 {
		return fmt.Sprint(g.BirthYear)
	}
	return ""
}

// guestGenderWord writes L/P as words.
func guestGenderWord(g string) string {
	switch g {
	case "L":
		return "Laki-laki"
	case "P":
		return "Perempuan"
	}
	return g
}

// guestFields are the identity fields filled from g, in the guest book's
// order. A screen adds its own hints for the name and the category, whose
// meaning differs between a new visit and a correction.
func guestFields(g store.Guest) []*field {
	return []*field{
		textF("name", "Nama", g.Name),
		choiceF("idtype", "Jenis identitas", valid.IDTypes, g.IDType),
		textF("idno", "Nomor identitas", g.IDNumber).withHint(guestHintIDNo),
		choiceF("gender", "Jenis kelamin", valid.Genders, g.Gender).withHint("L laki-laki · P perempuan"),
		textF("year", "Tahun lahir", guestYear(g)),
		choiceF("edu", "Pendidikan", valid.Educations, g.Education),
		choiceF("job", "Pekerjaan", valid.Occupations, g.Occupation),
		textF("inst", "Instansi", g.Institution),
		choiceF("cat", "Kategori instansi", valid.InstCategories, g.Category),
		textF("email", "Email", g.Email).withHint("Email yang masih aktif."),
		textF("phone", "Nomor HP", g.Phone).withHint("08… atau +62 8…; nomor luar negeri dengan + dan kode negara."),
		textF("npwp", "NPWP", g.NPWP).withHint(guestHintNPWP),
	}
}

// guestInput reads the identity fields of f for the store, which
// validates them.
func guestInput(f *form, consent bool, visitorID string) store.GuestInput {
	return store.GuestInput{
		Guest: store.Guest{IDType: f.val("idtype"), IDNumber: f.val("idno"), Name: f.val("name"), Gender: f.val("gender"),
			Education: f.val("edu"), Occupation: f.val("job"), Institution: f.val("inst"), Category: f.val("cat"),
			Email: f.val("email"), Phone: f.val("phone"), NPWP: f.val("npwp")},
		BirthYear: f.val("year"),
		Consent:   consent,
		VisitorID: visitorID,
	}
}
