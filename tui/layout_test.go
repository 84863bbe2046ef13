package tui

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// shared are the sub-packages a screen may import; a screen importing
// another screen would tie the rooms together again (and, the day the
// other imports back, close a circle).
var shared = map[string]bool{"loket/tui/frame": true, "loket/tui/form": true}

func TestScreensImportNoSiblingScreen(t *testing.T) {
	dirs, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, d := range dirs {
		if !d.IsDir() || d.Name() == "testdata" {
			continue
		}
		files, _ := filepath.Glob(filepath.Join(d.Name(), "*.go"))
		for _, f := range files {
			af, err := parser.ParseFile(token.NewFileSet(), f, nil, parser.ImportsOnly)
			if err != nil {
				t.Fatal(err)
			}
			checked++
			for _, im := range af.Imports {
				p, _ := strconv.Unquote(im.Path.Value)
				if p == "loket/tui" || (strings.HasPrefix(p, "loket/tui/") && !shared[p]) {
					t.Errorf("%s imports %s: a sub-package of tui imports only %v", f, p, []string{"frame", "form"})
				}
			}
		}
	}
	if checked < 20 {
		t.Fatalf("checked only %d files: the test does not see the sub-packages", checked)
	}
}
