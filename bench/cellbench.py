"""Cell latency: what a student waits for between Shift+Enter and the answer.

Run through the wrappers bench/cells, bench/cell-phases and bench/cell-first,
which pick the Python that runs Jupyter (it has jupyter_client).

  cells   GoNB and IPython (matplotlib) side by side in one run: the same print
          cell and the same chart (sigmoid, 20 cm x 12 cm, SVG), warm, N times
          each, interleaved so that both see the same load; medians, spread and
          the ratio GoNB/IPython.
  phases  where a warm GoNB cell's time goes, phase by phase, read from GoNB's
          own log (klog -v=2 timestamps) and from the go command's action graph
          (compile, link, the go command's own work).
  first   a student's first impression: a freshly started kernel's first cells
          with the build cache warm; as install.sh left it but unused for 6 days
          (Go then trims what the first go command does not use); and empty
          ("after a reboot": GOCACHE a new empty directory, the module cache
          kept); and the whole first lesson on an empty build cache.
  lessons every English lesson through nbconvert (as the handouts and tests run
          them), once per kernel configuration, interleaved; time per lesson.

Every GoNB kernel is the registered kernelspec "gonb" (argv and env as
install.sh wrote them); --env KEY=VALUE and --arg FLAG change it for this run
only, so that a lever can be measured before it is installed, e.g.
  bench/cells --env GOPROXY=off --env GOFLAGS=-ldflags=-s
Each timed GoNB cell differs from the previous one (a number in its text), as
a student's next cell does, so that GoNB really compiles and links it.
"""

import argparse
import datetime
import glob
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

try:
    from jupyter_client.manager import KernelManager
except ImportError:
    sys.exit("cellbench: this Python (%s) has no jupyter_client; run it with the Python that runs Jupyter "
             "(Debian: apt-get install python3-jupyter-client)" % sys.executable)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NOTEBOOKS = os.path.join(ROOT, "notebooks")


# --- kernels -----------------------------------------------------------------

class Kernel:
    """A running Jupyter kernel and a client talking to it."""

    def __init__(self, name, cwd, env=None, args=(), log=None):
        self.name = name
        self.km = KernelManager(kernel_name=name)
        spec = self.km.kernel_spec  # cached by the manager: changes here are what starts
        spec.argv = list(spec.argv) + list(args)
        spec.env = dict(spec.env or {})
        spec.env.update(env or {})
        self.log = log
        t0 = time.perf_counter()
        self.km.start_kernel(cwd=cwd, stdout=subprocess.DEVNULL,
                             stderr=log if log is not None else subprocess.DEVNULL)
        self.kc = self.km.client()
        self.kc.start_channels()
        self.kc.wait_for_ready(timeout=120)
        self.startup = time.perf_counter() - t0

    def run(self, code, timeout=900):
        """Runs one cell; returns (seconds until the kernel is idle again, status, outputs, wall start)."""
        outputs = []
        wall = time.time()
        t0 = time.perf_counter()
        reply = self.kc.execute_interactive(code, timeout=timeout, output_hook=outputs.append,
                                            allow_stdin=False, store_history=True)
        dt = time.perf_counter() - t0
        outs = [m for m in outputs if m["msg_type"] in ("stream", "display_data", "execute_result", "error")]
        return dt, reply["content"]["status"], outs, wall

    def close(self):
        self.kc.stop_channels()
        self.km.shutdown_kernel(now=False)


def text_of(outputs):
    parts = []
    for m in outputs:
        c = m["content"]
        if m["msg_type"] == "stream":
            parts.append(c["text"])
        elif m["msg_type"] == "error":
            parts.append("%s: %s" % (c.get("ename"), c.get("evalue")))
        else:
            parts.append(" ".join(sorted(c.get("data", {}))))
    return "".join(parts)


def has_svg(outputs):
    for m in outputs:
        data = m["content"].get("data", {})
        if "image/svg+xml" in data or "<svg" in data.get("text/html", ""):
            return True
    return False


def must(kernel, code, check=None, what="cell"):
    """Runs a cell and stops the benchmark if it did not do what it should."""
    dt, status, outs, wall = kernel.run(code)
    if status != "ok" or (check is not None and not check(outs)):
        sys.exit("cellbench: the %s %s did not give what it should (status %s):\n--- cell\n%s\n--- output\n%s"
                 % (kernel.name, what, status, code, text_of(outs)[:2000]))
    return dt, outs, wall


def lesson_cells(name):
    with open(os.path.join(NOTEBOOKS, name)) as f:
        nb = json.load(f)
    return ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]


def go_setup():
    """The link cell and the import cell of lesson 2, as the lesson has them today."""
    cells = lesson_cells("02-neuron.ipynb")
    if not cells[0].startswith("!*go mod edit") or not cells[1].startswith("import"):
        sys.exit("cellbench: notebooks/02-neuron.ipynb no longer starts with the link cell and the import cell")
    return cells[:2]


# The cells compared. {n} makes each run's cell new to GoNB.
GO_PRINT = '%%\nfmt.Printf("z = %.2f (run {n})\\n", 1.1)'
PY_PRINT = 'print(f"z = {{1.1:.2f}} (run {n})")'
GO_CHART = ('%%\nplots.Show(plots.Functions("The sigmoid squeezes z into (0, 1), run {n}", "z", "σ(z)", -8, 8,\n'
            '\tplots.Curve{{Name: "σ(z) = 1 / (1 + e^(−z))", F: nnlesson.Sigmoid}}))')
PY_SETUP = ("%matplotlib inline\n"
            "%config InlineBackend.figure_formats = ['svg']\n"
            "import numpy as np\n"
            "import matplotlib.pyplot as plt")
# The same chart: 20 cm x 12 cm (plots.NotebookWidth x NotebookHeight), 401 samples, grid, legend, SVG.
PY_CHART = ('z = np.linspace(-8, 8, 401)\n'
            'fig, ax = plt.subplots(figsize=(20 / 2.54, 12 / 2.54))\n'
            'ax.plot(z, 1 / (1 + np.exp(-z)), label="σ(z) = 1 / (1 + e^(−z))")\n'
            'ax.set_title("The sigmoid squeezes z into (0, 1), run {n}")\n'
            'ax.set_xlabel("z")\n'
            'ax.set_ylabel("σ(z)")\n'
            'ax.grid(True)\n'
            'ax.legend()\n'
            'plt.show()')
# A cell that uses a function declared in an earlier cell, as most lesson cells do.
GO_DECLARE = ('// neuron returns the curve σ(w·x + b) of a neuron with one input x.\n'
              'func neuron(w, b float64) plots.Curve {\n'
              '\treturn plots.Curve{Name: fmt.Sprintf("w = %g, b = %g", w, b), F: func(x float64) float64 { return nnlesson.Sigmoid(w*x + b) }}\n'
              '}')


def printed(n):
    return lambda outs: "(run %d)" % n in text_of(outs)


# --- statistics ----------------------------------------------------------------

def quartiles(xs):
    xs = sorted(xs)
    if len(xs) < 4:
        return xs[0], xs[-1]
    q = statistics.quantiles(xs, n=4)
    return q[0], q[2]


def fmt_stats(xs, form="%.3f"):
    """median [q1–q3] (min–max)."""
    lo, hi = quartiles(xs)
    f = lambda v: form % v
    return "%s [%s–%s] (%s–%s)" % (f(statistics.median(xs)), f(lo), f(hi), f(min(xs)), f(max(xs)))


def parse_env(pairs):
    env = {}
    for p in pairs or []:
        if "=" not in p:
            sys.exit("cellbench: --env wants KEY=VALUE, got %r" % p)
        k, v = p.split("=", 1)
        env[k] = v
    return env


def describe_kernel(name, env, args):
    spec = KernelManager(kernel_name=name).kernel_spec
    extra = " ".join("%s=%s" % kv for kv in sorted(env.items())) or "none"
    return "kernel %r (%s); env changes: %s; extra args: %s" % (name, spec.argv[0], extra, " ".join(args) or "none")


def machine():
    load = os.getloadavg()
    go = subprocess.run(["go", "version"], capture_output=True, text=True).stdout.strip()
    return "%d cores, load %.2f %.2f %.2f, %s" % (os.cpu_count(), load[0], load[1], load[2], go)


# --- cells: GoNB against IPython -------------------------------------------------------

def cmd_cells(a):
    """GoNB as registered (and, with --env/--arg, GoNB changed so) against IPython, interleaved."""
    env = parse_env(a.env)
    configs = [("GoNB", {}, [])]
    if env or a.arg:
        configs = [("GoNB as registered", {}, []), ("GoNB changed", env, a.arg)]
    print("bench/cells: %d warm runs of each cell (after %d untimed), interleaved; %s" % (a.runs, a.warmup, machine()))
    for label, e, args in configs:
        print("%-19s %s" % (label + ":", describe_kernel(a.kernel, e, args)))
    print("%-19s kernel %r, matplotlib inline backend, SVG" % ("IPython:", a.python_kernel))
    kernels = []
    try:
        for label, e, args in configs:
            kernels.append((label, Kernel(a.kernel, NOTEBOOKS, e, args)))
        py = Kernel(a.python_kernel, NOTEBOOKS)
        kernels.append(("IPython", py))
        for label, k in kernels[:-1]:
            for c in go_setup():
                must(k, c, what="setup cell")
        must(py, PY_SETUP, what="setup cell")
        cells = {"print": (GO_PRINT, PY_PRINT, printed), "chart": (GO_CHART, PY_CHART, lambda n: has_svg)}
        times = {(kind, label): [] for kind in cells for label, _ in kernels}
        for i in range(a.warmup + a.runs):
            n = i + 1
            for kind, (gc, pc, check) in cells.items():
                for label, k in kernels:
                    dt = must(k, (pc if k is py else gc).format(n=n), check(n), kind + " cell")[0]
                    if i >= a.warmup:
                        times[(kind, label)].append(dt)
    finally:
        for _, k in kernels:
            k.close()
    print("\nseconds from Shift+Enter to the kernel idle again: median [quartiles] (min–max)")
    for kind in cells:
        p = times[(kind, "IPython")]
        print("%s cell:" % kind)
        print("  %-19s %s" % ("IPython", fmt_stats(p)))
        for label, _ in kernels[:-1]:
            g = times[(kind, label)]
            ratios = [x / y for x, y in zip(g, p)]
            print("  %-19s %s   GoNB/IPython %.1f (ratio of medians); per run %s"
                  % (label, fmt_stats(g), statistics.median(g) / statistics.median(p), fmt_stats(ratios, "%.1f")))
    print("load at the end: %.2f" % os.getloadavg()[0])


# --- phases: where a GoNB cell's time goes ----------------------------------------------

KLOG = re.compile(r"^[IWEF](\d\d)(\d\d) (\d\d):(\d\d):(\d\d\.\d+)\s+\d+ \S+\] (?:\x1b\[[0-9;]*m\[[0-9a-f]+\]\x1b\[0m )?(.*)$")


def klog_lines(text):
    """(seconds since midnight, message) for each klog line."""
    out = []
    for line in text.splitlines():
        m = KLOG.match(line)
        if m:
            h, mi, s = int(m.group(3)), int(m.group(4)), float(m.group(5))
            out.append((h * 3600 + mi * 60 + s, m.group(6)))
    return out


def since_midnight(wall):
    t = datetime.datetime.fromtimestamp(wall)
    return t.hour * 3600 + t.minute * 60 + t.second + t.microsecond / 1e6


MARKS = [  # (phase that ends at this mark, a regexp on GoNB's log message)
    ("Jupyter → GoNB", r"^ExecuteCell: \["),
    ("GoNB: parse cell, write main.go", r"^Executing \S*goimports "),
    ("goimports (+ GoNB rewrites main.go)", r"^GoImports\(\): cursorInFile"),
    ("GoNB", r"^Executing \S*go get$"),
    ("go get", r"^ExecuteCell: after s\.GoImports\(\)"),
    ("GoNB ", r"^Executing \S*go build "),
    ("go build", r"^ExecuteCell: after s\.Compile\(\)"),
    ("GoNB  ", r"^Executing: /"),
    ("run the program", r"^Execution finished"),
]
PHASES = ["Jupyter → GoNB", "GoNB: parse cell, write main.go", "goimports (+ GoNB rewrites main.go)", "go get",
          "go build", "  go command's own work (load, hash, check)", "  compile the cell's package",
          "  compile other packages", "  link", "run the program", "GoNB → Jupyter, and GoNB's other steps", "total"]


def phase_times(log, wall, total, actiongraph):
    """Splits one cell's total into phases, from GoNB's log lines and the action graph."""
    lines = klog_lines(log)
    t = since_midnight(wall)
    start = t
    got = {}
    i = 0
    for name, rx in MARKS:
        r = re.compile(rx)
        j = i
        while j < len(lines) and not r.search(lines[j][1]):
            j += 1
        if j == len(lines):
            if name == "GoNB":  # no "go get": %noautoget
                got["GoNB"] = 0.0
                continue
            raise RuntimeError("GoNB's log has no line matching %r (is GoNB still v0.11.5? is -v=2 on?)" % rx)
        i = j
        got[name.strip()] = got.get(name.strip(), 0) + (lines[i][0] - t)
        t = lines[i][0]
    out = {p: 0.0 for p in PHASES}
    out["Jupyter → GoNB"] = got["Jupyter → GoNB"]
    out["GoNB: parse cell, write main.go"] = got["GoNB: parse cell, write main.go"]
    out["goimports (+ GoNB rewrites main.go)"] = got["goimports (+ GoNB rewrites main.go)"]
    out["go get"] = got["go get"]
    out["go build"] = got["go build"]
    out["run the program"] = got["run the program"]
    compile_main, compile_other, link = actions(actiongraph)
    out["  compile the cell's package"] = compile_main
    out["  compile other packages"] = compile_other
    out["  link"] = link
    out["  go command's own work (load, hash, check)"] = got["go build"] - compile_main - compile_other - link
    out["total"] = total
    out["GoNB → Jupyter, and GoNB's other steps"] = total - (t - start) + got["GoNB"]
    return out


def parse_time(s):
    # "2026-12-02T20:40:45.979066489Z" or with an offset: keep to microseconds.
    m = re.match(r"(.*T\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)$", s)
    frac = (m.group(2) or "0")[:6].ljust(6, "0")
    tz = "+00:00" if m.group(3) == "Z" else m.group(3)
    return datetime.datetime.fromisoformat("%s.%s%s" % (m.group(1), frac, tz)).timestamp()


def actions(path):
    """Seconds spent compiling the main package, compiling others, and linking, per the action graph."""
    main = other = link = 0.0
    try:
        with open(path) as f:
            graph = json.load(f)
    except (OSError, ValueError):
        return 0.0, 0.0, 0.0
    for a in graph:
        if not a.get("TimeStart") or not a.get("TimeDone") or not a.get("Cmd"):
            continue  # not run: its result came from the build cache
        d = parse_time(a["TimeDone"]) - parse_time(a["TimeStart"])
        if a["Mode"] == "link":
            link += d
        elif a["Mode"] == "build" and a.get("Package", "").startswith("gonb_"):
            main += d
        elif a["Mode"] == "build":
            other += d
    return main, other, link


def cmd_phases(a):
    env = parse_env(a.env)
    work = tempfile.mkdtemp(prefix="cell-phases-")
    log_path = os.path.join(work, "gonb.log")
    graph = os.path.join(work, "actiongraph.json")
    print("bench/cell-phases: %d runs of each cell; %s" % (a.runs, machine()))
    print("GoNB: " + describe_kernel(a.kernel, env, a.arg + ["-v=2"]))
    log = open(log_path, "w")
    go = Kernel(a.kernel, NOTEBOOKS, env, a.arg + ["-v=2"], log=log)
    results = {}
    sizes = {}
    try:
        for c in go_setup():
            must(go, c, what="setup cell")
        flags = "%goflags -debug-actiongraph=" + graph + ((" " + a.goflags) if a.goflags else "")
        must(go, flags, what="%goflags cell")
        tmpdir = must(go, "!*pwd", what="pwd cell")[1]
        tmpdir = text_of(tmpdir).strip()
        binary = os.path.join(tmpdir, os.path.basename(tmpdir))
        # "unchanged": the same cell again, nothing to compile or link: GoNB's floor.
        cases = [("unchanged empty cell (GoNB's floor)", lambda n: "%%\n_ = 1", None),
                 ("print (links fmt)", GO_PRINT.format, printed),
                 ("chart (links plots)", GO_CHART.format, lambda n: has_svg),
                 ("print after a cell declared a func using plots", GO_PRINT.format, printed)]
        for ci, (name, cell, check) in enumerate(cases):
            if ci == 3:
                must(go, GO_DECLARE, what="declaration cell")
            rows = []
            for i in range(a.warmup + a.runs):
                n = 1000 * ci + i
                if os.path.exists(graph):
                    os.remove(graph)
                log.flush()
                pos = os.path.getsize(log_path)
                dt, _, wall = must(go, cell(n=n), check(n) if check else None, name)
                time.sleep(0.05)  # GoNB's last log lines
                log.flush()
                with open(log_path, errors="replace") as f:
                    f.seek(pos)
                    text = f.read()
                if i >= a.warmup:
                    rows.append(phase_times(text, wall, dt, graph))
            results[name] = rows
            sizes[name] = os.path.getsize(binary) if os.path.exists(binary) else 0
    finally:
        go.close()
        log.close()
    names = list(results)
    print("\nmilliseconds per phase, median [quartiles] of %d runs; each run's cell is new to GoNB" % a.runs)
    print("(the floor row repeats one unchanged cell: go build finds the program up to date)")
    w = 44
    print("%-*s" % (w, "phase") + "".join("%-24s" % short(n) for n in names))
    for p in PHASES:
        cols = []
        for n in names:
            xs = [r[p] for r in results[n]]
            lo, hi = quartiles(xs)
            cols.append("%-24s" % ("%5.0f [%4.0f–%4.0f]" % (1e3 * statistics.median(xs), 1e3 * lo, 1e3 * hi)))
        print("%-*s" % (w, p) + "".join(cols))
    print("%-*s" % (w, "binary size (MB)") + "".join("%-24s" % ("%5.1f" % (sizes[n] / 1e6)) for n in names))
    print("load at the end: %.2f" % os.getloadavg()[0])
    if a.keep_log:
        print("GoNB's log: " + log_path)
    else:
        shutil.rmtree(work, ignore_errors=True)


def short(name):
    return {"unchanged empty cell (GoNB's floor)": "floor (unchanged cell)",
            "print (links fmt)": "print (fmt only)",
            "chart (links plots)": "chart (plots)",
            "print after a cell declared a func using plots": "print, plots declared"}.get(name, name)


# --- first: a student's first impression --------------------------------------------------------

def first_cells(go, rows, key):
    setup = go_setup()
    rows.setdefault(key + ": kernel start", []).append(go.startup)
    rows.setdefault(key + ": link cell", []).append(must(go, setup[0], what="link cell")[0])
    rows.setdefault(key + ": import cell", []).append(must(go, setup[1], what="import cell")[0])
    rows.setdefault(key + ": first print cell", []).append(must(go, GO_PRINT.format(n=1), printed(1), "print cell")[0])
    rows.setdefault(key + ": first chart cell", []).append(must(go, GO_CHART.format(n=1), has_svg, "chart cell")[0])
    rows.setdefault(key + ": second chart cell", []).append(must(go, GO_CHART.format(n=2), has_svg, "chart cell")[0])


def aged_cache():
    """A new build cache warmed as install.sh warms it, whose entries were last used 6 days ago."""
    cache = tempfile.mkdtemp(prefix="cell-first-gocache-")
    subprocess.run(["go", "build", "./...", "github.com/janpfeifer/gonb/gonbui"], cwd=ROOT, check=True,
                   env=dict(os.environ, GOCACHE=cache))
    old = time.time() - 6 * 86400
    for d, _, files in os.walk(cache):
        for f in files:
            os.utime(os.path.join(d, f), (old, old))
    with open(os.path.join(cache, "trim.txt"), "w") as f:
        f.write("%d" % (time.time() - 2 * 86400))  # Go trims at most once a day
    return cache


def cmd_first(a):
    env = parse_env(a.env)
    print("bench/cell-first: %d fresh kernels per case; %s" % (a.runs, machine()))
    print("GoNB: " + describe_kernel(a.kernel, env, a.arg))
    rows = {}
    for i in range(a.runs):
        go = Kernel(a.kernel, NOTEBOOKS, env, a.arg)
        try:
            first_cells(go, rows, "warm build cache")
        finally:
            go.close()
    for i in range(a.runs):
        # The build cache as install.sh leaves it (step 6), then untouched for 6 days:
        # the first go command trims what was not used for 5 days, then builds.
        cache = aged_cache()
        try:
            go = Kernel(a.kernel, NOTEBOOKS, dict(env, GOCACHE=cache), a.arg)
            try:
                first_cells(go, rows, "cache 6 days old")
            finally:
                go.close()
        finally:
            shutil.rmtree(cache, ignore_errors=True)
    lesson, failed = [], []
    for i in range(a.runs):
        cache = tempfile.mkdtemp(prefix="cell-first-gocache-")
        e = dict(env, GOCACHE=cache)
        try:
            go = Kernel(a.kernel, NOTEBOOKS, e, a.arg)
            try:
                first_cells(go, rows, "empty build cache")
            finally:
                go.close()
            shutil.rmtree(cache)
            os.mkdir(cache)
            # The first lesson, cell by cell, on an empty build cache.
            go = Kernel(a.kernel, NOTEBOOKS, e, a.arg)
            try:
                times = [go.startup]
                for c in lesson_cells(a.lesson):
                    dt, status, outs, _ = go.run(c)
                    times.append(dt)
                    if status != "ok":
                        failed.append("%s: %s" % (c.splitlines()[0] if c else "", text_of(outs)[:200]))
                lesson.append(times)
            finally:
                go.close()
        finally:
            shutil.rmtree(cache, ignore_errors=True)
    print("\nseconds, median (min–max) of %d" % a.runs)
    for k, xs in rows.items():
        print("  %-40s %6.2f (%.2f–%.2f)" % (k, statistics.median(xs), min(xs), max(xs)))
    totals = [sum(t) for t in lesson]
    print("\n%s on an empty build cache, cell by cell (kernel start, then each code cell): total %s"
          % (a.lesson, fmt_stats(totals)))
    med = [statistics.median(col) for col in zip(*lesson)]
    print("  per cell (median): " + " ".join("%.1f" % t for t in med))
    for f in failed:
        print("  a cell failed: " + f)
    print("load at the end: %.2f" % os.getloadavg()[0])


# --- lessons: the headless course ----------------------------------------------------------------

def errors_in(path):
    """The number of code cells of an executed notebook that show an error."""
    with open(path) as f:
        nb = json.load(f)
    return sum(1 for c in nb["cells"] if c["cell_type"] == "code" and any(
        o.get("output_type") == "error" or (o.get("output_type") == "stream" and o.get("name") == "stderr")
        for o in c.get("outputs", [])))


def cmd_lessons(a):
    configs = [("as registered", {})]
    if a.env:
        configs.append(("with " + " ".join(a.env), parse_env(a.env)))
    base = KernelManager(kernel_name=a.kernel).kernel_spec
    work = tempfile.mkdtemp(prefix="cell-lessons-")
    for ci, (label, env) in enumerate(configs):
        d = os.path.join(work, "kernels", "bench%d" % ci)
        os.makedirs(d)
        spec = {"argv": base.argv + a.arg, "display_name": "bench " + label, "language": base.language,
                "interrupt_mode": base.interrupt_mode, "env": dict(base.env or {}, **env)}
        with open(os.path.join(d, "kernel.json"), "w") as f:
            json.dump(spec, f)
    jenv = dict(os.environ, JUPYTER_PATH=work + os.pathsep + os.environ.get("JUPYTER_PATH", ""))
    lessons = sorted(glob.glob(os.path.join(NOTEBOOKS, "[0-9][0-9]-*.ipynb")))
    if a.only:
        lessons = [l for l in lessons if any(o in os.path.basename(l) for o in a.only)]
    print("bench/cell-lessons: %d lessons x %d configurations, %s" % (len(lessons), len(configs), machine()))
    for label, _ in configs:
        print("  config: " + label)
    totals = [0.0] * len(configs)
    out = os.path.join(work, "out")
    for l in lessons:
        row = []
        for ci in range(len(configs)):
            t0 = time.perf_counter()
            r = subprocess.run(["jupyter", "nbconvert", "--to", "notebook", "--execute", "--allow-errors",
                                "--ExecutePreprocessor.kernel_name=bench%d" % ci,
                                "--ExecutePreprocessor.timeout=900", "--output-dir", out, l],
                               env=jenv, capture_output=True, text=True)
            dt = time.perf_counter() - t0
            if r.returncode != 0:
                sys.exit("cellbench: nbconvert failed on %s:\n%s" % (l, r.stderr[-2000:]))
            row.append((dt, errors_in(os.path.join(out, os.path.basename(l)))))
            totals[ci] += dt
        print("  %-32s " % os.path.basename(l) + "   ".join("%6.1f s (%d cells with errors)" % t for t in row))
    print("  %-32s " % "total" + "   ".join("%6.1f s%20s" % (t, "") for t in totals))
    shutil.rmtree(work, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    progs = {"cells": ("bench/cells", 15, cmd_cells, "GoNB against IPython+matplotlib: print and chart cells, warm"),
             "phases": ("bench/cell-phases", 7, cmd_phases, "where a warm GoNB cell's time goes, phase by phase"),
             "first": ("bench/cell-first", 2, cmd_first, "a fresh kernel's first cells (build cache warm, 6 days old, empty); the first lesson, cache empty"),
             "lessons": ("bench/cell-lessons", 1, cmd_lessons, "each English lesson through nbconvert, as registered and as changed")}
    for name, (prog, runs, fn, what) in progs.items():
        p = sub.add_parser(name, prog=prog, description=what)
        p.set_defaults(fn=fn)
        if name != "lessons":
            p.add_argument("-n", "--runs", type=int, default=runs, help="timed runs (default %d)" % runs)
        if name in ("cells", "phases"):
            p.add_argument("--warmup", type=int, default=2, help="untimed runs first (default 2)")
        p.add_argument("--kernel", default="gonb", help="the GoNB kernelspec (default gonb)")
        p.add_argument("--env", action="append", metavar="KEY=VALUE", help="change the GoNB kernel's environment")
        p.add_argument("--arg", action="append", default=[], metavar="FLAG", help="add a flag to GoNB's argv")
        if name == "cells":
            p.add_argument("--python-kernel", default="python3", help="the IPython kernelspec (default python3)")
        if name == "phases":
            p.add_argument("--goflags", default="", help="more go build flags, through GoNB's %%goflags")
            p.add_argument("--keep-log", action="store_true", help="keep GoNB's log and print where it is")
        if name == "first":
            p.add_argument("--lesson", default="01-deep-learning.ipynb", help="the first lesson")
        if name == "lessons":
            p.add_argument("--only", action="append", help="only lessons whose file name contains this")
    a = ap.parse_args()
    a.fn(a)


if __name__ == "__main__":
    main()
