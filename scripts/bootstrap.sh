#!/usr/bin/env bash
# Set up everything the project needs, installing only what is missing:
#   1. the Debian packages Manim, LaTeX, ffmpeg and the browser tests need;
#   2. a virtual environment in .venv with the project in editable mode, with its video and dev extras;
#   3. the MNIST data set in its cache (python -m nnmath fetch).
# A second run finds everything in place and finishes in about a second.
set -euo pipefail
cd "$(dirname "$0")/.."

DEBIAN_PACKAGES=(
  pkg-config libcairo2-dev libpango1.0-dev      # ManimPango and pycairo build against these
  ffmpeg                                         # ffprobe, encoding
  texlive-latex-base texlive-latex-extra texlive-fonts-recommended dvisvgm  # MathTex
  chromium chromium-driver                       # the end-to-end browser test
  ruby-kramdown ruby-kramdown-parser-gfm         # Jekyll's Markdown converter: tests render the published post with it
  jekyll                                         # make video publishes into a Jekyll site; the browser test builds one
  fonts-dejavu-core
)

missing=()
for pkg in "${DEBIAN_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ! python3 -c "import ensurepip, venv" >/dev/null 2>&1; then
  missing+=("python3-venv")
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "bootstrap: installing Debian packages: ${missing[*]}"
  if [ "$(id -u)" -eq 0 ]; then SUDO=(); elif command -v sudo >/dev/null; then SUDO=(sudo); else
    echo "bootstrap: these Debian packages are missing and I am not root and have no sudo:" >&2
    echo "  apt-get install --no-install-recommends ${missing[*]}" >&2
    exit 1
  fi
  if ! { "${SUDO[@]}" apt-get update -qq && \
         DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"; }; then
    echo "bootstrap: could not install the Debian packages; install them by hand:" >&2
    echo "  apt-get install --no-install-recommends ${missing[*]}" >&2
    exit 1
  fi
fi

if [ ! -x .venv/bin/python ]; then
  echo "bootstrap: creating .venv"
  python3 -m venv .venv
fi

stamp=".venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  echo "bootstrap: installing the project and its dependencies into .venv"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e '.[video,dev]'   # plain `pip install .` would bring nnmath + numpy only
  rm -f .venv/.installed-*
  touch "$stamp"
fi

.venv/bin/python -m nnmath fetch --quiet
