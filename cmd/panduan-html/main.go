// Command panduan-html renders the officer's guide (docs/panduan-petugas.md)
// as one self-contained HTML page for the release archive: the counter PC
// has no Markdown viewer and often no network, so the page carries its own
// styles and links only to its own headings.
//
//	go run ./cmd/panduan-html [-version V] [docs/panduan-petugas.md] > panduan-petugas.html
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"html"
	"io"
	"os"
	"regexp"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
)

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "panduan-html:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("panduan-html", flag.ContinueOnError)
	fs.SetOutput(stderr)
	version := fs.String("version", "dev", "the loket version named in the page's footer")
	if err := fs.Parse(args); err != nil {
		return err
	}
	src := "docs/panduan-petugas.md"
	if fs.NArg() > 1 {
		return errors.New("at most one Markdown file")
	}
	if fs.NArg() == 1 {
		src = fs.Arg(0)
	}
	md, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	page, err := render(md, *version)
	if err != nil {
		return err
	}
	_, err = stdout.Write(page)
	return err
}

// titleRe finds the guide's first-level heading, used as the page title.
var titleRe = regexp.MustCompile(`(?m)^# (.+)$`)

// render turns the guide into a complete HTML document. Heading IDs follow
// the same rule the guide's table of contents was written for (lowercase,
// spaces to hyphens, punctuation dropped), so its links work offline; the
// test checks that every in-page link has its target.
func render(md []byte, version string) ([]byte, error) {
	conv := goldmark.New(
		goldmark.WithExtensions(extension.GFM),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
	)
	var body bytes.Buffer
	if err := conv.Convert(md, &body); err != nil {
		return nil, fmt.Errorf("render markdown: %w", err)
	}
	title := "Panduan Petugas loket"
	if m := titleRe.FindSubmatch(md); m != nil {
		title = string(bytes.TrimSpace(m[1]))
	}
	var out bytes.Buffer
	fmt.Fprintf(&out, `<!DOCTYPE html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>%s</title>
<style>%s</style>
</head>
<body>
<main>
`, html.EscapeString(title), css)
	out.Write(body.Bytes())
	fmt.Fprintf(&out, "</main>\n<footer>%s &middot; loket %s</footer>\n</body>\n</html>\n",
		html.EscapeString(title), html.EscapeString(version))
	return out.Bytes(), nil
}

// css keeps the page readable on a counter PC's browser and when printed;
// the screen captures stay in a monospaced box at their terminal width.
const css = `
body { font-family: "Segoe UI", system-ui, sans-serif; line-height: 1.5; color: #1b1b1b; background: #fff; margin: 0; }
main { max-width: 60rem; margin: 0 auto; padding: 1rem 1.5rem 3rem; }
h1, h2, h3 { line-height: 1.25; }
h2 { border-bottom: 1px solid #ccc; padding-bottom: .2rem; margin-top: 2.2rem; }
pre { background: #0f172a; color: #e2e8f0; padding: .8rem 1rem; overflow-x: auto; border-radius: 4px; font-size: .85rem; line-height: 1.25; }
code { font-family: Consolas, "DejaVu Sans Mono", monospace; }
:not(pre) > code { background: #eef1f5; padding: 0 .25rem; border-radius: 3px; }
table { border-collapse: collapse; margin: 1rem 0; }
th, td { border: 1px solid #bbb; padding: .3rem .6rem; vertical-align: top; text-align: left; }
th { background: #eef1f5; }
footer { max-width: 60rem; margin: 0 auto; padding: 1rem 1.5rem; color: #555; font-size: .85rem; border-top: 1px solid #ddd; }
@media print { pre { background: #fff; color: #000; border: 1px solid #999; } h2 { break-after: avoid; } }
`
