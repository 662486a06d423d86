package main

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"html/template"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/nnlesson/course/internal/notebook"
)

// This file makes the pages: each is a notebook that nbconvert renders with
// the course's template (template/nnlesson), whose markdown is then
// sanitized, and whose formulas are typeset.

// pageMeta is what the template reads from the notebook's metadata,
// nb.metadata.nnlesson.
type pageMeta struct {
	Lang      string `json:"lang"`
	Title     string `json:"title"` // text
	Page      string `json:"page"`  // lesson, all or formulas
	Nonce     string `json:"nonce"`
	NavTop    string `json:"nav_top"`    // HTML
	NavBottom string `json:"nav_bottom"` // HTML
	Script    string `json:"script"`     // the controls' script, or ""
	Sections  bool   `json:"sections"`   // whether cells open sections (all.html)
}

// stop is one page of the reading order: the lessons, then the formula
// sheet.
type stop struct{ file, titleHTML string }

// order returns the pages in reading order.
func (b *builder) order() []stop {
	var out []stop
	for _, l := range b.built() {
		out = append(out, stop{l.file(), l.titleHTML})
	}
	return append(out, stop{formulaFile, html.EscapeString(b.w.formulaTitle)})
}

// nav returns the navigation of the page file: the index, and the previous
// and next pages in reading order, at the top (where "top") or the bottom.
func (b *builder) nav(file, where string) string {
	label := b.w.navTop
	if where == "bottom" {
		label = b.w.navBottom
	}
	var s strings.Builder
	fmt.Fprintf(&s, `<nav class="nnlesson-nav nnlesson-nav-%s" aria-label="%s">`+"\n", where, html.EscapeString(label))
	fmt.Fprintf(&s, `<a rel="index" href="%s">%s</a>`+"\n", indexFile, html.EscapeString(b.w.index))
	order := b.order()
	for i, p := range order {
		if p.file != file {
			continue
		}
		if i > 0 {
			fmt.Fprintf(&s, `<a rel="prev" href="%s"><span class="nnlesson-nav-word">%s</span> %s</a>`+"\n",
				html.EscapeString(order[i-1].file), html.EscapeString(b.w.previous), order[i-1].titleHTML)
		}
		if i+1 < len(order) {
			fmt.Fprintf(&s, `<a rel="next" href="%s"><span class="nnlesson-nav-word">%s</span> %s</a>`+"\n",
				html.EscapeString(order[i+1].file), html.EscapeString(b.w.next), order[i+1].titleHTML)
		}
	}
	s.WriteString("</nav>")
	return s.String()
}

// script returns the controls' script for a page that shows controls.
func (b *builder) script(controls bool) string {
	if !controls {
		return ""
	}
	if b.controlScript == "" {
		fmt.Fprintf(b.log, "note: a lesson shows controls, but there is no controls script: its page shows each control's default frame\n")
		return ""
	}
	// A script element ends at the first "</script": keep it inside.
	return regexp.MustCompile(`(?i)</(script)`).ReplaceAllString(b.controlScript, `<\/$1`)
}

// writeLesson writes a lesson's page.
func (b *builder) writeLesson(ctx context.Context, l *lesson) error {
	meta := pageMeta{Lang: b.w.lang, Title: l.titleText, Page: "lesson",
		NavTop: b.nav(l.file(), "top"), NavBottom: b.nav(l.file(), "bottom"), Script: b.script(l.controls)}
	notes, err := b.render(ctx, l.file(), meta, l.nb.Metadata, l.cells, b.lessonLink)
	if err != nil {
		return err
	}
	for id, removed := range notes {
		if k, i, ok := parseCellID(id); ok && k < len(b.lessons) {
			b.lessons[k].note(b.lessons[k].nb, i, removed)
		}
	}
	fmt.Fprintf(b.log, "page: %s\n", filepath.Join(b.out, l.file()))
	return nil
}

// parseCellID reads a cellID.
func parseCellID(id string) (k, i int, ok bool) {
	a, c, found := strings.Cut(id, ".")
	k, err1 := strconv.Atoi(a)
	i, err2 := strconv.Atoi(c)
	return k, i, found && err1 == nil && err2 == nil
}

// formulaCells returns the formula sheet as raw HTML cells.
func (b *builder) formulaCells() []notebook.Cell {
	titles := map[int]string{}
	for _, l := range b.built() {
		titles[l.n] = l.titleHTML
	}
	var cells []notebook.Cell
	for _, h := range formulaSheet(b.w, titles) {
		cells = append(cells, notebook.Cell{Type: "raw", Source: notebook.Text(h),
			Metadata: notebook.CellMetadata{Extra: notebook.Fields{"raw_mimetype": mustJSON("text/html")}}})
	}
	return cells
}

// writeFormulaSheet writes the formula sheet's page.
func (b *builder) writeFormulaSheet(ctx context.Context) error {
	meta := pageMeta{Lang: b.w.lang, Title: b.w.formulaTitle + " — " + b.w.course, Page: "formulas",
		NavTop: b.nav(formulaFile, "top"), NavBottom: b.nav(formulaFile, "bottom")}
	if _, err := b.render(ctx, formulaFile, meta, goMetadata(), b.formulaCells(), nil); err != nil {
		return err
	}
	fmt.Fprintf(b.log, "formula sheet: %s\n", filepath.Join(b.out, formulaFile))
	return nil
}

// writeAll writes all.html: every lesson and the formula sheet, each in a
// section that starts on a new sheet when printed.
func (b *builder) writeAll(ctx context.Context) error {
	var cells []notebook.Cell
	controls := false
	section := func(c notebook.Cell, id string, first bool) notebook.Cell {
		c.Metadata.Extra = maps(c.Metadata.Extra)
		c.Metadata.Extra["nnlesson"] = mustJSON(map[string]any{
			"cell":    cellIDOf(c),
			"section": map[string]any{"id": id, "lang": b.w.lang, "first": first},
		})
		return c
	}
	for _, l := range b.built() {
		controls = controls || l.controls
		for i, c := range l.cells {
			if i == 0 {
				c = section(c, "lesson-"+l.base, len(cells) == 0)
			}
			cells = append(cells, c)
		}
	}
	for i, c := range b.formulaCells() {
		if i == 0 {
			c = section(c, "formula-sheet", len(cells) == 0)
		}
		cells = append(cells, c)
	}
	nav := fmt.Sprintf(`<nav class="nnlesson-nav nnlesson-nav-top" aria-label="%s"><a rel="index" href="%s">%s</a></nav>`,
		html.EscapeString(b.w.navTop), indexFile, html.EscapeString(b.w.index))
	meta := pageMeta{Lang: b.w.lang, Title: b.w.course + " — " + b.w.allTitle, Page: "all",
		NavTop: nav, Script: b.script(controls), Sections: true}
	_, err := b.render(ctx, allFile, meta, b.built()[0].nb.Metadata, cells, b.allLink)
	return err
}

// cellIDOf returns the cellID a prepared cell carries, or "".
func cellIDOf(c notebook.Cell) string {
	var m struct{ Cell string }
	_ = json.Unmarshal(c.Metadata.Extra["nnlesson"], &m)
	return m.Cell
}

// goMetadata is the metadata of a page that no lesson made: Go code.
func goMetadata() notebook.NotebookMetadata {
	return notebook.NotebookMetadata{
		KernelSpec:   &notebook.KernelSpec{Name: notebook.Kernel, DisplayName: "Go (gonb)", Language: "go"},
		LanguageInfo: &notebook.LanguageInfo{Name: "go", PygmentsLexer: "go"},
	}
}

// render writes the page file: nbconvert renders the cells with the
// template, the markdown it rendered is sanitized (links made by link),
// and the formulas typeset. It returns what the sanitizer removed from
// each markdown cell, by cellID.
func (b *builder) render(ctx context.Context, file string, meta pageMeta, md notebook.NotebookMetadata,
	cells []notebook.Cell, link func(string) string) (map[string][]string, error) {
	meta.Nonce = b.nonce
	md.Extra = maps(md.Extra)
	md.Extra["nnlesson"] = mustJSON(meta)
	nb := &notebook.Notebook{NBFormat: 4, NBFormatMinor: 4, Metadata: md, Cells: cells}
	base := strings.TrimSuffix(file, ".html")
	page := filepath.Join(b.work, base+".page.ipynb")
	if err := nb.Write(page); err != nil {
		return nil, err
	}
	rendered := filepath.Join(b.work, base+".page.html")
	if err := notebook.HTML(ctx, page, rendered, "--template", "nnlesson",
		"--TemplateExporter.extra_template_basedirs="+b.tmpl); err != nil {
		return nil, err
	}
	raw, err := os.ReadFile(rendered)
	if err != nil {
		return nil, err
	}
	text, notes, err := b.sanitizeMarkdown(string(raw), link)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	want := 0
	if meta.Script != "" {
		want = 1
	}
	if n := strings.Count(strings.ToLower(text), "<script"); n != want {
		return nil, fmt.Errorf("%s has %d scripts, want %d: the template (cmd/handouts/template) lets one through", file, n, want)
	}
	untypeset := filepath.Join(b.work, base+".offline.html")
	if err := os.WriteFile(untypeset, []byte(text), 0o644); err != nil {
		return nil, err
	}
	return notes, typeset(ctx, b.typeset, untypeset, filepath.Join(b.out, file))
}

// sanitizeMarkdown sanitizes the markdown the template rendered, which it
// marks with the build's nonce, and removes the marks.
func (b *builder) sanitizeMarkdown(page string, link func(string) string) (string, map[string][]string, error) {
	begin := "<!--nnlesson-md " + b.nonce + " "
	end := "<!--/nnlesson-md " + b.nonce + "-->"
	notes := map[string][]string{}
	var out strings.Builder
	for {
		i := strings.Index(page, begin)
		if i < 0 {
			break
		}
		j := strings.Index(page[i:], "-->")
		k := strings.Index(page[i:], end)
		if j < 0 || k < 0 || k < j {
			return "", nil, fmt.Errorf("the template's marks around markdown do not pair")
		}
		id := page[i+len(begin) : i+j]
		clean, removed := sanitize(page[i+j+3:i+k], policy{link: link})
		if len(removed) > 0 {
			notes[id] = removed
		}
		out.WriteString(page[:i])
		out.WriteString(clean)
		page = page[i+k+len(end):]
	}
	out.WriteString(page)
	if strings.Contains(out.String(), "nnlesson-md ") && strings.Contains(out.String(), b.nonce) {
		return "", nil, fmt.Errorf("a mark of the template is left")
	}
	return out.String(), notes, nil
}

// indexPage is the index's template.
var indexPage = template.Must(template.New("index").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Course}}</title>
<style type="text/css">
{{.CSS}}</style>
</head>
<body class="nnlesson-page nnlesson-page-index">
<main>
<h1>{{.Course}}</h1>
<p>{{.Intro}}</p>
{{- if .ReadingNote}}
<p>{{.ReadingNote}}</p>
{{- end}}
<ul class="nnlesson-lessons" aria-label="{{.ListLabel}}">
{{- range .Entries}}
<li><a href="{{.File}}">{{.Title}}</a> <span class="nnlesson-summary">{{.Summary}}</span></li>
{{- end}}
</ul>
{{- if .All}}
<p>{{.AllLink}} <a href="{{.All}}">{{.AllLinkText}}</a>.</p>
{{- end}}
<p class="nnlesson-credit">{{.Credit}}</p>
</main>
</body>
</html>
`))

type indexEntry struct {
	File           string
	Title, Summary template.HTML
}

// writeIndex writes the index: the lessons in order, each linked with its
// summary, the formula sheet, and the page with all of them to print.
func (b *builder) writeIndex(ctx context.Context) error {
	css, err := templates.ReadFile("template/nnlesson/static/handout.css")
	if err != nil {
		return err
	}
	var entries []indexEntry
	for _, l := range b.built() {
		entries = append(entries, indexEntry{l.file(), template.HTML(l.titleHTML), template.HTML(l.summaryHTML)})
	}
	entries = append(entries, indexEntry{formulaFile, template.HTML(html.EscapeString(b.w.formulaTitle)), template.HTML(html.EscapeString(b.w.formulaIntro))})
	data := map[string]any{
		"Lang": b.w.lang, "Course": b.w.course, "Intro": b.w.intro, "ListLabel": b.w.lessonsLabel,
		"Entries": entries, "AllLink": b.w.allLink, "AllLinkText": b.w.allLinkText,
		"Credit": template.HTML(b.w.credit), "CSS": template.CSS(css),
	}
	if b.noCode {
		data["ReadingNote"] = b.w.readingNote
	}
	if len(b.built()) > 0 {
		data["All"] = allFile
	}
	var s strings.Builder
	if err := indexPage.Execute(&s, data); err != nil {
		return err
	}
	untypeset := filepath.Join(b.work, "index.offline.html")
	if err := os.WriteFile(untypeset, []byte(s.String()), 0o644); err != nil {
		return err
	}
	return typeset(ctx, b.typeset, untypeset, filepath.Join(b.out, indexFile))
}
