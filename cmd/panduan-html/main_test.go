package main

import (
	"bytes"
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestGuideLinksResolve renders the real guide and checks that every
// in-page link of its table of contents has a heading to land on: the
// release page is read offline, so a broken anchor is a dead end.
func TestGuideLinksResolve(t *testing.T) {
	md, err := os.ReadFile("../../docs/panduan-petugas.md")
	if err != nil {
		t.Fatal(err)
	}
	page, err := render(md, "v9.9.9")
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for _, m := range regexp.MustCompile(`id="([^"]+)"`).FindAllSubmatch(page, -1) {
		ids[string(m[1])] = true
	}
	links := regexp.MustCompile(`href="#([^"]+)"`).FindAllSubmatch(page, -1)
	if len(links) < 10 {
		t.Fatalf("only %d in-page links: the table of contents was not rendered as links", len(links))
	}
	for _, m := range links {
		if !ids[string(m[1])] {
			t.Errorf("link #%s has no heading with that id", m[1])
		}
	}
}

// TestGuideIsSelfContained: no script, stylesheet or image from elsewhere,
// the version in the footer, and a screen capture kept as preformatted text.
func TestGuideIsSelfContained(t *testing.T) {
	md := []byte("# Panduan\n\n## 1. Mulai\n\n```\n┌ Beranda ┐\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n<script>alert(1)</script>\n")
	page, err := render(md, "v1.2.3")
	if err != nil {
		t.Fatal(err)
	}
	s := string(page)
	for _, bad := range []string{"<script", "http://", "https://", "<link", "<img"} {
		if strings.Contains(s, bad) {
			t.Errorf("page contains %q", bad)
		}
	}
	for _, want := range []string{"<title>Panduan</title>", "loket v1.2.3", "<pre><code>┌ Beranda ┐", "<table>", `id="1-mulai"`} {
		if !strings.Contains(s, want) {
			t.Errorf("page lacks %q", want)
		}
	}
}

func TestRunWritesPage(t *testing.T) {
	var out, errb bytes.Buffer
	if err := run([]string{"-version", "v0.1.0", "../../docs/panduan-petugas.md"}, &out, &errb); err != nil {
		t.Fatal(err, errb.String())
	}
	if !bytes.HasPrefix(out.Bytes(), []byte("<!DOCTYPE html>")) {
		t.Fatalf("not an HTML page: %.40q", out.String())
	}
	if err := run([]string{"a.md", "b.md"}, &out, &errb); err == nil {
		t.Fatal("two files accepted")
	}
}
