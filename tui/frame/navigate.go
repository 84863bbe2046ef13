package frame

import tea "charm.land/bubbletea/v2"

// NavigateMsg asks the root to show another screen. It is built only by
// the constructors below, so each screen's argument has its type: the
// visit ID for the visit and for a complaint about a visit, nothing else.
type NavigateMsg struct {
	To      ScreenID
	VisitID string // ScreenVisit: the visit to open; ScreenComplaints: the visit complained about, or ""
	// From is where the new screen goes back to when it is left (esc):
	// a visit opened in Cari returns to Cari. The root keeps the screen
	// left, as it was, for that return. Zero (ScreenStart) is Beranda.
	From ScreenID
	// Back asks for the screen kept when this one was left (From), as it
	// was, rather than a new one; without one kept, a new one is built.
	Back bool
	// Visitor is, for ScreenVisit, a returning visitor to take at step 3
	// of a new visit (started from their record in Cari); "" for none.
	Visitor string
}

func nav(m NavigateMsg) tea.Cmd { return func() tea.Msg { return m } }

// ToHome returns the command that goes to Beranda.
func ToHome() tea.Cmd { return nav(NavigateMsg{To: ScreenHome}) }

// ToVisit returns the command that opens (and resumes) visit id; leaving
// it goes to Beranda.
func ToVisit(id string) tea.Cmd { return nav(NavigateMsg{To: ScreenVisit, VisitID: id}) }

// ToVisitFrom opens (and resumes) visit id from screen from, which leaving
// the visit returns to as it was: ToVisitFrom(id, ScreenSearch).
func ToVisitFrom(id string, from ScreenID) tea.Cmd {
	return nav(NavigateMsg{To: ScreenVisit, VisitID: id, From: from})
}

// ToNewVisitFor opens new visit id with visitor id taken at step 3, as
// the lookup of a returning visitor takes them.
func ToNewVisitFor(id, visitor string) tea.Cmd {
	return nav(NavigateMsg{To: ScreenVisit, VisitID: id, Visitor: visitor})
}

// Back returns the command that goes back to screen to, the one a screen
// was opened from: the screen left there, as it was, or Beranda.
func Back(to ScreenID) tea.Cmd {
	if to == ScreenStart || to == ScreenHome {
		return ToHome()
	}
	return nav(NavigateMsg{To: to, Back: true})
}

// ScreenName is a screen's name as the header and the help say it, for
// "esc kembali ke Cari".
func ScreenName(id ScreenID) string {
	switch id {
	case ScreenVisit:
		return "Kunjungan"
	case ScreenSearch:
		return "Cari"
	case ScreenComplaints:
		return "Pengaduan"
	case ScreenTariff:
		return "Tarif"
	case ScreenSettings:
		return "Pengaturan"
	case ScreenEndOfDay:
		return "Tutup hari"
	case ScreenReport:
		return "Laporan"
	}
	return "Beranda"
}

// ToComplaints returns the command that opens the complaints screen; with a
// visit ID it starts a new complaint about that visit.
func ToComplaints(visitID string) tea.Cmd {
	return nav(NavigateMsg{To: ScreenComplaints, VisitID: visitID})
}

// ToSearch returns the command that opens the search screen.
func ToSearch() tea.Cmd { return nav(NavigateMsg{To: ScreenSearch}) }

// ToTariff returns the command that opens the tariff schedule.
func ToTariff() tea.Cmd { return nav(NavigateMsg{To: ScreenTariff}) }

// ToSettings returns the command that opens the settings.
func ToSettings() tea.Cmd { return nav(NavigateMsg{To: ScreenSettings}) }

// ToEndOfDay returns the command that opens the end of the day.
func ToEndOfDay() tea.Cmd { return nav(NavigateMsg{To: ScreenEndOfDay}) }

// ToReport returns the command that opens the period recap (Laporan).
func ToReport() tea.Cmd { return nav(NavigateMsg{To: ScreenReport}) }
