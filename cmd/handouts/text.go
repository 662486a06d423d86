package main

import (
	"encoding/json"
	"html"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/nnlesson/course/internal/notebook"
)

// This file reads what the index and the navigation say of a lesson — its
// title and its one-line summary — from the lesson's Markdown, and writes
// that Markdown's inline part (emphasis, code, formulas, inline HTML such
// as <span lang="pl">) as HTML or as plain text.

// SummaryTag marks the markdown cell whose first paragraph is the
// lesson's summary in the index.
const SummaryTag = "summary"

// summary returns the lesson's one-line summary, as Markdown: the
// notebook's metadata "nnlesson": {"summary": "…"}, which Jupyter does not
// show (Edit → Edit Notebook Metadata changes it); without it, the first
// paragraph of the first markdown cell tagged "summary"; without one, the
// first sentence of the lesson's first markdown cell that says what the
// lesson does ("This lesson …", in Polish "Ta lekcja …" or "W tej lekcji …");
// without one, the first sentence of its first paragraph of prose.
func summary(nb *notebook.Notebook) string {
	var meta struct {
		Summary string `json:"summary"`
	}
	if raw, ok := nb.Metadata.Extra["nnlesson"]; ok && json.Unmarshal(raw, &meta) == nil && strings.TrimSpace(meta.Summary) != "" {
		return strings.TrimSpace(meta.Summary)
	}
	for _, c := range nb.Cells {
		if c.Type == "markdown" && slices.Contains(c.Metadata.Tags, SummaryTag) {
			if p := paragraphs(string(c.Source)); len(p) > 0 {
				return p[0]
			}
		}
	}
	for _, c := range nb.Cells {
		if c.Type != "markdown" {
			continue
		}
		p := paragraphs(string(c.Source))
		if len(p) == 0 {
			continue
		}
		for _, para := range p {
			for rest := para; rest != ""; {
				s := firstSentence(rest)
				rest = strings.TrimSpace(rest[len(s):])
				for _, start := range lessonSentences {
					if strings.HasPrefix(s, start) {
						return s
					}
				}
			}
		}
		return firstSentence(p[0])
	}
	return ""
}

// lessonSentences begin a sentence that says what a lesson does.
var lessonSentences = []string{"This lesson ", "Ta lekcja ", "W tej lekcji "}

// paragraphs returns the paragraphs of prose in a markdown cell, each on
// one line: not headings, quotes, lists, tables, code, display formulas or
// HTML blocks.
func paragraphs(md string) []string {
	var out []string
	for _, block := range blankLineRE.Split(strings.TrimSpace(md), -1) {
		block = strings.TrimSpace(block)
		if block == "" || notProseRE.MatchString(block) {
			continue
		}
		out = append(out, strings.Join(strings.Fields(block), " "))
	}
	return out
}

// abbreviations do not end a sentence.
var abbreviations = []string{"e.g.", "i.e.", "cf.", "etc.", "vs.", "np.", "tj.", "m.in.", "itd.", "itp.", "por.", "ok.", "tzn.", "wg."}

// firstSentence returns the first sentence of a paragraph of Markdown: up
// to the first . ! or ? that ends a word and is followed by a space, outside
// code and formulas, and not an abbreviation.
func firstSentence(p string) string {
	inCode, inMath := false, false
	for i := 0; i < len(p); i++ {
		switch c := p[i]; {
		case c == '\\':
			i++
		case c == '`' && !inMath:
			inCode = !inCode
		case c == '$' && !inCode:
			inMath = !inMath
		case (c == '.' || c == '!' || c == '?') && !inCode && !inMath:
			if i+1 < len(p) && p[i+1] != ' ' {
				continue
			}
			word := p[strings.LastIndexByte(p[:i], ' ')+1 : i+1]
			if slices.Contains(abbreviations, strings.ToLower(strings.TrimLeft(word, "(*_"))) {
				continue
			}
			if r, _ := utf8.DecodeRuneInString(word); len(word) == 2 && unicode.IsUpper(r) {
				continue // an initial
			}
			return p[:i+1]
		}
	}
	return p
}

var (
	blankLineRE = regexp.MustCompile(`\n[ \t]*\n`)
	// notProseRE matches the start of a block that is not a paragraph.
	notProseRE = regexp.MustCompile("^(#|>|\\||[-*+]\\s|\\d+[.)]\\s|```|~~~|\\$\\$|\\\\\\[|<(div|table|p|figure|details|section|!--|img|svg|pre|ul|ol|dl|blockquote|h[1-6]|hr)\\b)")
	entityRE   = regexp.MustCompile(`^&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);`)
	rawTagRE   = regexp.MustCompile(`^</?[A-Za-z][A-Za-z0-9-]*(\s[^<>]*)?/?>`)
	linkRE     = regexp.MustCompile(`^\[([^\]]*)\]\([^)]*\)`)
	tagRE      = regexp.MustCompile(`<[^>]*>`)
	spacingRE  = regexp.MustCompile(`\s+`)
)

// inlineHTML renders one line of Markdown's inline syntax as HTML, the
// part a title or a summary uses: **strong**, *emphasis* and _emphasis_,
// `code`, backslash escapes, and inline HTML tags (sanitized). A link keeps
// its text only (the index links each line to its lesson); a formula,
// $…$, stays as it is for the typesetter.
func inlineHTML(md string) string {
	var b strings.Builder
	open := map[string]bool{}
	toggle := func(tag string) {
		if open[tag] {
			b.WriteString("</" + tag + ">")
		} else {
			b.WriteString("<" + tag + ">")
		}
		open[tag] = !open[tag]
	}
	for i := 0; i < len(md); {
		rest := md[i:]
		switch {
		case rest[0] == '\\' && len(rest) > 1 && strings.ContainsRune("\\`*_{}[]()#+-.!$<>|~", rune(rest[1])):
			b.WriteString(html.EscapeString(rest[1:2]))
			i += 2
		case rest[0] == '`':
			n := strings.IndexByte(rest[1:], '`')
			if n < 0 {
				b.WriteString("`")
				i++
				continue
			}
			b.WriteString("<code>" + html.EscapeString(rest[1:1+n]) + "</code>")
			i += n + 2
		case rest[0] == '$':
			n := strings.IndexByte(rest[1:], '$')
			if n < 0 {
				b.WriteString("$")
				i++
				continue
			}
			b.WriteString(html.EscapeString(rest[:n+2]))
			i += n + 2
		case strings.HasPrefix(rest, "**") || strings.HasPrefix(rest, "__"):
			toggle("strong")
			i += 2
		case rest[0] == '*':
			toggle("em")
			i++
		case rest[0] == '_':
			before, _ := utf8.DecodeLastRuneInString(md[:i])
			after, _ := utf8.DecodeRuneInString(rest[1:])
			if open["em"] && !isWord(after) || !open["em"] && !isWord(before) && i+1 < len(md) {
				toggle("em")
			} else {
				b.WriteString("_")
			}
			i++
		case rest[0] == '[' && linkRE.MatchString(rest):
			m := linkRE.FindStringSubmatch(rest)
			b.WriteString(inlineHTML(m[1]))
			i += len(m[0])
		case rest[0] == '<' && rawTagRE.MatchString(rest):
			tag := rawTagRE.FindString(rest)
			b.WriteString(tag)
			i += len(tag)
		case rest[0] == '&' && entityRE.MatchString(rest):
			e := entityRE.FindString(rest)
			b.WriteString(e)
			i += len(e)
		default:
			r, n := utf8.DecodeRuneInString(rest)
			b.WriteString(html.EscapeString(string(r)))
			i += n
		}
	}
	for _, tag := range []string{"em", "strong"} {
		if open[tag] {
			b.WriteString("</" + tag + ">")
		}
	}
	clean, _ := sanitize(b.String(), policy{})
	return clean
}

func isWord(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// htmlText returns the text of inline HTML as a reader sees it (for a
// page's <title>): tags dropped, entities decoded, formulas without their
// dollars, spaces collapsed.
func htmlText(h string) string {
	t := html.UnescapeString(tagRE.ReplaceAllString(h, ""))
	t = strings.ReplaceAll(t, "$", "")
	return strings.TrimSpace(spacingRE.ReplaceAllString(t, " "))
}
