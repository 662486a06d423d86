package notebook

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
)

// This file is the course's one model of an nbformat 4 notebook, read and
// written by the notebook checker, the student edition and the handouts.
// What it types is what the course reads or changes; everything else —
// metadata it does not know, mime bundles, fields of later nbformat
// versions — is kept as the raw JSON it was read from. Encode writes the
// notebook back as nbformat does: a notebook written by Jupyter comes back
// byte for byte.

// Text is a multi-line string field of nbformat: JSON allows either one
// string or a list of lines; nbformat writes a list of lines.
type Text string

// UnmarshalJSON accepts both forms.
func (t *Text) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		*t = Text(s)
		return nil
	}
	var lines []string
	if err := json.Unmarshal(b, &lines); err != nil {
		return fmt.Errorf("expected a string or a list of strings: %w", err)
	}
	*t = Text(strings.Join(lines, ""))
	return nil
}

// MarshalJSON writes the list of lines nbformat writes.
func (t Text) MarshalJSON() ([]byte, error) { return quoteList(splitLines(string(t))), nil }

// Fields are the fields of a JSON object that the model does not interpret,
// kept verbatim by name.
type Fields map[string]json.RawMessage

// A MimeBundle maps MIME types to their data, verbatim: a string, a list of
// lines for text, or a JSON value for the JSON types (…+json).
type MimeBundle map[string]json.RawMessage

// The MIME types of the course's own outputs, published beside their HTML:
// an exercise check's verdict and a chart (see Checks and Charts).
const (
	CheckMIME = "application/vnd.nnlesson.check+json"
	ChartMIME = "application/vnd.nnlesson.chart+json"
)

// Text returns the data of the given MIME type as text, or "" when there is
// none or it is not text.
func (m MimeBundle) Text(mime string) string {
	raw, ok := m[mime]
	if !ok {
		return ""
	}
	var t Text
	if err := json.Unmarshal(raw, &t); err != nil {
		return ""
	}
	return string(t)
}

// SetText sets the data of the given MIME type to s, written as nbformat
// writes it: a list of lines for text/*, SVG and JavaScript, one string
// otherwise.
func (m MimeBundle) SetText(mime, s string) {
	if splitsMIME(mime) {
		m[mime] = quoteList(splitLines(s))
		return
	}
	m[mime] = quote(s)
}

// JSON decodes the data of a JSON MIME type (…+json) into v. It accepts the
// object itself, as nbformat stores it, or a string holding it. The result
// says whether the bundle has that type; the error whether it decoded.
func (m MimeBundle) JSON(mime string, v any) (bool, error) {
	raw, ok := m[mime]
	if !ok {
		return false, nil
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		raw = json.RawMessage(s)
	}
	if err := json.Unmarshal(raw, v); err != nil {
		return true, fmt.Errorf("%s is not the JSON it should be: %w", mime, err)
	}
	return true, nil
}

// Notebook is an nbformat 4 notebook.
type Notebook struct {
	Path          string // where it was read from; not part of the JSON
	NBFormat      int    // nbformat: 4
	NBFormatMinor int    // nbformat_minor
	Metadata      NotebookMetadata
	Cells         []Cell
	Extra         Fields // other top-level fields
}

// NotebookMetadata is the notebook's metadata.
type NotebookMetadata struct {
	KernelSpec   *KernelSpec   // kernelspec, or nil
	LanguageInfo *LanguageInfo // language_info, or nil
	Extra        Fields        // other metadata
}

// KernelSpec names the kernel that runs the notebook.
type KernelSpec struct {
	Name        string // name: "gonb" for the course
	DisplayName string // display_name
	Language    string // language
	Extra       Fields
	has         map[string]bool
}

// LanguageInfo describes the kernel's language.
type LanguageInfo struct {
	Name          string // name: "go"
	PygmentsLexer string // pygments_lexer: how nbconvert colours the code
	Extra         Fields
	has           map[string]bool
}

// Cell is one notebook cell.
type Cell struct {
	Type           string                // cell_type: code, markdown or raw
	ID             string                // id (nbformat 4.5), or ""
	Metadata       CellMetadata          // metadata
	Source         Text                  // source
	Outputs        []Output              // outputs, of a code cell
	ExecutionCount *int                  // execution_count of a code cell, nil when not run
	Attachments    map[string]MimeBundle // attachments of a markdown or raw cell, or nil
	Extra          Fields                // other fields
}

// CellMetadata is a cell's metadata.
type CellMetadata struct {
	Tags  []string // tags, or nil
	Extra Fields   // other metadata
}

// Output is one output of a code cell.
type Output struct {
	Type           string          // output_type: stream, display_data, execute_result or error
	Name           string          // name of a stream: stdout or stderr
	Text           Text            // text of a stream
	Data           MimeBundle      // data of a display_data or execute_result
	Metadata       json.RawMessage // metadata of a display_data or execute_result, verbatim
	ExecutionCount *int            // execution_count of an execute_result
	EName          string          // ename of an error
	EValue         string          // evalue of an error
	Traceback      []string        // traceback of an error
	Extra          Fields          // other fields
	has            map[string]bool
}

// DataText returns the output's data of the given MIME type as text, or "".
func (o Output) DataText(mime string) string { return o.Data.Text(mime) }

// Parse reads a notebook from its JSON.
func Parse(data []byte) (*Notebook, error) {
	nb := &Notebook{}
	if err := json.Unmarshal(data, nb); err != nil {
		return nil, err
	}
	return nb, nil
}

// Read parses the notebook at path.
func Read(path string) (*Notebook, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	nb, err := Parse(b)
	if err != nil {
		return nil, fmt.Errorf("%s is not a valid notebook: %w", path, err)
	}
	nb.Path = path
	return nb, nil
}

// Encode returns the notebook's JSON as nbformat writes it.
func (nb *Notebook) Encode() ([]byte, error) {
	compact, err := nb.MarshalJSON()
	if err != nil {
		return nil, err
	}
	return indent(compact)
}

// Write writes the notebook to path, as nbformat would, atomically (see
// WriteFile).
func (nb *Notebook) Write(path string) error {
	b, err := nb.Encode()
	if err != nil {
		return err
	}
	return WriteFile(path, b)
}

// UnmarshalJSON reads a notebook; an error names the cell it is in.
func (nb *Notebook) UnmarshalJSON(b []byte) error {
	m, err := decodeObject(b, "the notebook")
	if err != nil {
		return err
	}
	var cells []json.RawMessage
	for _, f := range []struct {
		key string
		v   any
	}{{"nbformat", &nb.NBFormat}, {"nbformat_minor", &nb.NBFormatMinor}, {"metadata", &nb.Metadata}, {"cells", &cells}} {
		if _, err := take(m, f.key, f.v); err != nil {
			return err
		}
	}
	nb.Cells = make([]Cell, len(cells))
	for i, raw := range cells {
		if err := json.Unmarshal(raw, &nb.Cells[i]); err != nil {
			return fmt.Errorf("cell %d: %w", i+1, err)
		}
	}
	nb.Extra = rest(m)
	return nil
}

// MarshalJSON writes the notebook as compact JSON; Encode lays it out.
func (nb *Notebook) MarshalJSON() ([]byte, error) {
	o := newObject(nb.Extra)
	o.int("nbformat", &nb.NBFormat)
	o.int("nbformat_minor", &nb.NBFormatMinor)
	o.part("metadata", nb.Metadata)
	cells := make([]json.RawMessage, len(nb.Cells))
	for i := range nb.Cells {
		var err error
		if cells[i], err = nb.Cells[i].MarshalJSON(); err != nil {
			return nil, fmt.Errorf("cell %d: %w", i+1, err)
		}
	}
	o.set("cells", list(cells))
	return o.MarshalJSON()
}

// UnmarshalJSON reads the notebook's metadata.
func (md *NotebookMetadata) UnmarshalJSON(b []byte) error {
	m, err := decodeObject(b, "the metadata")
	if err != nil {
		return err
	}
	if _, err := take(m, "kernelspec", &md.KernelSpec); err != nil {
		return err
	}
	if _, err := take(m, "language_info", &md.LanguageInfo); err != nil {
		return err
	}
	// nbformat drops these when it writes (strip_transient).
	delete(m, "orig_nbformat")
	delete(m, "orig_nbformat_minor")
	delete(m, "signature")
	md.Extra = rest(m)
	return nil
}

// MarshalJSON writes the notebook's metadata.
func (md NotebookMetadata) MarshalJSON() ([]byte, error) {
	o := newObject(md.Extra)
	if k := md.KernelSpec; k != nil {
		ko := newObject(k.Extra)
		ko.str("name", k.Name)
		ko.str("display_name", k.DisplayName)
		if k.Language != "" || k.has["language"] {
			ko.str("language", k.Language)
		}
		o.part("kernelspec", ko)
	}
	if l := md.LanguageInfo; l != nil {
		lo := newObject(l.Extra)
		lo.str("name", l.Name)
		if l.PygmentsLexer != "" || l.has["pygments_lexer"] {
			lo.str("pygments_lexer", l.PygmentsLexer)
		}
		o.part("language_info", lo)
	}
	return o.MarshalJSON()
}

// UnmarshalJSON reads a kernelspec.
func (k *KernelSpec) UnmarshalJSON(b []byte) error {
	m, err := decodeObject(b, "the kernelspec")
	if err != nil {
		return err
	}
	k.has = map[string]bool{}
	for _, f := range []struct {
		key string
		v   *string
	}{{"name", &k.Name}, {"display_name", &k.DisplayName}, {"language", &k.Language}} {
		ok, err := take(m, f.key, f.v)
		if err != nil {
			return fmt.Errorf("kernelspec: %w", err)
		}
		k.has[f.key] = ok
	}
	k.Extra = rest(m)
	return nil
}

// UnmarshalJSON reads a language_info.
func (l *LanguageInfo) UnmarshalJSON(b []byte) error {
	m, err := decodeObject(b, "the language_info")
	if err != nil {
		return err
	}
	l.has = map[string]bool{}
	for _, f := range []struct {
		key string
		v   *string
	}{{"name", &l.Name}, {"pygments_lexer", &l.PygmentsLexer}} {
		ok, err := take(m, f.key, f.v)
		if err != nil {
			return fmt.Errorf("language_info: %w", err)
		}
		l.has[f.key] = ok
	}
	l.Extra = rest(m)
	return nil
}

// UnmarshalJSON reads a cell.
func (c *Cell) UnmarshalJSON(b []byte) error {
	m, err := decodeObject(b, "the cell")
	if err != nil {
		return err
	}
	*c = Cell{}
	if ok, err := take(m, "cell_type", &c.Type); err != nil || !ok {
		if err == nil {
			err = fmt.Errorf("it has no cell_type")
		}
		return err
	}
	for _, f := range []struct {
		key string
		v   any
	}{{"id", &c.ID}, {"metadata", &c.Metadata}, {"source", &c.Source}, {"attachments", &c.Attachments}} {
		if _, err := take(m, f.key, f.v); err != nil {
			return err
		}
	}
	if c.Type == "code" {
		if _, err := take(m, "execution_count", &c.ExecutionCount); err != nil {
			return err
		}
		var outputs []json.RawMessage
		if _, err := take(m, "outputs", &outputs); err != nil {
			return err
		}
		c.Outputs = make([]Output, len(outputs))
		for i, raw := range outputs {
			if err := json.Unmarshal(raw, &c.Outputs[i]); err != nil {
				return fmt.Errorf("output %d: %w", i+1, err)
			}
		}
	}
	c.Extra = rest(m)
	return nil
}

// MarshalJSON writes a cell. A code cell always has its outputs and
// execution count (nbformat requires them); an id and attachments are
// written when there are some.
func (c Cell) MarshalJSON() ([]byte, error) {
	o := newObject(c.Extra)
	o.str("cell_type", c.Type)
	if c.ID != "" {
		o.str("id", c.ID)
	}
	o.part("metadata", c.Metadata)
	o.text("source", c.Source)
	if c.Attachments != nil {
		a := newObject(nil)
		for name, b := range c.Attachments {
			a.part(name, b)
		}
		o.part("attachments", a)
	}
	if c.Type == "code" {
		o.int("execution_count", c.ExecutionCount)
		outputs := make([]json.RawMessage, len(c.Outputs))
		for i := range c.Outputs {
			var err error
			if outputs[i], err = c.Outputs[i].MarshalJSON(); err != nil {
				return nil, fmt.Errorf("output %d: %w", i+1, err)
			}
		}
		o.set("outputs", list(outputs))
	}
	return o.MarshalJSON()
}

// UnmarshalJSON reads a cell's metadata.
func (md *CellMetadata) UnmarshalJSON(b []byte) error {
	m, err := decodeObject(b, "the cell's metadata")
	if err != nil {
		return err
	}
	if _, err := take(m, "tags", &md.Tags); err != nil {
		return err
	}
	delete(m, "trusted") // nbformat drops it when it writes (strip_transient)
	md.Extra = rest(m)
	return nil
}

// MarshalJSON writes a cell's metadata.
func (md CellMetadata) MarshalJSON() ([]byte, error) {
	o := newObject(md.Extra)
	if md.Tags != nil {
		o.strings("tags", md.Tags)
	}
	return o.MarshalJSON()
}

// outputFields are the fields nbformat requires of each type of output;
// other typed fields are written when they were read or are set.
var outputFields = map[string][]string{
	"stream":         {"name", "text"},
	"display_data":   {"data", "metadata"},
	"execute_result": {"data", "metadata", "execution_count"},
	"error":          {"ename", "evalue", "traceback"},
}

// UnmarshalJSON reads an output.
func (out *Output) UnmarshalJSON(b []byte) error {
	m, err := decodeObject(b, "the output")
	if err != nil {
		return err
	}
	*out = Output{has: map[string]bool{}}
	if ok, err := take(m, "output_type", &out.Type); err != nil || !ok {
		if err == nil {
			err = fmt.Errorf("it has no output_type")
		}
		return err
	}
	for _, f := range []struct {
		key string
		v   any
	}{{"name", &out.Name}, {"text", &out.Text}, {"data", &out.Data}, {"metadata", &out.Metadata},
		{"execution_count", &out.ExecutionCount}, {"ename", &out.EName}, {"evalue", &out.EValue}, {"traceback", &out.Traceback}} {
		ok, err := take(m, f.key, f.v)
		if err != nil {
			return err
		}
		out.has[f.key] = ok
	}
	out.Extra = rest(m)
	return nil
}

// MarshalJSON writes an output.
func (out Output) MarshalJSON() ([]byte, error) {
	o := newObject(out.Extra)
	o.str("output_type", out.Type)
	want := map[string]bool{}
	for _, k := range outputFields[out.Type] {
		want[k] = true
	}
	put := func(key string, set bool) bool { return want[key] || out.has[key] || set }
	if put("name", out.Name != "") {
		o.str("name", out.Name)
	}
	if put("text", out.Text != "") {
		o.text("text", out.Text)
	}
	if put("data", out.Data != nil) {
		o.part("data", out.Data)
	}
	if put("metadata", out.Metadata != nil) {
		o.raw("metadata", out.Metadata, "{}")
	}
	if put("execution_count", out.ExecutionCount != nil) {
		o.int("execution_count", out.ExecutionCount)
	}
	if put("ename", out.EName != "") {
		o.str("ename", out.EName)
	}
	if put("evalue", out.EValue != "") {
		o.str("evalue", out.EValue)
	}
	if put("traceback", out.Traceback != nil) {
		tb := out.Traceback
		if tb == nil {
			tb = []string{}
		}
		o.strings("traceback", tb)
	}
	return o.MarshalJSON()
}
