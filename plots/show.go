package plots

import (
	"fmt"
	"os"

	"github.com/janpfeifer/gonb/gonbui"
	"gonum.org/v1/plot/vg"
)

// This file alone talks to the notebook. Everything else in the package
// builds charts without any input or output.

// Show draws c inline in the notebook at its standard size (NotebookWidth ×
// NotebookHeight, or the figure's own Width and Height). Outside a GoNB
// notebook (tests, go run, go test) it does nothing, so the same code runs
// everywhere. A chart that cannot be drawn is reported in the cell's output.
func Show(c Chart) {
	w, h := preferredSize(c)
	ShowSize(c, w, h)
}

// ShowSize is Show at a chosen size, for example HandoutWidth × HandoutHeight.
func ShowSize(c Chart, w, h vg.Length) {
	if !gonbui.IsNotebook {
		return
	}
	svg, err := SVG(c, w, h)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return
	}
	gonbui.DisplayHTML("<div>" + string(svg) + "</div>")
	// Wait until GoNB has the chart: the cell's program may end right after
	// Show, and GoNB drops a display still in transit.
	gonbui.Sync()
}

// The notebook calls that Live uses; tests replace them to record the calls.
var (
	inNotebook = func() bool { return gonbui.IsNotebook }
	newID      = gonbui.UniqueID
	updateHTML = gonbui.UpdateHTML
	syncOutput = gonbui.Sync
)
