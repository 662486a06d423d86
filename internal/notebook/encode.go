package notebook

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// This file writes JSON as nbformat does — Python's json.dumps(nb,
// indent=1, sort_keys=True, separators=(",", ": "), ensure_ascii=False) and
// a final newline — so that a notebook read and written again comes back
// byte for byte. Go's encoding/json differs in two ways that matter here: it
// escapes U+2028 and U+2029, and it writes floats in another form. Strings
// are therefore escaped here, and every part of the notebook this package
// does not interpret (metadata, mime bundles, unknown fields) is kept as the
// JSON value it was read from, and written in nbformat's form (canon).

// quote returns s as a JSON string, escaped as Python's json module does
// with ensure_ascii=False: only the quote, the backslash and control
// characters.
func quote(s string) []byte {
	b := make([]byte, 0, len(s)+2)
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' {
			if c < utf8.RuneSelf {
				b = append(b, c)
				i++
				continue
			}
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 { // not UTF-8: as Go's encoder does
				b = append(b, `\ufffd`...)
			} else {
				b = append(b, s[i:i+size]...)
			}
			i += size
			continue
		}
		switch c {
		case '"':
			b = append(b, `\"`...)
		case '\\':
			b = append(b, `\\`...)
		case '\b':
			b = append(b, `\b`...)
		case '\f':
			b = append(b, `\f`...)
		case '\n':
			b = append(b, `\n`...)
		case '\r':
			b = append(b, `\r`...)
		case '\t':
			b = append(b, `\t`...)
		default:
			b = append(b, fmt.Sprintf(`\u%04x`, c)...)
		}
		i++
	}
	return append(b, '"')
}

// quoteList returns a JSON list of strings.
func quoteList(lines []string) json.RawMessage {
	var b bytes.Buffer
	b.WriteByte('[')
	for i, l := range lines {
		if i > 0 {
			b.WriteByte(',')
		}
		b.Write(quote(l))
	}
	b.WriteByte(']')
	return b.Bytes()
}

// splitLines splits s as Python's str.splitlines(keepends=True), which
// nbformat uses to store multi-line text as a list of lines: at \n, \r,
// \r\n, \v, \f, \x1c, \x1d, \x1e, \x85, U+2028 and U+2029, each line keeping
// its end. An empty text is an empty list.
func splitLines(s string) []string {
	lines := []string{}
	start := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		end := -1
		switch r {
		case '\r':
			end = i + 1
			if i+1 < len(s) && s[i+1] == '\n' {
				end = i + 2
			}
		case '\n', '\v', '\f', '\x1c', '\x1d', '\x1e', '\u0085', '\u2028', '\u2029':
			end = i + size
		}
		if end < 0 {
			i += size
			continue
		}
		lines = append(lines, s[start:end])
		start, i = end, end
	}
	if start < len(s) {
		lines = append(lines, s[start:])
	}
	return lines
}

// object builds a JSON object in nbformat's form: each value is canonical
// JSON (see canon), and the keys are written sorted. The first error sticks.
type object struct {
	m   map[string]json.RawMessage
	err error
}

// newObject starts an object from the fields kept verbatim.
func newObject(extra Fields) *object {
	o := &object{m: map[string]json.RawMessage{}}
	for k, v := range extra {
		o.raw(k, v, "")
	}
	return o
}

func (o *object) set(key string, v []byte)       { o.m[key] = v }
func (o *object) str(key, v string)              { o.m[key] = quote(v) }
func (o *object) text(key string, t Text)        { o.m[key] = quoteList(splitLines(string(t))) }
func (o *object) strings(key string, l []string) { o.m[key] = quoteList(l) }

func (o *object) int(key string, v *int) {
	if v == nil {
		o.m[key] = json.RawMessage("null")
		return
	}
	o.m[key] = strconv.AppendInt(nil, int64(*v), 10)
}

// raw sets key to a JSON value read or made elsewhere, in nbformat's form;
// an empty one is written as empty.
func (o *object) raw(key string, v json.RawMessage, empty string) {
	if len(v) == 0 {
		v = json.RawMessage(empty)
	}
	var b bytes.Buffer
	if err := canon(&b, v); err != nil {
		o.fail(fmt.Errorf("%q: %w", key, err))
		return
	}
	o.m[key] = b.Bytes()
}

// part sets key to a part encoded by its own MarshalJSON, which writes
// nbformat's form.
func (o *object) part(key string, m json.Marshaler) {
	v, err := m.MarshalJSON()
	if err != nil {
		o.fail(fmt.Errorf("%q: %w", key, err))
		return
	}
	o.m[key] = v
}

func (o *object) fail(err error) {
	if o.err == nil {
		o.err = err
	}
}

// MarshalJSON returns the object as compact JSON.
func (o *object) MarshalJSON() ([]byte, error) {
	if o.err != nil {
		return nil, o.err
	}
	keys := make([]string, 0, len(o.m))
	for k := range o.m {
		keys = append(keys, k)
	}
	sort.Strings(keys) // byte order of UTF-8 is code point order, as Python's
	var b bytes.Buffer
	b.WriteByte('{')
	for i, k := range keys {
		if i > 0 {
			b.WriteByte(',')
		}
		b.Write(quote(k))
		b.WriteByte(':')
		b.Write(o.m[k])
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// list returns compact JSON lists of the parts.
func list(parts []json.RawMessage) json.RawMessage {
	var b bytes.Buffer
	b.WriteByte('[')
	for i, p := range parts {
		if i > 0 {
			b.WriteByte(',')
		}
		b.Write(p)
	}
	b.WriteByte(']')
	return b.Bytes()
}

// isJSONMIME reports whether data of this MIME type is a JSON value, which
// nbformat keeps as it is.
func isJSONMIME(mime string) bool {
	return mime == "application/json" || strings.HasPrefix(mime, "application/") && strings.HasSuffix(mime, "+json")
}

// splitsMIME reports whether nbformat writes text of this MIME type as a
// list of lines.
func splitsMIME(mime string) bool {
	return strings.HasPrefix(mime, "text/") || mime == "image/svg+xml" || mime == "application/javascript"
}

// MarshalJSON writes a mime bundle as nbformat does: it reads text given as
// a list of lines as one string (except for JSON types), and writes it back
// as a list of lines for the types in splitsMIME.
func (m MimeBundle) MarshalJSON() ([]byte, error) {
	o := newObject(nil)
	for mime, v := range m {
		if !isJSONMIME(mime) {
			var t Text
			if json.Unmarshal(v, &t) == nil {
				if splitsMIME(mime) {
					o.text(mime, t)
				} else {
					o.str(mime, string(t))
				}
				continue
			}
		}
		o.raw(mime, v, "null")
	}
	return o.MarshalJSON()
}

// canon writes the JSON value raw as Python's json module writes it: keys
// sorted, strings escaped by quote, integers as integers and other numbers
// as Python's repr of a float.
func canon(b *bytes.Buffer, raw json.RawMessage) error {
	d := json.NewDecoder(bytes.NewReader(raw))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		return fmt.Errorf("not JSON: %w", err)
	}
	if _, err := d.Token(); err == nil {
		return fmt.Errorf("not one JSON value: %.40q", raw)
	}
	return canonValue(b, v)
}

func canonValue(b *bytes.Buffer, v any) error {
	switch v := v.(type) {
	case nil:
		b.WriteString("null")
	case bool:
		b.WriteString(strconv.FormatBool(v))
	case string:
		b.Write(quote(v))
	case json.Number:
		n, err := pythonNumber(string(v))
		if err != nil {
			return err
		}
		b.WriteString(n)
	case []any:
		b.WriteByte('[')
		for i, e := range v {
			if i > 0 {
				b.WriteByte(',')
			}
			if err := canonValue(b, e); err != nil {
				return err
			}
		}
		b.WriteByte(']')
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		b.WriteByte('{')
		for i, k := range keys {
			if i > 0 {
				b.WriteByte(',')
			}
			b.Write(quote(k))
			b.WriteByte(':')
			if err := canonValue(b, v[k]); err != nil {
				return err
			}
		}
		b.WriteByte('}')
	default:
		return fmt.Errorf("unexpected %T", v)
	}
	return nil
}

// pythonNumber writes a JSON number as Python reads and writes it back: an
// integer stays an integer (any size; -0 is 0); anything with a fraction or
// an exponent becomes a float, written as repr writes it: the shortest
// digits that read back the same, as a decimal (with ".0" if whole) when its
// decimal point falls within 16 digits, else with an exponent (1e-05,
// 1e+16).
func pythonNumber(n string) (string, error) {
	if !strings.ContainsAny(n, ".eE") {
		i, ok := new(big.Int).SetString(n, 10)
		if !ok {
			return "", fmt.Errorf("bad number %q", n)
		}
		return i.String(), nil
	}
	f, err := strconv.ParseFloat(n, 64)
	if err != nil {
		return "", fmt.Errorf("bad number %q: %w", n, err)
	}
	e := strconv.FormatFloat(f, 'e', -1, 64)
	exp, _ := strconv.Atoi(e[strings.IndexByte(e, 'e')+1:])
	if decpt := exp + 1; decpt <= -4 || decpt > 16 {
		return e, nil
	}
	s := strconv.FormatFloat(f, 'f', -1, 64)
	if !strings.Contains(s, ".") {
		s += ".0"
	}
	return s, nil
}

// decodeObject splits a JSON object into its fields, for the typed parts to
// take theirs and keep the rest verbatim.
func decodeObject(b []byte, what string) (map[string]json.RawMessage, error) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("%s is not a JSON object: %w", what, err)
	}
	if m == nil {
		return nil, fmt.Errorf("%s is null, want an object", what)
	}
	return m, nil
}

// take decodes field key of m into v, if present, removes it from m, and
// reports whether it was there.
func take(m map[string]json.RawMessage, key string, v any) (bool, error) {
	raw, ok := m[key]
	if !ok {
		return false, nil
	}
	delete(m, key)
	if err := json.Unmarshal(raw, v); err != nil {
		return true, fmt.Errorf("%q: %w", key, err)
	}
	return true, nil
}

// rest returns the fields left in m, or nil.
func rest(m map[string]json.RawMessage) Fields {
	if len(m) == 0 {
		return nil
	}
	return Fields(m)
}

// indent lays compact JSON out as nbformat does, with a final newline.
func indent(compact []byte) ([]byte, error) {
	var b bytes.Buffer
	if err := json.Indent(&b, compact, "", " "); err != nil {
		return nil, err
	}
	b.WriteByte('\n')
	return b.Bytes(), nil
}

// WriteFile writes data to path atomically: into a temporary file in the
// same folder, then renamed over path, so that a reader (or a teacher) never
// sees half a file, and a failure leaves the old file as it was. A symlink
// at path is replaced, not followed: the file written is the one named.
func WriteFile(path string, data []byte) error {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, "."+strings.TrimSuffix(base, filepath.Ext(base))+"-*.tmp")
	if err != nil {
		return err
	}
	done := false
	defer func() {
		if !done {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err := tmp.Write(data); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		done = true
		return err
	}
	done = true
	return nil
}
