package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	xhtml "golang.org/x/net/html"
)

// TestSanitizeRemoves feeds the sanitizer each way of running code or
// loading from outside that a notebook's HTML could try (issue 11), and
// checks the result as a browser reads it: parsed by the HTML5 parser,
// nothing in it runs or loads, and the build hears of what went.
func TestSanitizeRemoves(t *testing.T) {
	for _, c := range []struct {
		name, in, noted string
	}{
		{"script", `<p>a</p><script>alert(1)</script><p>b</p>`, "<script>"},
		{"script in SVG", `<svg><script>alert(1)</script><circle r="1"/></svg>`, "<script>"},
		{"img onerror", `<img src="x.png" onerror="alert(1)">`, "onerror"},
		{"img onerror unquoted", `<img src=x onerror=alert(1)//>`, "onerror"},
		{"svg onload", `<svg onload="alert(1)"><circle r="1"/></svg>`, "onload"},
		{"onclick on a div", `<div onclick="alert(1)">x</div>`, "onclick"},
		{"javascript link", `<a href="javascript:alert(1)">x</a>`, "javascript: link"},
		{"javascript link, mixed case and spaces", `<a href="  JaVaScRiPt:alert(1)">x</a>`, "javascript: link"},
		{"javascript link, tab entity", `<a href="jav&#x09;ascript:alert(1)">x</a>`, "javascript: link"},
		{"javascript link, entity colon", `<a href="javascript&colon;alert(1)">x</a>`, "javascript: link"},
		{"data link", `<a href="data:text/html,<script>alert(1)</script>">x</a>`, "data: link"},
		{"iframe srcdoc", `<iframe srcdoc="<script>alert(1)</script>"></iframe><p>after</p>`, "<iframe>"},
		{"object", `<object data="http://evil.example/x.swf"></object>`, "<object>"},
		{"embed", `<embed src="http://evil.example/x.swf">`, "<embed>"},
		{"meta refresh", `<meta http-equiv="refresh" content="0;url=http://evil.example/">`, "<meta>"},
		{"base", `<base href="http://evil.example/">`, "<base>"},
		{"stylesheet link", `<link rel="stylesheet" href="http://evil.example/x.css">`, "<link>"},
		{"form", `<form action="http://evil.example/"><input type="text" name="q"></form>`, "<form>"},
		{"style url", `<div style="background: url(http://evil.example/x.png)">x</div>`, "url"},
		{"style url, quoted", `<div style="background-image:url('https://evil.example/x.png')">x</div>`, "url"},
		{"style escape", `<div style="background: \75 rl(http://evil.example/x.png)">x</div>`, "escapes"},
		{"style expression", `<div style="width: expression(alert(1))">x</div>`, "script"},
		{"style import", `<div style="@import 'http://evil.example/x.css'">x</div>`, "at-rules"},
		{"svg image href", `<svg><image href="http://evil.example/x.png" width="1" height="1"/></svg>`, "outside the page"},
		{"svg image xlink:href", `<svg xmlns:xlink="http://www.w3.org/1999/xlink"><image xlink:href="https://evil.example/x.png"/></svg>`, "outside the page"},
		{"svg use", `<svg><use href="http://evil.example/s.svg#a"/></svg>`, "outside the page"},
		{"svg fill url", `<svg><rect width="1" height="1" fill="url(http://evil.example/p.svg#p)"/></svg>`, "url"},
		{"img from the web", `<img src="https://evil.example/track.png" alt="">`, "outside the page"},
		{"img svg data", `<img src="data:image/svg+xml,&lt;svg onload=alert(1)&gt;">`, "data:"},
		{"svg animate", `<svg><a><animate attributeName="href" to="javascript:alert(1)"/><text>x</text></a></svg>`, "<animate>"},
		{"svg set", `<svg><set attributeName="onmouseover" to="alert(1)"/></svg>`, "<set>"},
		{"foreignObject", `<svg><foreignObject><iframe src="http://evil.example/"></iframe></foreignObject></svg>`, "<foreignobject>"},
		{"input image", `<input type="image" src="http://evil.example/x.png">`, ""},
		{"mXSS style in svg", `<svg><style><img src=x onerror=alert(1)></style></svg>`, ""},
		{"mXSS title in svg", `<svg><title><img src="x" onerror="alert(1)"></title></svg>`, "onerror"},
		{"mXSS CDATA in svg", `<svg><![CDATA[ ><img src=x onerror=alert(1)> ]]></svg>`, ""},
		{"mXSS comment", `<!-- --!><img src=x onerror=alert(1)> -->`, "onerror"},
		{"mXSS p in svg", `<svg></p><style><a title="</style><img src onerror=alert(1)>"></style></svg>`, ""},
		{"mXSS math", `<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>`, ""},
		{"noscript", `<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>`, ""},
		{"textarea", `<textarea></textarea><script>alert(1)</script>`, "<script>"},
		{"breaking out of the page", `</div></div></body><script>alert(1)</script>`, "<script>"},
		{"unclosed", `<div><svg><g><path d="M0,0"`, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			out, removed := sanitize(c.in, policy{})
			if bad := runsOrLoads(t, out); bad != "" {
				t.Errorf("sanitize(%s) = %s\nwhich still %s", c.in, out, bad)
			}
			if c.noted != "" && !strings.Contains(strings.Join(removed, "; "), c.noted) {
				t.Errorf("sanitize(%s) removed %q, want a note of %q", c.in, removed, c.noted)
			}
			if strings.Count(out, "<") > 0 {
				if again, _ := sanitize(out, policy{}); again != out {
					t.Errorf("sanitizing twice changes the result:\n%s\n%s", out, again)
				}
			}
		})
	}
}

// TestSanitizeBalanced checks that a fragment cannot close the page's
// elements around it: an end tag closes only what the fragment opened, and
// what it leaves open is closed at its end.
func TestSanitizeBalanced(t *testing.T) {
	for in, want := range map[string]string{
		`</div></div><p>x`:                 `<p>x</p>`,
		`<div><b>x</div>`:                  `<div><b>x</b></div>`,
		`<div/>x`:                          `<div>x</div>`,
		`<svg><g><path d="M0,0"/></svg>y`:  `<svg><g><path d="M0,0"/></g></svg>y`,
		`<p>a<unknown-tag>b</unknown-tag>`: `<p>ab</p>`,
		`a < b &amp; c`:                    `a &lt; b &amp; c`,
		`<div role="img" aria-label=""><svg></svg></div>`:             `<div><svg></svg></div>`,                                    // a chart with no name
		`<svg viewBox="0 0 1 1" onload="x()"><clipPath id="c"></svg>`: `<svg viewBox="0 0 1 1"><clipPath id="c"></clipPath></svg>`, // SVG's spelling kept
		`<svg role="img"><title>T</title></svg>`:                      `<svg role="img"><title>T</title></svg>`,                    // named by its title
	} {
		if got, _ := sanitize(in, policy{}); got != want {
			t.Errorf("sanitize(%s) = %s, want %s", in, got, want)
		}
	}
}

// TestSanitizeKeeps checks that what the course itself shows comes through
// byte for byte: every chart of the plots package's golden files as
// plots.Show wraps it, an exercise verdict box, a lesson control (without
// its script, which the page carries once), the markdown of a lesson with
// a Polish quote marked lang="pl", and a link to another lesson, rewritten
// to its handout.
func TestSanitizeKeeps(t *testing.T) {
	charts, err := filepath.Glob("../../plots/testdata/*.svg")
	if err != nil || len(charts) == 0 {
		t.Fatalf("no golden charts in plots/testdata (%v)", err)
	}
	for _, path := range charts {
		svg, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		in := `<div role="img" aria-label="A chart">` + string(svg) + `</div>`
		out, removed := sanitize(in, policy{})
		if out != in || len(removed) > 0 {
			t.Errorf("%s: the chart changes (removed %q); first difference at byte %d", path, removed, firstDiff(in, out))
		}
	}
	for name, in := range map[string]string{
		"verdict": `<div class="nnlesson-check nnlesson-check-pass" role="status" style="border-left: 6px solid #2e7d32; background: #e8f5e9; color: #111; padding: .5em .8em; margin: .3em 0; font-family: sans-serif; line-height: 1.4;"><b style="font-size: 1.2em;">✓</b> myZ is right for the lesson&#39;s w, a and b.</div>`,
		"control": sampleControl,
		"markdown": `<h2 id="A-neuron-holds-a-number">A neuron holds a number<a class="anchor-link" href="#A-neuron-holds-a-number">&#182;</a></h2>
<blockquote><p><em lang="pl">Neuron przechowuje w sobie wartość zwaną aktywacją</em> — a neuron holds a number.</p></blockquote>
<p>See <a href="https://www.3blue1brown.com/topics/neural-networks"><em>Neural networks</em></a>, $z = \sum_i w_i a_i + b$, <code>nnlesson.WeightedSum</code>.</p>
<table><thead><tr><th style="text-align:right">w</th></tr></thead><tbody><tr><td>0.5</td></tr></tbody></table>
<ol start="2"><li><strong>b</strong></li></ol><pre><code>z := 1
</code></pre>
<p><input type="checkbox" checked disabled> done <span lang="pl" title="x">„cytat”</span></p>`,
	} {
		out, removed := sanitize(in, policy{})
		if out != in || len(removed) > 0 {
			t.Errorf("%s changes (removed %q):\n in: %s\nout: %s", name, removed, in, out)
		}
	}
	out, _ := sanitize(sampleControl+`<script>document.querySelectorAll("x")</script>`, policy{expectScript: true})
	if out != sampleControl {
		t.Errorf("the control's script is not removed cleanly:\n%s", out)
	}

	link := func(href string) string {
		return strings.Replace(href, "01-deep-learning.ipynb", "01-deep-learning.html", 1)
	}
	out, _ = sanitize(`<p>Go back to <a href="01-deep-learning.ipynb#Top">lesson 1</a>.</p>`, policy{link: link})
	if want := `<p>Go back to <a href="01-deep-learning.html#Top">lesson 1</a>.</p>`; out != want {
		t.Errorf("the link to lesson 1 is %s, want %s", out, want)
	}
}

// sampleControl is a lesson control as CONTROLS.md describes it.
const sampleControl = `<div class="nnlesson-control" data-nnlesson-control="1" role="group" aria-label="The bias slides the step">
<div class="nnlesson-control-inputs">
<label>b = <output>0.00</output>
<input type="range" min="0" max="2" step="1" value="1" data-param="0" data-labels="-3.00|0.00|3.00" aria-label="b"></label>
<select data-param="1" data-labels="sigmoid|ReLU" aria-label="f"><option value="0">sigmoid</option><option value="1">ReLU</option></select>
</div>
<figure class="nnlesson-frame" data-frame="0" hidden><svg viewBox="0 0 10 10" width="10pt" height="10pt"><title>b = -3</title><path d="M0,0L10,10" style="fill:none;stroke:#000"/></svg><figcaption>x = −b/w = 3.00</figcaption></figure>
<figure class="nnlesson-frame" data-frame="1" data-default><svg viewBox="0 0 10 10" width="10pt" height="10pt"><path d="M0,10L10,0"/></svg><figcaption>x = −b/w = 0.00</figcaption></figure>
</div>`

// runsOrLoads parses html as a browser would and says what in it would
// run code or load a resource, or "".
func runsOrLoads(t *testing.T, fragment string) string {
	t.Helper()
	doc, err := xhtml.Parse(strings.NewReader("<!DOCTYPE html><html><body><div>" + fragment + "</div></body></html>"))
	if err != nil {
		t.Fatal(err)
	}
	var bad string
	var walk func(n *xhtml.Node)
	walk = func(n *xhtml.Node) {
		if bad != "" {
			return
		}
		if n.Type == xhtml.ElementNode {
			switch n.Data {
			case "script", "iframe", "object", "embed", "frame", "base", "meta", "link", "form", "foreignObject", "animate", "set", "style":
				bad = "has a <" + n.Data + ">"
				return
			}
			for _, a := range n.Attr {
				key := a.Key
				if a.Namespace != "" {
					key = a.Namespace + ":" + a.Key
				}
				v := strings.ToLower(strings.Map(dropSpace, a.Val))
				switch {
				case strings.HasPrefix(key, "on"):
					bad = "has an " + key + " handler"
				case strings.Contains(v, "javascript:"):
					bad = "has a javascript: URL in " + key
				case strings.Contains(v, "url(") && !strings.Contains(v, "url(#"):
					bad = "loads a url() in " + key
				case (key == "src" || strings.HasSuffix(key, "href")) && n.Data != "a" &&
					!strings.HasPrefix(v, "#") && !strings.HasPrefix(v, "data:image/png"):
					bad = "loads " + a.Val
				case n.Data == "input" && key == "type" && v != "range" && v != "checkbox":
					bad = "has an input of type " + v
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return bad
}

func firstDiff(a, b string) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}
