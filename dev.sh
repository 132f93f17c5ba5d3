#!/usr/bin/env bash
# Set up Briefing Editor on a Debian machine and run it or its tests.
#
#   ./dev.sh run [FILE]     install what is missing, then open the editor (the bundled sample without FILE)
#   ./dev.sh test [ARGS]    install what is missing (LibreOffice and Xvfb too), then run every test
#
# Debian packages are installed only when missing (apt needs root, or sudo). The Python side lives in
# .venv beside this script, with every package pinned (pyproject.toml and requirements.lock).
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")"

# Qt's offscreen platform on a bare Debian 12 needs exactly these.
QT_PACKAGES="libgl1 libegl1 libfontconfig1 libxkbcommon0 libglib2.0-0 libdbus-1-3"
# A real X window (the editor itself, xvfb-run and screenshots).
X_PACKAGES="xvfb xauth libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 \
libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0 fonts-dejavu-core"
# Word → PDF rendering in tests, fonts metric-compatible with Calibri and Cambria, pandoc for benchmarks.
RENDER_PACKAGES="libreoffice-writer-nogui poppler-utils fonts-crosextra-carlito fonts-crosextra-caladea pandoc"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

install_debian() {
    local missing=()
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null || { echo "dev.sh: need root (or sudo) to install: ${missing[*]}" >&2; exit 1; }
        sudo="sudo"
    fi
    say "Installing Debian packages: ${missing[*]}"
    $sudo apt-get update -q
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
}

setup_python() {
    if ! command -v python3 >/dev/null || ! python3 -c 'import sys; assert sys.version_info >= (3, 11)' 2>/dev/null; then
        install_debian python3
    fi
    if ! python3 -c 'import ensurepip, venv' 2>/dev/null; then
        install_debian python3-venv
    fi
    local stamp=.venv/.installed
    if [ ! -x .venv/bin/python ]; then
        say "Creating .venv"
        python3 -m venv .venv
    fi
    # Reinstall only when the pins changed since the last install.
    local want
    want=$(cat pyproject.toml requirements.lock | sha256sum | cut -d' ' -f1)
    if [ ! -f $stamp ] || [ "$(cat $stamp)" != "$want" ]; then
        say "Installing Briefing Editor and its pinned dependencies into .venv"
        .venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip
        .venv/bin/python -m pip install -q --disable-pip-version-check -c requirements.lock -e '.[test]'
        echo "$want" > $stamp
    fi
}

command=${1:-}
[ $# -gt 0 ] && shift
case "$command" in
    run)
        install_debian $QT_PACKAGES $X_PACKAGES
        setup_python
        if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
            say "No display found: running the editor on a virtual screen (xvfb-run); nothing will be visible"
            exec xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/briefing-editor "$@"
        fi
        exec .venv/bin/briefing-editor "$@"
        ;;
    test)
        install_debian $QT_PACKAGES $X_PACKAGES $RENDER_PACKAGES
        setup_python
        say "Running the tests"
        exec .venv/bin/python -m pytest "$@"
        ;;
    *)
        echo "usage: ./dev.sh run [FILE] | ./dev.sh test [PYTEST-ARGS]" >&2
        exit 2
        ;;
esac
