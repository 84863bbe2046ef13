package settings

import (
	"fmt"
	"strings"

	"loket/store"
	"loket/tui/frame"
)

// The settings screen's rendering: the section tabs, the office, the
// officers, the backup folder and the open form.

// listRoom is how many officers fit under the Petugas section's lines.
func (s *Screen) listRoom() int { return max(s.h-9, 3) }

// View renders the screen's body.
func (s *Screen) View() string {
	st, w := s.c.Styles, s.w
	var tabs []string
	for i, n := range settingsSectionNames {
		t := fmt.Sprintf(" %d %s ", i+1, n)
		if settingsSection(i) == s.Sec {
			t = st.Selected.Render(t)
		} else {
			t = st.Dim.Render(t)
		}
		tabs = append(tabs, t)
	}
	head := []string{" " + strings.Join(tabs, " "), ""}
	if !s.Loaded {
		return strings.Join(append(head, "  Memuat…"), "\n")
	}
	var body []string
	focus := -1
	switch s.Sec {
	case SettingsOffice:
		body, focus = s.officeView(w)
	case SettingsOfficers:
		body, focus = s.officersView(w)
	case SettingsBackup:
		body, focus = s.backupView(w)
	}
	// Keep the focused field (and its hint under it) in sight.
	room := max(s.h-len(head), 1)
	first := 0
	if focus >= 0 && focus+4 > room {
		first = min(focus+4-room, max(len(body)-room, 0))
	}
	body = body[min(first, len(body)):]
	return strings.Join(append(head, body...), "\n")
}

// formLines renders the open form, indented by one column.
func (s *Screen) formLines(w int) ([]string, int) {
	ls, focus := s.Form.Lines(w-2, nil)
	for i := range ls {
		ls[i] = " " + ls[i]
	}
	if s.Busy {
		busy := "Menyimpan…"
		if s.mode == settingsBackupForm {
			busy = "Mencadangkan…"
		}
		ls = append(ls, "", "  "+s.c.Styles.Dim.Render(busy))
	}
	return ls, focus
}

// settingsRow is a label and a wrapped value.
func (s *Screen) row(label, value string, lw, w int) []string {
	st := s.c.Styles
	if value == "" {
		value = st.Dim.Render("—")
	}
	var out []string
	for i, l := range frame.Wrap(value, max(w-lw-4, 10)) {
		lab := strings.Repeat(" ", lw)
		if i == 0 {
			lab = st.Label.Render(frame.Pad(label, lw))
		}
		out = append(out, "   "+lab+" "+l)
	}
	return out
}

func (s *Screen) officeView(w int) ([]string, int) {
	st := s.c.Styles
	if s.Form != nil {
		out := []string{"  " + st.Title.Render("Ubah data kantor")}
		ls, focus := s.formLines(w)
		return append(out, ls...), focus + 1
	}
	o := s.Data.office
	export := o.ExportDir
	if export == "" {
		if s.Data.ExportErr != nil {
			export = "bawaan: " + frame.ErrText(s.Data.ExportErr)
		} else {
			export = s.Data.ExportDir + " (bawaan)"
		}
	}
	out := []string{"  " + st.Title.Render("Kantor")}
	lw := 17
	for _, r := range [][2]string{{"Nama kantor", o.Name}, {"Unit", o.Unit}, {"Alamat", o.Address},
		{"Telepon", o.Phone}, {"Situs web", o.Website}, {"Email pengaduan", o.ComplaintEmail},
		{"Kontak pengaduan", o.ComplaintContact}, {"Kode loket", o.CounterCode},
		{"Kode kantor", o.Code + " (tetap)"}, {"Folder ekspor", export}} {
		out = append(out, s.row(r[0], r[1], lw, w)...)
	}
	return out, -1
}

func (s *Screen) officersView(w int) ([]string, int) {
	st := s.c.Styles
	if s.Form != nil {
		title := "Tambah petugas"
		if s.mode == settingsChangePIN {
			title = "Ubah PIN " + s.c.Officer.Name
		}
		out := []string{"  " + st.Title.Render(title)}
		ls, focus := s.formLines(w)
		return append(out, ls...), focus + 1
	}
	list := s.Data.officers
	out := []string{"  " + st.Title.Render(fmt.Sprintf("Petugas terdaftar (%d)", len(list)))}
	room := s.listRoom()
	s.top = min(s.top, max(len(list)-room, 0))
	nameW := 16
	for _, o := range list {
		nameW = max(nameW, frame.Width(o.Name))
	}
	nameW = min(nameW, max(w-34, 16))
	for i := s.top; i < len(list) && i < s.top+room; i++ {
		o := list[i]
		pin := st.Dim.Render("tanpa PIN")
		if o.HasPIN {
			pin = "ada PIN"
		}
		row := "   " + frame.Pad(o.Name, nameW) + "  " + frame.Pad(pin, 10)
		if o.ID == s.c.Officer.ID {
			row += "  " + st.Accent.Render("← bertugas")
		}
		out = append(out, row)
	}
	if len(list) > room {
		out = append(out, st.Dim.Render(fmt.Sprintf("   … %d–%d dari %d", s.top+1, min(s.top+room, len(list)), len(list))))
	}
	out = append(out, "")
	for _, l := range frame.Wrap("t menambah petugas (PIN boleh dikosongkan); p mengubah atau menghapus PIN petugas yang bertugas. PIN tidak pernah ditampilkan.", w-4) {
		out = append(out, "  "+st.Dim.Render(l))
	}
	return out, -1
}

func (s *Screen) backupView(w int) ([]string, int) {
	st := s.c.Styles
	out := []string{"  " + st.Title.Render("Cadangkan ke…")}
	for _, l := range frame.Wrap("Salinan utuh basis data (kunjungan, pembayaran, buku tamu) ke folder lain, mis. flashdisk. Boleh sambil melayani. Simpan flashdisk di tempat aman: isinya data pribadi pengunjung.", w-4) {
		out = append(out, "  "+l)
	}
	out = append(out, "")
	lw := 17
	if s.Form != nil {
		ls, focus := s.formLines(w)
		focus += len(out)
		out = append(out, ls...)
		if s.confirm != "" {
			out = append(out, "")
			for _, l := range frame.Wrap("Folder "+s.confirm+" belum ada. Tekan enter lagi untuk membuatnya dan mencadangkan ke sana, atau perbaiki alamatnya (flashdisk terpasang?).", w-4) {
				out = append(out, "  "+st.Warn.Render(l))
			}
		}
		return out, focus
	}
	last := s.Data.BackupDir
	if last == "" {
		last = "belum pernah dari layar ini"
	}
	out = append(out, s.row("Folder terakhir", last, lw, w)...)
	out = append(out, s.row("Cadangan harian", s.Data.autoBackup+" "+backupKept, lw, w)...)
	if s.LastOut != "" {
		out = append(out, "")
		out = append(out, s.row("Tersimpan", st.OK.Render(s.LastOut), lw, w)...)
		if s.lastWarn != "" {
			for _, l := range frame.Wrap(s.lastWarn, w-4) {
				out = append(out, "  "+st.Warn.Render(l))
			}
		}
	}
	return out, -1
}

// backupKept says the retention rule of the automatic backups (the store's
// BackupDaily, BackupWeekly, BackupMonthly): the newest of each period.
var backupKept = fmt.Sprintf("(otomatis; disimpan yang terbaru dari tiap %d hari, %d minggu dan %d bulan terakhir)",
	store.BackupDaily, store.BackupWeekly, store.BackupMonthly)
