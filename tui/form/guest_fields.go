package form

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
	GuestHintIDNo = "KTP: NIK 16 angka."
	GuestHintNPWP = "Wajib untuk kategori Swasta: 15 atau 16 angka."
)

// guestYear writes a birth year, "" when unknown.
func GuestYear(g store.Guest) string {
	if g.BirthYear > 0 {
		return fmt.Sprint(g.BirthYear)
	}
	return ""
}

// guestFields are the identity fields filled from g, in the guest book's
// order. A screen adds its own hints for the name and the category, whose
// meaning differs between a new visit and a correction.
func GuestFields(g store.Guest) []*Field {
	return []*Field{
		TextF("name", "Nama", g.Name),
		ChoiceF("idtype", "Jenis identitas", valid.IDTypes, g.IDType),
		TextF("idno", "Nomor identitas", g.IDNumber).WithHint(GuestHintIDNo),
		ChoiceF("gender", "Jenis kelamin", store.Strings(store.Genders), string(g.Gender)).WithHint("L laki-laki · P perempuan"),
		TextF("year", "Tahun lahir", GuestYear(g)),
		ChoiceF("edu", "Pendidikan", valid.Educations, g.Education),
		ChoiceF("job", "Pekerjaan", valid.Occupations, g.Occupation),
		TextF("inst", "Instansi", g.Institution),
		ChoiceF("cat", "Kategori instansi", valid.InstCategories, g.Category),
		TextF("email", "Email", g.Email).WithHint("Email yang masih aktif."),
		TextF("phone", "Nomor HP", g.Phone).WithHint("08… atau +62 8…; nomor luar negeri dengan + dan kode negara."),
		TextF("npwp", "NPWP", g.NPWP).WithHint(GuestHintNPWP),
	}
}

// guestInput reads the identity fields of f for the store, which
// validates them.
func GuestInput(f *Form, consent bool, visitorID string) store.GuestInput {
	return store.GuestInput{
		Guest: store.Guest{IDType: f.Val("idtype"), IDNumber: f.Val("idno"), Name: f.Val("name"), Gender: store.Gender(f.Val("gender")),
			Education: f.Val("edu"), Occupation: f.Val("job"), Institution: f.Val("inst"), Category: f.Val("cat"),
			Email: f.Val("email"), Phone: f.Val("phone"), NPWP: f.Val("npwp")},
		BirthYear: f.Val("year"),
		Consent:   consent,
		VisitorID: visitorID,
	}
}
