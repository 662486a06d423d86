package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/nnlesson/course/internal/notebook"
)

// The markers of a solution, each alone on its line (nbgrader's, in Go).
const (
	beginMarker = "// BEGIN SOLUTION"
	endMarker   = "// END SOLUTION"
	todoPrefix  = "// TODO:"
	// exerciseImport is the package the stubs call.
	exerciseImport = `"github.com/nnlesson/course/exercise"`
)

// studentEdition returns the student's edition of a notebook (nbformat 4
// JSON): solutions replaced by stubs, code cells' outputs cleared, the link
// cell passed through relink (nil: unchanged), and every other byte as
// nbformat writes it — a notebook with nothing to change comes back
// identical. It also returns the number of solutions replaced.
func studentEdition(data []byte, relink func(string) string) ([]byte, int, error) {
	var nb map[string]json.RawMessage
	if err := json.Unmarshal(data, &nb); err != nil {
		return nil, 0, fmt.Errorf("not a valid notebook (JSON): %w", err)
	}
	var cells []map[string]json.RawMessage
	if err := json.Unmarshal(nb["cells"], &cells); err != nil {
		return nil, 0, fmt.Errorf("its cells are not a list of cells: %w", err)
	}
	var named notebook.Notebook // for the cells' names in messages
	if err := json.Unmarshal(data, &named); err != nil {
		return nil, 0, fmt.Errorf("not a valid notebook: %w", err)
	}
	total, imports := 0, false
	for i, c := range cells {
		var typ string
		if err := json.Unmarshal(c["cell_type"], &typ); err != nil || typ != "code" {
			continue
		}
		var src notebook.Text
		if err := json.Unmarshal(c["source"], &src); err != nil {
			return nil, 0, fmt.Errorf("%s: its source is not text: %w", named.CellName(i), err)
		}
		imports = imports || strings.Contains(string(src), exerciseImport)
		stubbed, n, err := stubSolutions(string(src))
		if err != nil {
			return nil, 0, fmt.Errorf("%s: %w", named.CellName(i), err)
		}
		total += n
		if relink != nil {
			stubbed = relink(stubbed)
		}
		if stubbed != string(src) {
			c["source"] = encode(sourceLines(stubbed))
		}
		if string(c["outputs"]) != "[]" {
			c["outputs"] = json.RawMessage("[]")
		}
		if string(c["execution_count"]) != "null" {
			c["execution_count"] = json.RawMessage("null")
		}
	}
	if total > 0 && !imports {
		return nil, 0, fmt.Errorf("it has %d solution(s) but no cell imports %s, which the stubs call: add it to the lesson's import cell", total, exerciseImport)
	}
	nb["cells"] = encode(cells)
	return encode(nb), total, nil
}

// stubSolutions replaces each solution in a cell's source by its stub, at
// the indentation of its // BEGIN SOLUTION line, and counts them.
func stubSolutions(src string) (string, int, error) {
	lines := strings.Split(src, "\n")
	var out []string
	n := 0
	for i := 0; i < len(lines); i++ {
		line := strings.TrimSpace(lines[i])
		switch {
		case line == endMarker:
			return "", 0, fmt.Errorf("line %d: %s without a %s before it", i+1, endMarker, beginMarker)
		case line == beginMarker:
			end := -1
			for j := i + 1; j < len(lines) && end < 0; j++ {
				switch strings.TrimSpace(lines[j]) {
				case beginMarker:
					return "", 0, fmt.Errorf("line %d: a second %s before the %s of line %d", j+1, beginMarker, endMarker, i+1)
				case endMarker:
					end = j
				}
			}
			if end < 0 {
				return "", 0, fmt.Errorf("line %d: %s has no %s after it", i+1, beginMarker, endMarker)
			}
			indent := lines[i][:len(lines[i])-len(strings.TrimLeft(lines[i], " \t"))]
			todo := ""
			if next := strings.TrimSpace(lines[i+1]); i+1 < end && strings.HasPrefix(next, todoPrefix) {
				todo = strings.TrimSpace(strings.TrimPrefix(next, todoPrefix))
			}
			comment := todo
			if comment == "" {
				comment = "write your code here"
			}
			out = append(out,
				indent+todoPrefix+" "+comment,
				indent+"panic(exercise.NotWritten("+strconv.Quote(todo)+"))")
			i = end
			n++
		case strings.Contains(line, "BEGIN SOLUTION") || strings.Contains(line, "END SOLUTION"):
			return "", 0, fmt.Errorf("line %d: %q: write the marker alone on its line, exactly %q or %q", i+1, line, beginMarker, endMarker)
		default:
			out = append(out, lines[i])
		}
	}
	return strings.Join(out, "\n"), n, nil
}

// sourceLines splits a cell's source the way nbformat stores it: a list of
// lines, each but the last ending in "\n".
func sourceLines(s string) []string {
	lines := strings.SplitAfter(s, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	if lines == nil {
		lines = []string{}
	}
	return lines
}

// encode writes v as nbformat does (Python's json.dumps with indent=1,
// sort_keys=True, ensure_ascii=False): Go sorts map keys too, and keeps the
// raw parts verbatim.
func encode(v any) json.RawMessage {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(v); err != nil {
		panic("student: cannot encode the notebook: " + err.Error()) // only maps, lists and raw JSON: cannot happen
	}
	return b.Bytes()
}
