package plots

import (
	"bytes"
	"fmt"
	"html"
	"os"

	"github.com/janpfeifer/gonb/gonbui"
	"github.com/janpfeifer/gonb/gonbui/protocol"
	"gonum.org/v1/plot"
)

// This file alone talks to the notebook. Everything else in the package
// builds charts (and controls) without any input or output.

// ChartMIME is the MIME type of the record that Show and Live publish beside
// each chart's HTML: {"title": the chart's title, "error": why it could not
// be drawn, or ""}. Tools that read an executed notebook (the course's
// tests and handout builder) find charts by it, not by the chart's markup.
const ChartMIME = "application/vnd.nnlesson.chart+json"

// Show draws a chart inline in the notebook at its standard size
// (NotebookWidth × NotebookHeight, or a figure's own Width and Height). It
// takes a builder's two results as they come,
//
//	plots.Show(plots.Functions("σ", "z", "σ(z)", -6, 6, curves...))
//
// and a chart made by hand with a nil error: plots.Show(fig, nil). A chart
// that could not be built or drawn shows its error in the cell's output
// instead. Outside a GoNB notebook (tests, go run) Show draws nothing and
// writes only errors, to standard error, so the same code runs everywhere.
func Show(c Chart, err error) {
	display(render(c, err))
}

// render turns a builder's results into the HTML to show and the record
// that goes beside it.
func render(c Chart, err error) (htmlText string, record map[string]string) {
	title := ""
	if err == nil {
		title = chartTitle(c)
		var svg []byte
		w, h := preferredSize(c)
		if svg, err = SVG(c, w, h); err == nil {
			// The SVG is an image (role="img") named by its <title> and
			// described by its <desc>; the record names it the same way.
			return "<div>" + string(svgBody(svg)) + "</div>", map[string]string{"title": svgTitle(svg), "error": ""}
		}
	}
	return errorBox(err), map[string]string{"title": title, "error": err.Error()}
}

// svgTitle returns the text of the <title> that SVG gives a chart.
func svgTitle(svg []byte) string {
	_, rest, ok := bytes.Cut(svg, []byte("<title>"))
	if !ok {
		return ""
	}
	t, _, _ := bytes.Cut(rest, []byte("</title>"))
	return html.UnescapeString(string(t))
}

// errorBox is how a chart that cannot be drawn appears: a box with the
// reason, in the colours of a failed exercise check.
func errorBox(err error) string {
	return `<div style="border-left: 6px solid #c62828; background: #ffebee; color: #111; padding: .5em .8em; font-family: sans-serif;">` +
		`<b>✗</b> ` + html.EscapeString(err.Error()) + `</div>`
}

// chartTitle returns the title a chart carries, or "".
func chartTitle(c Chart) string {
	switch c := c.(type) {
	case *plot.Plot:
		if c != nil {
			return c.Title.Text
		}
	case *Figure:
		if c == nil {
			return ""
		}
		if c.Title != "" {
			return c.Title
		}
		// A figure of one titled panel (a grid of digits) is named by it.
		var titles []string
		for _, row := range c.Panels {
			for _, p := range row {
				if p != nil && p.Title.Text != "" {
					titles = append(titles, p.Title.Text)
				}
			}
		}
		if len(titles) == 1 {
			return titles[0]
		}
	}
	return ""
}

// The notebook calls of this file; tests replace them to record the calls.
var (
	inNotebook = func() bool { return gonbui.IsNotebook }
	newID      = gonbui.UniqueId
	publish    = func(id, mime, htmlText string, record map[string]string) {
		gonbui.SendData(&protocol.DisplayData{
			Data:      map[protocol.MIMEType]any{protocol.MIMETextHTML: htmlText, protocol.MIMEType(mime): record},
			DisplayID: id,
		})
	}
	// syncOutput waits until GoNB has what was sent: the cell's program may
	// end right after Show, and GoNB drops a display still in transit.
	syncOutput = gonbui.Sync
	errOut     = func() *os.File { return os.Stderr }
)

// display publishes a chart (or its error) as a new output.
func display(htmlText string, record map[string]string) {
	displayAs(ChartMIME, htmlText, record)
}

// displayAs publishes HTML with a record of the given MIME type as a new output.
func displayAs(mime, htmlText string, record map[string]string) {
	if !inNotebook() {
		if record["error"] != "" {
			fmt.Fprintln(errOut(), record["error"])
		}
		return
	}
	publish("", mime, htmlText, record)
	syncOutput()
}

// ShowControls shows a control in the notebook: its inputs, its frames
// (the default one showing) and the script that wires them. It takes a
// builder's two results as they come,
//
//	plots.ShowControls(plots.NeuronControls(w, b))
//
// and publishes beside the HTML a record of type ControlMIME, {"title",
// "frames", "error"}. A control that could not be built shows its error
// instead. The cell finishes at once: the control works in the browser,
// without the kernel, for as long as the page is open, and a saved
// notebook keeps it. Outside a GoNB notebook ShowControls draws nothing and
// writes only errors, to standard error.
func ShowControls(c *Controls, err error) {
	htmlText, record := renderControls(c, err)
	displayAs(ControlMIME, htmlText, record)
}

// renderControls turns a control builder's results into the HTML to show
// (the control's markup and its script) and the record that goes beside it.
func renderControls(c *Controls, err error) (htmlText string, record map[string]string) {
	if err == nil && c == nil {
		err = fmt.Errorf("plots: ShowControls: the control is nil")
	}
	if err != nil {
		title := ""
		if c != nil {
			title = c.Title
		}
		return errorBox(err), map[string]string{"title": title, "frames": "0", "error": err.Error()}
	}
	return c.HTML() + "<script>\n" + ControlScript + "</script>\n",
		map[string]string{"title": c.Title, "frames": fmt.Sprint(len(c.Frames)), "error": ""}
}
