package search

import (
	"fmt"
	"strings"

	"loket/store"
	"loket/store/valid"
	"loket/tui/form"
	"loket/tui/frame"
)

// The visitor record's rendering: its title, identity fields, visits, the
// correction form and the erase dialog.

func (r *searchRecord) title(st *frame.Styles, w int) []string {
	p := r.Person
	right := fmt.Sprintf("%d kunjungan", p.Visits)
	if p.LastVisit != "" {
		right += " · terakhir " + frame.DayDMY(p.LastVisit)
	}
	name := " " + st.Title.Render(p.Guest.Name)
	if frame.Width(name)+frame.Width(right)+3 > w {
		return []string{name, " " + st.Dim.Render(right)}
	}
	return []string{frame.Between(name, st.Dim.Render(right)+" ", w)}
}

// hasNumber tells whether the record has a number to mask.
func (r *searchRecord) hasNumber() bool {
	return r.Person.Guest.IDNumber != "" || r.Person.Guest.NPWP != ""
}

// identity is the record's fields as label and value, the ID number and
// the NPWP masked until revealed.
func (r *searchRecord) identity() [][2]string {
	g := r.Person.Guest
	id, npwp := g.IDNumber, g.NPWP
	if !r.revealed {
		id, npwp = valid.MaskID(id), valid.MaskID(npwp)
	}
	return [][2]string{
		{"Jenis identitas", g.IDType}, {"Nomor identitas", id}, {"Jenis kelamin", g.Gender.Label()},
		{"Tahun lahir", form.GuestYear(g)}, {"Pendidikan", g.Education}, {"Pekerjaan", g.Occupation},
		{"Instansi", g.Institution}, {"Kategori instansi", g.Category}, {"Email", g.Email},
		{"Nomor HP", g.Phone}, {"NPWP", npwp},
	}
}

// identityLines lays the fields out in two columns when every value fits,
// else in one, wrapping long values.
func (r *searchRecord) identityLines(st *frame.Styles, w int) []string {
	const lw = 18
	fields := r.identity()
	longest := 0
	for _, f := range fields {
		longest = max(longest, frame.Width(frame.OrDash(f[1])))
	}
	cell := func(f [2]string, vw int) []string {
		v := frame.OrDash(f[1])
		if (f[0] == "Nomor identitas" || f[0] == "NPWP") && f[1] != "" && !r.revealed {
			v += st.Dim.Render(" (disamarkan)")
		}
		var out []string
		for i, l := range frame.Wrap(v, vw) {
			lab := strings.Repeat(" ", lw)
			if i == 0 {
				lab = st.Label.Render(frame.Pad(f[0], lw))
			}
			out = append(out, lab+l)
		}
		return out
	}
	var out []string
	colW := (w - 3) / 2
	if longest+frame.Width(" (disamarkan)") <= colW-lw {
		half := (len(fields) + 1) / 2
		for i := 0; i < half; i++ {
			l := " " + frame.Pad(cell(fields[i], colW-lw)[0], colW+1)
			if i+half < len(fields) {
				l += cell(fields[i+half], colW-lw)[0]
			}
			out = append(out, l)
		}
		return out
	}
	for _, f := range fields {
		for _, l := range cell(f, w-lw-2) {
			out = append(out, " "+l)
		}
	}
	return out
}

func (r *searchRecord) recordView(st *frame.Styles, w, h int) []string {
	if !r.Loaded {
		return []string{" " + st.Dim.Render("Memuat data pengunjung…")}
	}
	out := r.title(st, w)
	out = append(out, "")
	if erased := r.Person.ErasedAt; !erased.IsZero() {
		for _, l := range frame.Wrap("Data pribadi pengunjung ini dihapus atas permintaannya pada "+frame.DateTime(erased)+
			". Kunjungan dan pembayarannya tetap tercatat tanpa identitas.", w-2) {
			out = append(out, " "+st.Warn.Render(l))
		}
	} else {
		out = append(out, r.identityLines(st, w)...)
	}
	out = append(out, "", " "+st.Title.Render(fmt.Sprintf("Kunjungan (%d)", len(r.Visits))))
	if len(r.Visits) == 0 {
		return append(out, " "+st.Dim.Render("Tidak ada kunjungan yang tercatat atas nama ini."))
	}
	var rows []string
	cur := 0
	for i, v := range r.Visits {
		if i == r.cursor {
			cur = len(rows)
		}
		rows = append(rows, searchRowLines(st, searchVisitRow(st, v, false, i == r.cursor), i == r.cursor, w)...)
	}
	return append(out, searchWindow(rows, cur, max(h-len(out), 1))...)
}

func (r *searchRecord) editView(st *frame.Styles, w, h int) []string {
	out := []string{" " + st.Title.Render("Ubah data pengunjung")}
	if r.Saving {
		out[0] += st.Dim.Render(" · menyimpan…")
	}
	for _, l := range frame.Wrap("Atas permintaan pengunjung. Perubahan dicatat di jejak audit (tanpa isinya); kunjungan lama tetap memuat data saat itu.", w-2) {
		out = append(out, " "+st.Dim.Render(l))
	}
	out = append(out, "")
	lines, focus := r.Form.Lines(w-1, nil)
	for i := range lines {
		lines[i] = " " + lines[i]
	}
	return append(out, searchWindow(lines, focus, h-len(out))...)
}

func (r *searchRecord) eraseView(st *frame.Styles, w, h int) []string {
	g := r.Person.Guest
	who := g.Name
	if g.IDNumber != "" {
		who += " · " + g.IDType + " " + valid.MaskID(g.IDNumber)
	}
	what := fmt.Sprintf("Nama menjadi %q; nomor identitas, email, nomor HP, NPWP dan isian lain dikosongkan, juga pada %d kunjungannya. Penghapusan tidak dapat dibatalkan.", store.Erased, r.Person.Visits)
	out := []string{" " + st.Warn.Render("Hapus data pribadi pengunjung?"), ""}
	for _, t := range []string{who, "", "Data pribadi dihapus (dianonimkan); kunjungan dan pembayaran tetap tercatat.", what, ""} {
		for _, l := range frame.Wrap(t, w-4) {
			out = append(out, "   "+l)
		}
	}
	prompt := "Ketik " + searchEraseWord + " lalu enter: "
	out = append(out, "   "+st.LabelOn.Render(prompt)+r.confirm.View())
	if r.confirmErr != "" {
		for _, l := range frame.Wrap("✗ "+r.confirmErr, w-4) {
			out = append(out, "   "+st.Err.Render(l))
		}
	}
	foot := "esc: batal, data tidak diubah"
	if r.Saving {
		foot = "Menghapus… tunggu sebentar."
	}
	out = append(out, "", "   "+st.Dim.Render(foot))
	return searchWindow(out, len(out)-1, h)
}
