package main

import (
	"fmt"
	"html"
	"io"
	"slices"
	"strings"

	xhtml "golang.org/x/net/html"
)

// This file is the handout's sanitizer: what a notebook's outputs and
// markdown may put into a page. A handout is opened from a USB stick by
// anyone, and a teacher may build one from a student's notebook, so the
// page keeps an allowlist of HTML and SVG — the text, tables and lists of
// the prose, the course's charts (gonum/plot SVG), exercise verdict boxes
// and lesson controls (CONTROLS.md) — and nothing that runs or loads:
// no script, no event handler, no javascript: link, no frame, no resource
// from the network.
//
// It reads with golang.org/x/net/html's tokenizer, the HTML5 tokenizer a
// browser uses, and writes every token it keeps exactly as it was written
// (its raw bytes), so that the course's own markup — a chart's SVG byte for
// byte — comes out unchanged. A tag that loses an attribute is written
// anew from what is left. The output is balanced: an end tag closes only
// what the fragment opened, and the end of the fragment closes the rest,
// so a fragment cannot close the page's elements around it.

// htmlElements are the HTML elements a handout keeps, with the attributes
// each may carry besides the global ones (globalAttr).
var htmlElements = map[string][]string{
	"a": {"href"}, "abbr": nil, "article": nil, "aside": nil, "b": nil, "bdi": nil, "bdo": nil,
	"blockquote": {"cite"}, "br": nil, "caption": nil, "cite": nil, "code": nil, "col": {"span"},
	"colgroup": {"span"}, "dd": nil, "del": nil, "details": {"open"}, "dfn": nil, "div": nil, "dl": nil,
	"dt": nil, "em": nil, "figcaption": nil, "figure": nil, "footer": nil, "h1": nil, "h2": nil,
	"h3": nil, "h4": nil, "h5": nil, "h6": nil, "header": nil, "hr": nil, "i": nil,
	"img": {"src", "alt", "width", "height"}, "input": {"type", "min", "max", "step", "value", "checked", "disabled", "name"},
	"ins": nil, "kbd": nil, "label": {"for"}, "li": {"value"}, "mark": nil, "ol": {"start", "reversed"},
	"option": {"value", "selected", "disabled"}, "output": {"for", "name"}, "p": nil, "pre": nil,
	"q": {"cite"}, "s": nil, "samp": nil, "section": nil, "select": {"name", "disabled"}, "small": nil,
	"span": nil, "strong": nil, "sub": nil, "summary": nil, "sup": nil, "table": nil, "tbody": nil,
	"td": {"colspan", "rowspan"}, "tfoot": nil, "th": {"colspan", "rowspan", "scope"}, "thead": nil,
	"time": {"datetime"}, "tr": nil, "u": nil, "ul": nil, "var": nil, "wbr": nil,
}

// globalAttr are the attributes every kept element may carry; aria-* and
// data-* are kept too.
var globalAttr = []string{"class", "id", "title", "lang", "dir", "role", "hidden", "style", "translate"}

// svgElements are the SVG elements a handout keeps (the tokenizer gives
// names in lower case: clipPath is clippath).
var svgElements = []string{
	"svg", "g", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text", "tspan",
	"title", "desc", "defs", "clippath", "lineargradient", "radialgradient", "stop", "pattern",
	"marker", "symbol", "use", "image", "mask",
}

// svgAttr are the attributes of the SVG elements, besides the global ones.
var svgAttr = []string{
	"viewbox", "xmlns", "xmlns:xlink", "version", "width", "height", "x", "y", "x1", "y1", "x2", "y2",
	"cx", "cy", "r", "rx", "ry", "d", "points", "transform", "fill", "fill-opacity", "fill-rule",
	"stroke", "stroke-width", "stroke-opacity", "stroke-dasharray", "stroke-dashoffset",
	"stroke-linecap", "stroke-linejoin", "stroke-miterlimit", "opacity", "font-family", "font-size",
	"font-style", "font-weight", "text-anchor", "dominant-baseline", "alignment-baseline",
	"baseline-shift", "dx", "dy", "rotate", "textlength", "lengthadjust", "clip-path", "clip-rule",
	"clippathunits", "preserveaspectratio", "gradientunits", "gradienttransform", "fx", "fy",
	"offset", "stop-color", "stop-opacity", "patternunits", "patterntransform", "markerwidth",
	"markerheight", "markerunits", "refx", "refy", "orient", "mask", "maskunits", "visibility",
	"display", "xml:space", "vector-effect", "shape-rendering", "text-rendering", "letter-spacing",
	"word-spacing", "href", "xlink:href", "focusable", "overflow", "color",
}

// dropWhole are the elements left out with everything inside them: what
// runs or embeds (script, frames, plug-ins, foreign HTML inside SVG, SVG
// animation that can set a link), what restyles or redirects the page
// (style, link, base, meta), and forms.
var dropWhole = []string{
	"script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "noscript",
	"noembed", "noframes", "template", "textarea", "xmp", "plaintext", "link", "meta",
	"base", "form", "button", "foreignobject", "animate", "animatemotion", "animatetransform", "set",
	"handler", "listener", "audio", "video", "source", "track", "canvas", "portal", "math",
	"head", "param", "dialog", "slot",
}

// active are the elements whose removal a reader must hear of: they would
// run code or load something from outside the page.
var active = []string{
	"script", "iframe", "frame", "frameset", "object", "embed", "applet", "link", "base", "meta",
	"form", "button", "foreignobject", "animate", "animatemotion", "animatetransform", "set",
	"handler", "listener", "audio", "video", "source", "track", "portal",
}

// voidElements have no end tag in HTML.
var voidElements = []string{"area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param", "source", "track", "wbr"}

// rawText are the elements whose content the tokenizer reads as text in
// HTML (not inside SVG).
var rawText = []string{"iframe", "noembed", "noframes", "noscript", "plaintext", "script", "style", "textarea", "title", "xmp"}

// policy says how to treat the links of one page.
type policy struct {
	// link rewrites the href of a link (<a href>) that has no scheme —
	// a link to another lesson's notebook becomes one to its handout.
	// Nil leaves them as they are.
	link func(href string) string
	// expectScript says that <script> is expected here and is removed
	// without a word: a lesson control's wiring, which the page gives once.
	expectScript bool
}

// sanitize returns the fragment with only what a handout keeps, and what
// it removed that would have run or loaded (for the build to report), in
// the order found, each once.
func sanitize(fragment string, p policy) (string, []string) {
	s := &sanitizer{policy: p}
	z := xhtml.NewTokenizer(strings.NewReader(fragment))
	for {
		tt := z.Next()
		if tt == xhtml.ErrorToken {
			if z.Err() != io.EOF {
				s.note("markup the browser cannot read")
			}
			break
		}
		s.token(z, tt)
	}
	for i := len(s.open) - 1; i >= 0; i-- {
		fmt.Fprintf(&s.out, "</%s>", s.open[i])
	}
	return s.out.String(), s.removed
}

type sanitizer struct {
	policy
	out     strings.Builder
	open    []string // the elements written and not yet closed, outermost first
	skip    string   // the element being left out whole, or ""
	depth   int      // how deep inside skip
	removed []string
}

// note records something removed that a reader must hear of.
func (s *sanitizer) note(what string) {
	if !slices.Contains(s.removed, what) {
		s.removed = append(s.removed, what)
	}
}

// inSVG says whether the output is inside an <svg> element.
func (s *sanitizer) inSVG() bool { return slices.Contains(s.open, "svg") }

func (s *sanitizer) token(z *xhtml.Tokenizer, tt xhtml.TokenType) {
	raw := string(z.Raw())
	if s.skip != "" {
		switch tt {
		case xhtml.StartTagToken:
			if name, _ := z.TagName(); string(name) == s.skip {
				s.depth++
			}
		case xhtml.EndTagToken:
			if name, _ := z.TagName(); string(name) == s.skip {
				s.depth--
				if s.depth == 0 {
					s.skip = ""
				}
			}
		}
		return
	}
	switch tt {
	case xhtml.TextToken:
		if strings.Contains(raw, "<") {
			// Text that a browser might read otherwise than the
			// tokenizer did: written as text, escaped.
			s.out.WriteString(html.EscapeString(string(z.Text())))
		} else {
			s.out.WriteString(raw)
		}
	case xhtml.CommentToken:
		// Kept only when harmless and written plainly: gonum/plot's
		// "<?xml version…?>" and "<!-- Generated by … -->" lines.
		data := string(z.Text())
		if strings.ContainsAny(data, "<>") || strings.Contains(data, "--") {
			return
		}
		if raw == "<!--"+data+"-->" || (strings.HasPrefix(raw, "<?") && raw == "<"+data+">") {
			s.out.WriteString(raw)
		}
	case xhtml.DoctypeToken:
		// A fragment has no doctype.
	case xhtml.StartTagToken, xhtml.SelfClosingTagToken:
		s.startTag(z, tt, raw)
	case xhtml.EndTagToken:
		name, _ := z.TagName()
		s.endTag(string(name))
	}
}

func (s *sanitizer) startTag(z *xhtml.Tokenizer, tt xhtml.TokenType, raw string) {
	nameB, hasAttr := z.TagName()
	name := string(nameB)
	svg := s.inSVG() || name == "svg"
	if s.inSVG() && slices.Contains(rawText, name) {
		// Inside SVG a browser reads <title>, <style>, <script> … as
		// markup, not as text: so must we.
		z.NextIsNotRawText()
	}
	z.AllowCDATA(svg)
	var attrs [][2]string
	for hasAttr {
		var k, v []byte
		k, v, hasAttr = z.TagAttr()
		attrs = append(attrs, [2]string{string(k), string(v)})
	}
	for _, a := range attrs {
		if strings.HasPrefix(a[0], "on") {
			s.note("an " + a[0] + " handler on <" + name + ">")
		}
	}
	if slices.Contains(dropWhole, name) || name == "title" && !svg {
		if name == "script" && s.expectScript {
			// the control's wiring: the page carries it once
		} else if slices.Contains(active, name) {
			s.note("<" + name + ">")
		}
		if tt == xhtml.StartTagToken && !slices.Contains(voidElements, name) {
			s.skip, s.depth = name, 1
		}
		return
	}
	// An element the handout does not know is left out, its content
	// kept. Inside SVG only SVG elements are kept: an HTML element there
	// would make the browser leave the SVG, and the elements this
	// sanitizer has open would no longer be the browser's.
	var allowed []string
	if svg {
		if !slices.Contains(svgElements, name) {
			return
		}
		allowed = svgAttr
	} else {
		a, ok := htmlElements[name]
		if !ok {
			return
		}
		allowed = a
	}
	kept := make([][2]string, 0, len(attrs))
	for _, a := range attrs {
		if s.attrOK(name, svg, allowed, a[0], &a[1]) {
			kept = append(kept, a)
		}
	}
	if name == "input" && !inputTypeOK(kept) {
		return
	}
	if !svg {
		// An <svg role="img"> is named by its <title> child.
		kept = unlabelledImage(kept)
	}
	void := slices.Contains(voidElements, name) && !svg
	selfClosing := tt == xhtml.SelfClosingTagToken && (svg || void)
	if len(kept) == len(attrs) && (tt == xhtml.StartTagToken || selfClosing) && !rewritten(attrs, kept) {
		s.out.WriteString(raw)
	} else {
		s.out.WriteString("<" + svgCase(name, svg))
		for _, a := range kept {
			s.out.WriteString(" " + svgCase(a[0], svg) + `="` + html.EscapeString(a[1]) + `"`)
		}
		if selfClosing {
			s.out.WriteString("/")
		}
		s.out.WriteString(">")
	}
	if !void && !selfClosing {
		s.open = append(s.open, name)
	}
}

// svgCamel are the SVG names that are not all lower case, by their lower
// case spelling (the tokenizer's). A browser would mend them in an HTML
// page; written as SVG spells them, a chart comes through byte for byte.
var svgCamel = map[string]string{
	"viewbox": "viewBox", "textlength": "textLength", "lengthadjust": "lengthAdjust",
	"clippathunits": "clipPathUnits", "preserveaspectratio": "preserveAspectRatio",
	"gradientunits": "gradientUnits", "gradienttransform": "gradientTransform",
	"patternunits": "patternUnits", "patterntransform": "patternTransform",
	"markerwidth": "markerWidth", "markerheight": "markerHeight", "markerunits": "markerUnits",
	"refx": "refX", "refy": "refY", "maskunits": "maskUnits",
	"clippath": "clipPath", "lineargradient": "linearGradient", "radialgradient": "radialGradient",
}

// svgCase spells an SVG element or attribute name as SVG does.
func svgCase(name string, svg bool) string {
	if c, ok := svgCamel[name]; ok && svg {
		return c
	}
	return name
}

// unlabelledImage drops role="img" from an element that has no text
// alternative (an empty aria-label, as a chart without a title has): a
// screen reader then reads what is inside, the chart's own text, instead
// of an image with no name.
func unlabelledImage(attrs [][2]string) [][2]string {
	role := slices.IndexFunc(attrs, func(a [2]string) bool { return a[0] == "role" && strings.EqualFold(strings.TrimSpace(a[1]), "img") })
	if role < 0 {
		return attrs
	}
	for _, a := range attrs {
		if (a[0] == "aria-label" || a[0] == "aria-labelledby" || a[0] == "title") && strings.TrimSpace(a[1]) != "" {
			return attrs
		}
	}
	return slices.DeleteFunc(slices.Clone(attrs), func(a [2]string) bool {
		return a[0] == "role" || a[0] == "aria-label" || a[0] == "aria-labelledby" || a[0] == "title"
	})
}

// rewritten says whether attrOK changed the value of a kept attribute (a
// link rewritten), so that the tag must be written anew.
func rewritten(before, after [][2]string) bool {
	for i := range after {
		if before[i] != after[i] {
			return true
		}
	}
	return false
}

func (s *sanitizer) endTag(name string) {
	i := len(s.open) - 1
	for i >= 0 && s.open[i] != name {
		i--
	}
	if i < 0 {
		return // it closes nothing this fragment opened
	}
	for k := len(s.open) - 1; k >= i; k-- {
		fmt.Fprintf(&s.out, "</%s>", svgCase(s.open[k], true))
	}
	s.open = s.open[:i]
}

// attrOK says whether element name keeps the attribute key=*val; it may
// rewrite *val (a link to a lesson's notebook).
func (s *sanitizer) attrOK(name string, svg bool, allowed []string, key string, val *string) bool {
	if strings.HasPrefix(key, "on") {
		return false // noted by startTag
	}
	switch {
	case strings.HasPrefix(key, "aria-"), strings.HasPrefix(key, "data-") && len(key) > 5:
	case slices.Contains(globalAttr, key), slices.Contains(allowed, key):
	default:
		return false
	}
	v := *val
	switch key {
	case "style":
		if bad := cssProblem(v); bad != "" {
			s.note(bad + " in a style")
			return false
		}
		return true
	case "href", "xlink:href", "src":
		return s.urlOK(name, key, val)
	case "type":
		return true // checked by inputTypeOK
	}
	if hasExternalURL(v) {
		s.note("url(…) from outside the page in " + key + "=")
		return false
	}
	return true
}

// urlOK checks a URL attribute: a link (<a href>) may lead anywhere on the
// web or to another handout; a resource (an image, an SVG <use>) must be in
// the page itself: a data: image or a #fragment.
func (s *sanitizer) urlOK(name, key string, val *string) bool {
	u := *val
	scheme := urlScheme(u)
	if name == "a" && key == "href" {
		switch scheme {
		case "http", "https", "mailto":
			return true
		case "":
			if s.link != nil {
				*val = s.link(u)
			}
			return true
		}
		s.note(scheme + ": link")
		return false
	}
	compact := strings.ToLower(strings.Map(dropSpace, u))
	if strings.HasPrefix(compact, "#") && name != "img" && name != "image" {
		return true
	}
	for _, img := range []string{"data:image/png;", "data:image/jpeg;", "data:image/gif;", "data:image/webp;"} {
		if strings.HasPrefix(compact, img) {
			return true
		}
	}
	switch scheme {
	case "javascript", "vbscript":
		s.note(scheme + ": link")
	case "data":
		s.note("a data: " + key + " that is not an image")
	default:
		s.note("a load from outside the page (<" + name + " " + key + `="` + shorten(u, 40) + `">)`)
	}
	return false
}

// urlScheme returns the lower-case scheme of a URL as a browser reads it
// (spaces and control characters dropped), or "" for a relative URL.
func urlScheme(u string) string {
	u = strings.Map(dropSpace, u)
	i := strings.IndexAny(u, ":/?#")
	if i <= 0 || u[i] != ':' {
		return ""
	}
	return strings.ToLower(u[:i])
}

// dropSpace drops what a browser ignores in a URL: ASCII whitespace and
// control characters.
func dropSpace(r rune) rune {
	if r <= ' ' || r == 0x7f {
		return -1
	}
	return r
}

// cssFunctions are the CSS functions a style may call.
var cssFunctions = []string{"rgb", "rgba", "hsl", "hsla", "calc", "min", "max", "clamp", "var",
	"translate", "translatex", "translatey", "scale", "scalex", "scaley", "rotate", "matrix",
	"skewx", "skewy", "url"}

// cssProblem says what is wrong with a style attribute for a handout, or
// "": no escapes or at-rules, only harmless functions, url() only to a
// #fragment of the page.
func cssProblem(css string) string {
	c := strings.ToLower(css)
	if strings.Contains(c, `\`) || strings.Contains(c, "/*") || strings.Contains(c, "@") {
		return "CSS escapes, comments or at-rules"
	}
	if strings.Contains(c, "expression") || strings.Contains(c, "behavior") || strings.Contains(c, "binding") || strings.Contains(c, "javascript:") {
		return "script"
	}
	for i := strings.IndexByte(c, '('); i >= 0; {
		j := i
		for j > 0 && (isIdent(c[j-1])) {
			j--
		}
		fn := c[j:i]
		if fn != "" && !slices.Contains(cssFunctions, fn) {
			return fn + "()"
		}
		if fn == "url" && hasExternalURL(c[j:]) {
			return "url(…) from outside the page"
		}
		next := strings.IndexByte(c[i+1:], '(')
		if next < 0 {
			break
		}
		i += 1 + next
	}
	return ""
}

func isIdent(b byte) bool {
	return b == '-' || b == '_' || b >= 'a' && b <= 'z' || b >= '0' && b <= '9'
}

// hasExternalURL says whether a value calls url() on anything but a
// #fragment of the page.
func hasExternalURL(v string) bool {
	c := strings.ToLower(strings.Map(dropSpace, v))
	for {
		i := strings.Index(c, "url(")
		if i < 0 {
			return false
		}
		c = strings.TrimLeft(c[i+4:], `"'`)
		if !strings.HasPrefix(c, "#") {
			return true
		}
	}
}

// inputTypeOK says whether an <input> is one a handout keeps: a range (a
// lesson control's slider) or a check box.
func inputTypeOK(attrs [][2]string) bool {
	for _, a := range attrs {
		if a[0] == "type" {
			t := strings.ToLower(strings.TrimSpace(a[1]))
			return t == "range" || t == "checkbox"
		}
	}
	return false
}

func shorten(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
