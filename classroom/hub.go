// Package classroom drives a JupyterHub the way a class uses it: it starts
// students' servers through the hub's REST API and runs a lesson in each
// over the kernel's WebSocket (Jupyter's messaging protocol), cell by cell,
// recording what a student would see and how long they waited. The load
// test (classroom/loadtest) and the hub's test use it.
//
// The folder also holds the hub's configuration (jupyterhub_config.py,
// nnlesson_hub.py), the kernel's launcher (kernel/), the Go program behind
// install.sh --system and --enrol (admin/) and Zero to JupyterHub values
// (z2jh/); see README.md.
package classroom

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"path"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/nnlesson/course/internal/notebook"
)

// A Hub is a running JupyterHub, reached with an API token that may start
// students' servers and use them (the hub's "nnlesson-loadtest" service).
type Hub struct {
	URL   string // http://127.0.0.1:8000
	Token string
}

func (h *Hub) do(ctx context.Context, method, p string, body any, out any) (int, error) {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return 0, err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, strings.TrimRight(h.URL, "/")+p, rd)
	if err != nil {
		return 0, err
	}
	req.Header.Set("Authorization", "token "+h.Token)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return resp.StatusCode, err
	}
	if resp.StatusCode >= 400 {
		return resp.StatusCode, fmt.Errorf("%s %s: %s: %s", method, p, resp.Status, strings.TrimSpace(string(b)))
	}
	if out != nil && len(b) > 0 {
		if err := json.Unmarshal(b, out); err != nil {
			return resp.StatusCode, fmt.Errorf("%s %s: %v", method, p, err)
		}
	}
	return resp.StatusCode, nil
}

// A Server is the hub's view of a student's default server.
type Server struct {
	Ready        bool   `json:"ready"`
	Pending      string `json:"pending"`
	URL          string `json:"url"`
	LastActivity string `json:"last_activity"`
}

// Server returns the student's default server, or nil when it is stopped.
func (h *Hub) Server(ctx context.Context, user string) (*Server, error) {
	var u struct {
		Servers map[string]*Server `json:"servers"`
	}
	if _, err := h.do(ctx, "GET", "/hub/api/users/"+url.PathEscape(user), nil, &u); err != nil {
		return nil, err
	}
	return u.Servers[""], nil
}

// StartServer starts the student's server, as logging in does, and waits
// until it is ready.
func (h *Hub) StartServer(ctx context.Context, user string) error {
	// A student who never logged in is not in the hub's database yet.
	if code, err := h.do(ctx, "GET", "/hub/api/users/"+url.PathEscape(user), nil, nil); code == http.StatusNotFound {
		if _, err := h.do(ctx, "POST", "/hub/api/users/"+url.PathEscape(user), map[string]any{}, nil); err != nil {
			return err
		}
	} else if err != nil {
		return err
	}
	if _, err := h.do(ctx, "POST", "/hub/api/users/"+url.PathEscape(user)+"/server", map[string]any{}, nil); err != nil {
		if s, serr := h.Server(ctx, user); serr != nil || s == nil || !s.Ready {
			return err
		}
		return nil // already running
	}
	for {
		s, err := h.Server(ctx, user)
		if err != nil {
			return err
		}
		if s != nil && s.Ready {
			return nil
		}
		if s == nil {
			return fmt.Errorf("%s's server stopped while starting: see the hub's log", user)
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("%s's server did not start: %w", user, ctx.Err())
		case <-time.After(250 * time.Millisecond):
		}
	}
}

// StopServer stops the student's server and waits until it is stopped.
func (h *Hub) StopServer(ctx context.Context, user string) error {
	if _, err := h.do(ctx, "DELETE", "/hub/api/users/"+url.PathEscape(user)+"/server", nil, nil); err != nil {
		return err
	}
	for {
		s, err := h.Server(ctx, user)
		if err != nil {
			return err
		}
		if s == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("%s's server did not stop: %w", user, ctx.Err())
		case <-time.After(250 * time.Millisecond):
		}
	}
}

// DeleteUser removes the student from the hub's database (not from the
// system): for throwaway students.
func (h *Hub) DeleteUser(ctx context.Context, user string) error {
	_, err := h.do(ctx, "DELETE", "/hub/api/users/"+url.PathEscape(user), nil, nil)
	return err
}

// A Run is one lesson run by one student, as they saw it.
type Run struct {
	User        string
	ServerStart time.Duration // how long the hub took to start the student's server
	Cells       int           // code cells executed
	FirstOutput time.Duration // from opening the lesson (its kernel starts) to the first output of any cell
	FirstCell   int           // the cell (1-based) that showed it
	Time        time.Duration // from opening the lesson to the last cell's end
	Failures    []string      // failed cells and ✗ verdicts, each with its message
	Verdicts    map[string]int
	Outputs     []notebook.Cell // every executed cell with its outputs, in order
}

// Lesson is what RunLesson executes: the code cells of a notebook, and the
// path (relative to the student's home) under which the kernel is started;
// the kernel runs in that path's folder, as when the student opens it.
type Lesson struct {
	Path   string   // "nnlesson/lessons/02-neuron.ipynb"
	Kernel string   // "gonb"
	Cells  []string // the code cells' sources
}

// LessonFrom reads the code cells of the notebook file at file, to run
// under path in a student's home.
func LessonFrom(file, path, kernel string) (Lesson, error) {
	nb, err := notebook.Read(file)
	if err != nil {
		return Lesson{}, err
	}
	l := Lesson{Path: path, Kernel: kernel}
	for _, c := range nb.Cells {
		if c.Type == "code" {
			l.Cells = append(l.Cells, string(c.Source))
		}
	}
	return l, nil
}

// CheckMIME is the MIME type of the exercise package's verdicts, published
// beside each check's HTML box.
const CheckMIME = "application/vnd.nnlesson.check+json"

var checkClassRE = regexp.MustCompile(`nnlesson-check nnlesson-check-(pass|fail|todo)`)

// verdicts returns the statuses of the exercise checks an output shows.
func verdicts(o notebook.Output) []string {
	if raw, ok := o.Data[CheckMIME]; ok {
		var v struct {
			Status string `json:"status"`
		}
		if json.Unmarshal(raw, &v) == nil && v.Status != "" {
			return []string{v.Status}
		}
	}
	var out []string
	for _, m := range checkClassRE.FindAllStringSubmatch(o.DataText("text/html"), -1) {
		out = append(out, m[1])
	}
	return out
}

// RunLesson starts a kernel for the student through their server (a
// session for l.Path), executes every cell of l in order, each once the one
// before is done, and shuts the kernel down. cellTimeout bounds each cell.
func (h *Hub) RunLesson(ctx context.Context, user string, l Lesson, cellTimeout time.Duration) (*Run, error) {
	base := "/user/" + url.PathEscape(user)
	start := time.Now() // the student opens the lesson: its kernel starts
	var session struct {
		ID     string `json:"id"`
		Kernel struct {
			ID string `json:"id"`
		} `json:"kernel"`
	}
	if _, err := h.do(ctx, "POST", base+"/api/sessions", map[string]any{
		"path": l.Path, "name": path.Base(l.Path), "type": "notebook", "kernel": map[string]string{"name": l.Kernel},
	}, &session); err != nil {
		return nil, err
	}
	defer func() {
		c, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		h.do(c, "DELETE", base+"/api/sessions/"+session.ID, nil, nil)
	}()

	u, err := url.Parse(strings.TrimRight(h.URL, "/") + base + "/api/kernels/" + session.Kernel.ID + "/channels")
	if err != nil {
		return nil, err
	}
	sid := randomID()
	u.RawQuery = "session_id=" + sid
	ws, err := dialWebSocket(u, http.Header{"Authorization": {"token " + h.Token}}, time.Minute)
	if err != nil {
		return nil, err
	}
	defer ws.Close()
	msgs := make(chan kernelMessage, 256)
	readErr := make(chan error, 1)
	go func() {
		for {
			b, err := ws.ReadMessage()
			if err != nil {
				readErr <- err
				close(msgs)
				return
			}
			var m kernelMessage
			if json.Unmarshal(b, &m) == nil {
				msgs <- m
			}
		}
	}()

	run := &Run{User: user, Verdicts: map[string]int{}}
	displays := map[string]displayAt{} // the outputs that update_display_data may replace
	for i, src := range l.Cells {
		id := randomID()
		msg := map[string]any{
			"header":        map[string]string{"msg_id": id, "username": user, "session": sid, "msg_type": "execute_request", "version": "5.3", "date": time.Now().UTC().Format(time.RFC3339Nano)},
			"parent_header": map[string]any{},
			"metadata":      map[string]any{},
			"channel":       "shell",
			"buffers":       []any{},
			"content":       map[string]any{"code": src, "silent": false, "store_history": true, "user_expressions": map[string]any{}, "allow_stdin": false, "stop_on_error": false},
		}
		b, _ := json.Marshal(msg)
		if err := ws.WriteText(b); err != nil {
			return run, err
		}
		cell := notebook.Cell{Type: "code", Source: notebook.Text(src)}
		deadline := time.After(cellTimeout)
	wait:
		for {
			select {
			case <-ctx.Done():
				return run, ctx.Err()
			case <-deadline:
				run.Failures = append(run.Failures, fmt.Sprintf("cell %d: no answer within %s", i+1, cellTimeout))
				break wait
			case m, ok := <-msgs:
				if !ok {
					return run, fmt.Errorf("the kernel's websocket closed: %v", <-readErr)
				}
				if m.Channel != "iopub" || m.ParentHeader.MsgID != id {
					continue
				}
				switch m.Header.MsgType {
				case "status":
					if m.Content.ExecutionState == "idle" {
						break wait
					}
				case "update_display_data":
					// A display replaced in place, as the notebook page does it:
					// an exercise check's "running" box by its verdict, a live chart.
					if at, ok := displays[m.Content.Transient.DisplayID]; ok {
						target := &cell
						if at.cell < len(run.Outputs) {
							target = &run.Outputs[at.cell]
						}
						target.Outputs[at.output].Data = m.Content.Data
					}
				case "stream", "display_data", "execute_result", "error":
					if run.FirstOutput == 0 {
						run.FirstOutput = time.Since(start)
						run.FirstCell = i + 1
					}
					o := notebook.Output{Type: m.Header.MsgType, Name: m.Content.Name, Text: notebook.Text(m.Content.Text),
						Data: m.Content.Data, EName: m.Content.EName, EValue: m.Content.EValue, Traceback: m.Content.Traceback}
					if id := m.Content.Transient.DisplayID; id != "" {
						displays[id] = displayAt{cell: len(run.Outputs), output: len(cell.Outputs)}
					}
					cell.Outputs = append(cell.Outputs, o)
				}
			}
		}
		run.Outputs = append(run.Outputs, cell)
	}
	run.Time = time.Since(start)
	run.Cells = len(l.Cells)
	nb := &notebook.Notebook{Cells: run.Outputs}
	for _, f := range nb.Failures() {
		run.Failures = append(run.Failures, fmt.Sprintf("cell %d: %s", f.Cell+1, firstLine(f.Message)))
	}
	for i, c := range run.Outputs {
		for _, o := range c.Outputs {
			for _, v := range verdicts(o) {
				run.Verdicts[v]++
				if v == "fail" {
					run.Failures = append(run.Failures, fmt.Sprintf("cell %d: ✗ %s", i+1, firstLine(checkText(o))))
				}
			}
		}
	}
	return run, nil
}

// kernelMessage is the part of a Jupyter message that RunLesson reads.
type kernelMessage struct {
	Channel string `json:"channel"`
	Header  struct {
		MsgType string `json:"msg_type"`
	} `json:"header"`
	ParentHeader struct {
		MsgID string `json:"msg_id"`
	} `json:"parent_header"`
	Content struct {
		ExecutionState string                     `json:"execution_state"`
		Name           string                     `json:"name"`
		Text           string                     `json:"text"`
		Data           map[string]json.RawMessage `json:"data"`
		EName          string                     `json:"ename"`
		EValue         string                     `json:"evalue"`
		Traceback      []string                   `json:"traceback"`
		Transient      struct {
			DisplayID string `json:"display_id"`
		} `json:"transient"`
	} `json:"content"`
}

// displayAt is where a display with an id went: the cell and its output.
type displayAt struct{ cell, output int }

var tagRE = regexp.MustCompile(`<[^>]*>`)

func checkText(o notebook.Output) string {
	if raw, ok := o.Data[CheckMIME]; ok {
		var v struct {
			Text string `json:"text"`
		}
		if json.Unmarshal(raw, &v) == nil && v.Text != "" {
			return v.Text
		}
	}
	return strings.TrimSpace(tagRE.ReplaceAllString(o.DataText("text/html"), ""))
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i] + " …"
	}
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return s
}

func randomID() string {
	b := make([]byte, 16)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// RunAll runs the lesson for every student at once, each on their own
// server (started first, all at once too). The runs come back in the
// order of users; a student whose run could not happen has its error.
func (h *Hub) RunAll(ctx context.Context, users []string, l Lesson, cellTimeout time.Duration) ([]*Run, []error) {
	runs := make([]*Run, len(users))
	errs := make([]error, len(users))
	var wg sync.WaitGroup
	for i, u := range users {
		wg.Add(1)
		go func() {
			defer wg.Done()
			t := time.Now()
			if err := h.StartServer(ctx, u); err != nil {
				errs[i] = err
				return
			}
			started := time.Since(t)
			runs[i], errs[i] = h.RunLesson(ctx, u, l, cellTimeout)
			if runs[i] == nil {
				runs[i] = &Run{User: u}
			}
			runs[i].ServerStart = started
		}()
	}
	wg.Wait()
	for i := range errs {
		if errs[i] != nil && runs[i] == nil {
			runs[i] = &Run{User: users[i], Failures: []string{errs[i].Error()}}
		}
	}
	return runs, errs
}

// ErrNoHub says that JupyterHub or its proxy is not installed.
var ErrNoHub = errors.New("apt-get install jupyterhub (Debian's jupyterhub 3 and node-configurable-http-proxy)")
