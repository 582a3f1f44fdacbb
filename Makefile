# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test install requirements bench clean

run: $(STAMP)
	$(BIN)/python -m archive serve

test: $(STAMP)
	$(BIN)/python -m pytest

install: $(STAMP)

$(STAMP): requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.txt
	touch $(STAMP)

# Regenerate the pinned, hashed requirements.txt from requirements.in (needs pip-tools).
requirements:
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile --generate-hashes --allow-unsafe --strip-extras -o requirements.txt requirements.in

clean:
	rm -rf $(VENV) .pytest_cache
