# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUN_STAMP := $(VENV)/.installed-run
DEV_STAMP := $(VENV)/.installed-dev
TOOLS := $(VENV)-tools
# Locks name PyPI only: this machine's pip settings (extra indexes, find-links) stay out of them.
PYPI_ONLY := env -u PIP_FIND_LINKS -u PIP_EXTRA_INDEX_URL -u PIP_INDEX_URL PIP_CONFIG_FILE=/dev/null
COMPILE := $(TOOLS)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	--no-emit-index-url --no-emit-find-links

.PHONY: run test install requirements bench clean

run: $(RUN_STAMP)
	$(BIN)/python -m archive serve

test: $(DEV_STAMP)
	$(BIN)/python -m pytest

install: $(RUN_STAMP)

$(RUN_STAMP): requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.txt
	touch $@

$(DEV_STAMP): $(RUN_STAMP) requirements-dev.txt
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.txt -r requirements-dev.txt
	touch $@

# Regenerate both hashed locks from requirements.in and requirements-dev.in. pip-tools lives in
# its own venv so that it never changes what the locks put in .venv. Existing pins are kept
# unless an .in file asks otherwise (`$(COMPILE) --upgrade-package NAME` to move one).
requirements:
	test -x $(TOOLS)/bin/pip-compile || ($(PYTHON) -m venv $(TOOLS) && $(PYPI_ONLY) $(TOOLS)/bin/pip install --quiet pip-tools)
	$(PYPI_ONLY) $(COMPILE) -o requirements.txt requirements.in
	$(PYPI_ONLY) $(COMPILE) -o requirements-dev.txt requirements-dev.in

clean:
	rm -rf $(VENV) $(TOOLS) .pytest_cache
