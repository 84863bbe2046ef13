package store

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// literalAllowed are literals outside store that spell a word of the
// vocabulary but mean something else, each with its reason. The key is
// the file (slash-separated, from the module root) and the literal.
var literalAllowed = map[[2]string]string{
	// The guest book's e-mail field is named Email, as the medium and the
	// complaint channel are.
	{"tui/form/guest_fields.go", "Email"}:          "the guest book's e-mail field",
	{"tui/search/search_visitor_view.go", "Email"}: "the visitor record's e-mail field",
	{"export/sheets.go", "Email"}:                  "a column header of the guest book sheet",
	{"export/sppd.go", "Email"}:                    "the SPPD sheet's e-mail field",
	// Sheet names are the workbook's contract (Go constants), fixed even
	// if a label changed.
	{"export/documents.go", "Invoice"}:  "the invoice sheet's name",
	{"export/documents.go", "Kuitansi"}: "the kuitansi sheet's name",
	// Column headers that count visits by status: a header, not a value.
	{"export/recap.go", "Selesai"}: "column header: visits finished",
	{"export/recap.go", "Batal"}:   "column header: visits canceled",
	{"export/recap.go", "Dirujuk"}: "column header: visits referred",
	// The complaints list's date column is titled by when a complaint was
	// received, not by its status.
	{"tui/complaints/complaints_view.go", "Diterima"}: "column header: the date received",
	{"export/recap_stats.go", "Diterima"}:             "column header: the date received",
	{"export/recap_stats.go", "Selesai"}:              "column header: the date settled",
	// The billing codes' column of when each code stops being valid.
	{"tui/endofday/endofday_view.go", "Berlaku"}: "column header: valid until",
}

// TestNoVocabularyLiteralsOutsideStore fails when a non-test Go file
// outside store (and outside tariff, which spells the item kinds) has a
// string literal equal to a value or a label of the store's typed
// vocabulary (vocabulary(), built from the lists in vocab.go): such a
// literal is a domain name that should be the typed constant or its
// Label. The check parses the files, so a word inside a longer message
// or in a comment does not count.
func TestNoVocabularyLiteralsOutsideStore(t *testing.T) {
	words := vocabulary()
	root := ".."
	fset := token.NewFileSet()
	used := map[[2]string]bool{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if rel == "store" || rel == "tariff" || rel == "testdata" || strings.HasPrefix(d.Name(), ".") && rel != "." {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(rel, ".go") || strings.HasSuffix(rel, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			s, err := strconv.Unquote(lit.Value)
			if err != nil {
				t.Errorf("%s: %v", fset.Position(lit.Pos()), err)
				return true
			}
			typ, ok := words[s]
			if !ok {
				return true
			}
			key := [2]string{rel, s}
			if _, ok := literalAllowed[key]; ok {
				used[key] = true
				return true
			}
			t.Errorf("%s: literal %q is a word of store.%s: use the typed constant or its Label()",
				fset.Position(lit.Pos()), s, typ)
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for key, why := range literalAllowed {
		if !used[key] {
			t.Errorf("allowed %q in %s (%s) no longer occurs: remove it from literalAllowed", key[1], key[0], why)
		}
	}
}

// TestVocabularyListsComplete checks vocab.go against itself: every
// constant of a vocabulary type declared in store is in the type's list
// (so in vocabulary()), and no list repeats a value, ignoring case as
// valid.OneOf matches.
func TestVocabularyListsComplete(t *testing.T) {
	words := vocabulary()
	fset := token.NewFileSet()
	pkgs, err := parser.ParseDir(fset, ".", func(fi fs.FileInfo) bool { return !strings.HasSuffix(fi.Name(), "_test.go") }, 0)
	if err != nil {
		t.Fatal(err)
	}
	types := map[string]bool{}
	for _, typ := range words {
		types[typ] = true
	}
	n := 0
	for _, f := range pkgs["store"].Files {
		for _, d := range f.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok || g.Tok != token.CONST {
				continue
			}
			for _, spec := range g.Specs {
				vs := spec.(*ast.ValueSpec)
				id, ok := vs.Type.(*ast.Ident)
				if !ok || !types[id.Name] {
					continue
				}
				for _, v := range vs.Values {
					lit, ok := v.(*ast.BasicLit)
					if !ok {
						t.Errorf("%s: a %s constant that is not a literal", fset.Position(v.Pos()), id.Name)
						continue
					}
					s, _ := strconv.Unquote(lit.Value)
					if _, ok := words[s]; !ok {
						t.Errorf("%s: %s %q is missing from its list in vocab.go", fset.Position(v.Pos()), id.Name, s)
					}
					n++
				}
			}
		}
	}
	if n < 20 {
		t.Errorf("found %d typed vocabulary constants; the parse missed them", n)
	}
	for name, list := range map[string][]string{
		"VisitStatuses": Strings(VisitStatuses), "DocKinds": Strings(DocKinds), "InvoiceKinds": Strings(InvoiceKinds),
		"NumberStates": Strings(NumberStates), "BillingStates": Strings(BillingStates),
		"PaymentMethods": Strings(PaymentMethods), "ItemKinds": Strings(ItemKinds), "Media": Strings(Media),
		"Genders": Strings(Genders), "ComplaintStatuses": Strings(ComplaintStatuses),
		"ComplaintChannels": Strings(ComplaintChannels), "Faults": Strings(Faults),
	} {
		seen := map[string]bool{}
		for _, v := range list {
			if k := strings.ToLower(v); seen[k] || v == "" {
				t.Errorf("%s: %q empty or repeated", name, v)
			} else {
				seen[k] = true
			}
		}
	}
}

func TestComplaintStatusNext(t *testing.T) {
	got := []ComplaintStatus{ComplaintReceived.Next(), ComplaintOpen.Next(), ComplaintDone.Next()}
	if want := []ComplaintStatus{ComplaintOpen, ComplaintDone, ComplaintDone}; !slices.Equal(got, want) {
		t.Errorf("Next = %v, want %v", got, want)
	}
}

func TestDefaultMedium(t *testing.T) {
	for _, c := range []struct {
		it   Item
		want Medium
	}{
		{Item{ItemInput: ItemInput{Code: "PUB-CETAK"}}, MediumPrint},
		{Item{ItemInput: ItemInput{Code: "PUB-DIGITAL"}}, MediumEmail},
		{Item{ItemInput: ItemInput{Code: "PUB-CETAK", Media: MediumFlashdisk}}, MediumFlashdisk},
		{Item{Kind: ItemMicrodata, ItemInput: ItemInput{Code: "MIK-X", Media: MediumDisc}}, MediumDisc},
	} {
		if got := DefaultMedium(c.it); got != c.want {
			t.Errorf("DefaultMedium(%s, %q) = %s, want %s", c.it.Code, c.it.Media, got, c.want)
		}
	}
}
