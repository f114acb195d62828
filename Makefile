# Two commands for a fresh machine:  `make demo`  and  `make test`.
# Both install what they need (Debian packages, a virtualenv, the package itself) first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# postgresql: the point tests start a throwaway cluster from its binaries (/usr/lib/postgresql/*/bin)
SYSTEM_PACKAGES := libzbar0 libpulse0 libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 \
	libxkbcommon-x11-0 libxkbcommon0 libegl1 libgl1 libfontconfig1 libdbus-1-3 libxcb-xinerama0 \
	libxcb-randr0 libxcb-render-util0 libxcb-image0 libxcb-shape0 xvfb xauth \
	fonts-dejavu-core postgresql

.PHONY: demo test check system venv translations bench clean

demo: venv
	$(BIN)/pvzdesk demo

test: venv
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -n 2 -q
	$(BIN)/ruff check pvzdesk tests bench
	$(BIN)/ruff format --check pvzdesk tests bench
	$(BIN)/mypy

check: venv
	$(BIN)/ruff check pvzdesk tests bench
	$(BIN)/mypy

system:
	@missing=""; for p in $(SYSTEM_PACKAGES); do \
		dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing system packages:$$missing"; \
		SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
		$$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q $$missing; \
	fi

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

venv: system $(VENV)/.installed translations

translations: $(VENV)/.installed
	$(BIN)/python -m pvzdesk.i18n_build

bench: venv
	for script in bench/*.py; do xvfb-run -a $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache

# --- installers (issue 13): not part of `make test`; `make installer` takes ~10-15 min ------------
# nsis: makensis for pynsist; osslsigncode: the embeddable Python's signature; p7zip-full: listing
# the .exe; dpkg-dev: dpkg-deb; wine: a silent install check of the .exe (installer-check).
INSTALLER_PACKAGES := nsis osslsigncode p7zip-full dpkg-dev wine wine64

.PHONY: installer installer-check installer-tools installer-lock

installer-tools: venv
	@missing=""; for p in $(INSTALLER_PACKAGES); do \
		dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing installer packages:$$missing"; \
		SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
		$$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q \
			--no-install-recommends $$missing; \
	fi
	$(BIN)/pip install -q -e '.[installer]'

installer: installer-tools
	$(BIN)/python installer/build.py all

installer-check: installer-tools
	$(BIN)/python installer/check.py all

# Re-resolve the Windows lock after a dependency change (markers evaluated for Windows, not here).
installer-lock: installer-tools
	$(BIN)/uv pip compile pyproject.toml --python-platform x86_64-pc-windows-msvc \
		--python-version 3.13 --generate-hashes --no-header -o installer/windows/requirements-win.txt

