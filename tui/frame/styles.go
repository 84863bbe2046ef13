package frame

import (
	"charm.land/bubbles/v2/textinput"
	"charm.land/huh/v2"
	"charm.land/lipgloss/v2"
)

// Styles are every style the screens use, built once per background
// (dark until the terminal answers tea.BackgroundColorMsg). Colours are
// chosen so that the text stays readable on both: the light palette is the
// dark one darkened, never a pale tint on white.
type Styles struct {
	Dark bool

	Header    lipgloss.Style // the top bar: office and screen
	HeaderDim lipgloss.Style
	Title     lipgloss.Style // section titles in a panel
	Text      lipgloss.Style
	Dim       lipgloss.Style // secondary text, seed wording, hints
	Accent    lipgloss.Style
	OK        lipgloss.Style
	Warn      lipgloss.Style
	Err       lipgloss.Style
	Notice    lipgloss.Style
	Selected  lipgloss.Style // the selected row of a list or the sidebar
	Label     lipgloss.Style
	LabelOn   lipgloss.Style // label of the focused field
	Option    lipgloss.Style
	OptionOn  lipgloss.Style // the chosen option of a focused choice
	Border    lipgloss.Style // separators

	StepDone    lipgloss.Style
	StepCurrent lipgloss.Style
	StepWaiting lipgloss.Style
	StepPending lipgloss.Style
	StepNA      lipgloss.Style

	HelpKey  lipgloss.Style
	HelpDesc lipgloss.Style

	Input textinput.Styles
	Huh   huh.Theme
}

// newStyles builds the styles for a dark or light background.
func NewStyles(dark bool) *Styles {
	ld := lipgloss.LightDark(dark)
	c := func(light, darkc string) lipgloss.Style {
		return lipgloss.NewStyle().Foreground(ld(lipgloss.Color(light), lipgloss.Color(darkc)))
	}
	s := &Styles{Dark: dark}
	s.Header = lipgloss.NewStyle().Bold(true).
		Foreground(ld(lipgloss.Color("#FFFFFF"), lipgloss.Color("#FFFFFF"))).
		Background(ld(lipgloss.Color("#1F4E8C"), lipgloss.Color("#2B4C7E")))
	s.HeaderDim = lipgloss.NewStyle().
		Foreground(ld(lipgloss.Color("#E8EEF7"), lipgloss.Color("#C9D6EA"))).
		Background(ld(lipgloss.Color("#1F4E8C"), lipgloss.Color("#2B4C7E")))
	s.Title = c("#1F4E8C", "#8AB4F8").Bold(true)
	s.Text = lipgloss.NewStyle()
	s.Dim = c("#5C5C5C", "#A0A0A0")
	s.Accent = c("#1F4E8C", "#8AB4F8")
	s.OK = c("#1B6E2E", "#7BD88F")
	s.Warn = c("#8A5A00", "#F5C451").Bold(true)
	s.Err = c("#B00020", "#FF7B7B").Bold(true)
	s.Notice = c("#1B6E2E", "#7BD88F")
	s.Selected = lipgloss.NewStyle().Reverse(true)
	s.Label = c("#3A3A3A", "#C8C8C8")
	s.LabelOn = c("#1F4E8C", "#8AB4F8").Bold(true)
	s.Option = c("#3A3A3A", "#C8C8C8")
	s.OptionOn = lipgloss.NewStyle().Reverse(true).Bold(true)
	s.Border = c("#9A9A9A", "#5A5A5A")
	s.StepDone = c("#1B6E2E", "#7BD88F")
	s.StepCurrent = c("#1F4E8C", "#8AB4F8").Bold(true)
	s.StepWaiting = c("#8A5A00", "#F5C451")
	s.StepPending = lipgloss.NewStyle()
	s.StepNA = c("#7A7A7A", "#808080").Strikethrough(true)
	s.HelpKey = c("#1F4E8C", "#8AB4F8").Bold(true)
	s.HelpDesc = c("#4A4A4A", "#B0B0B0")

	in := textinput.DefaultStyles(dark)
	in.Cursor.Blink = false // a steady cursor: no redraw twice a second
	s.Input = in
	s.Huh = huh.ThemeFunc(huh.ThemeBase16)
	return s
}
