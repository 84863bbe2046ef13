package visit

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"loket/store"
	"loket/tui/form"
)

// editor is one step's panel: what it shows, what it records, and the
// parts a richer step adds (its own keys, messages, a popup, a pinned
// line). The whole contract is declared here; every editor embeds
// editorBase, whose methods are the defaults of the parts it does not use.
type editor interface {
	// Fields is the step's form; nil for a step without inputs.
	Fields() *form.Form
	// body renders the panel under the step's heading for width w; focus
	// is the line the officer works on.
	body(v *store.Visit, w int) (lines []string, focus int)
	// submit returns the command that records the step, or nil when
	// something must be answered first (the form then says what).
	submit(v *store.Visit) tea.Cmd

	// handleKey sees a key before the form; handled stops it there.
	handleKey(tea.KeyPressMsg, *store.Visit) (handled bool, cmd tea.Cmd)
	// HandleMsg sees the messages the screen does not handle itself (the
	// guest book's lookups).
	HandleMsg(tea.Msg) (handled bool, cmd tea.Cmd)
	// changed follows an edit of field fl.
	changed(fl *form.Field, v *store.Visit) tea.Cmd
	// keys are the step's own keys, for the help bar.
	keys() []key.Binding
	// ShowErr shows a refusal in the step's own place; false leaves it to
	// the form.
	ShowErr(error) bool
	// pinned is a line kept at the panel's foot (the request's total);
	// "" for none.
	pinned() string
	// refusal is the store's reason the step cannot be recorded now
	// though the visit is open (a paid visit's payment), nil when it can;
	// ctrl+s then says it instead of doing nothing.
	refusal(v *store.Visit) error
	// Popup reports an open popup (the guest book's matches), which esc
	// closes with closePopup instead of leaving the visit.
	Popup() bool
	closePopup()
}

// editorBase gives an editor the defaults: no keys of its own, nothing to
// do on other messages or edits, refusals shown by the form, no pinned
// line, no popup.
type editorBase struct{}

func (editorBase) handleKey(tea.KeyPressMsg, *store.Visit) (bool, tea.Cmd) { return false, nil }

// HandleMsg ignores other messages.
func (editorBase) HandleMsg(tea.Msg) (bool, tea.Cmd) { return false, nil }

func (editorBase) changed(*form.Field, *store.Visit) tea.Cmd { return nil }

func (editorBase) keys() []key.Binding { return nil }

// ShowErr leaves a refusal to the form.
func (editorBase) ShowErr(error) bool { return false }

func (editorBase) pinned() string { return "" }

func (editorBase) refusal(*store.Visit) error { return nil }

// Popup reports no popup.
func (editorBase) Popup() bool { return false }

func (editorBase) closePopup() {}
