package notebook

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestTimedOut reads nbclient's message for a cell that timed out and
// finds the cell, short or long, by the preview the message shows of it.
func TestTimedOut(t *testing.T) {
	long := "for i := 0; i < 3; i++ {\n\tfmt.Println('x', \"y\")\n}\n// 4\n// 5\n// 6\n// 7\n// 8\n// 9\n// 10\n// 11\n\ttime.Sleep(time.Hour) // ends here"
	nb := &Notebook{NBFormat: 4, NBFormatMinor: 4, Cells: []Cell{
		{Type: "markdown", Source: "# A lesson"},
		{Type: "code", Source: "%%\ntime.Sleep(time.Hour)"},
		{Type: "code", Source: Text(long)},
	}}
	path := filepath.Join(t.TempDir(), "01-sleeps.ipynb")
	if err := nb.Write(path); err != nil {
		t.Fatal(err)
	}
	message := func(preview string) string {
		return "Traceback (most recent call last):\n  File \"/usr/bin/jupyter-nbconvert\", line 33\n" +
			"nbclient.exceptions.CellTimeoutError: A cell timed out while it was being executed, after 300 seconds.\n" +
			"The message was: Cell execution timed out.\nHere is a preview of the cell contents:\n" +
			"-------------------\n" + preview + "\n-------------------\n\n"
	}
	for preview, want := range map[string]string{
		"%%\ntime.Sleep(time.Hour)": `cell 2 (code "time.Sleep(time.Hour)") ran longer than 5 min, the time limit of a cell`,
		`['for i := 0; i < 3; i++ {', '\tfmt.Println(\'x\', "y")', '}', '// 4', '// 5']` + "\n...\n" +
			`['// 8', '// 9', '// 10', '// 11', '\ttime.Sleep(time.Hour) // ends here']`: `cell 3 (code "for i := 0; i < 3; i++ {") ran longer than 5 min, the time limit of a cell`,
		"something else": "a cell ran longer than 5 min, the time limit of a cell",
	} {
		e := timedOut(path, message(preview), 5*time.Minute)
		if e == nil || e.Error() != want {
			t.Errorf("timedOut(%q) = %v, want %s", preview, e, want)
		}
	}
	if e := timedOut(path, "Traceback …\nnbclient.exceptions.DeadKernelError: Kernel died", time.Minute); e != nil {
		t.Errorf("a kernel that died is taken for a timeout: %v", e)
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatal(err)
	}
	if got := formatLimit(20 * time.Second); got != "20 s" {
		t.Errorf("formatLimit(20s) = %q", got)
	}
}
