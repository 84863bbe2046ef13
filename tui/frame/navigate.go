package frame

import tea "charm.land/bubbletea/v2"

// NavigateMsg asks the root to show another screen. It is built only by
// the constructors below, so each screen's argument has its type: the
// visit ID for the visit and for a complaint about a visit, nothing else.
type NavigateMsg struct {
	To      ScreenID
	VisitID string // ScreenVisit: the visit to open; ScreenComplaints: the visit complained about, or ""
}

func nav(m NavigateMsg) tea.Cmd { return func() tea.Msg { return m } }

// ToHome returns the command that goes to Beranda.
func ToHome() tea.Cmd { return nav(NavigateMsg{To: ScreenHome}) }

// ToVisit returns the command that opens (and resumes) visit id.
func ToVisit(id string) tea.Cmd { return nav(NavigateMsg{To: ScreenVisit, VisitID: id}) }

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
