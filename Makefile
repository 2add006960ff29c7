# avtale — `make build` sets up and builds every agreement; `make test` sets up and runs the tests.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup system build test test-fast bench schema clean extract-score messages

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -c constraints.txt -e '.[test]'
	touch $(STAMP)

# Byte-compile the sources: where PYTHONDONTWRITEBYTECODE is set, Python would
# otherwise compile every module of avtale afresh on every run.
setup: $(STAMP)
	@$(BIN)/python -m compileall -q src >/dev/null

system:
	./scripts/system-deps

build: setup
	$(BIN)/avtale validate agreements/
	$(BIN)/avtale build agreements/ --out build/

test: setup system
	$(BIN)/ruff check --select F,E9 src tests bench
	$(BIN)/python -m pytest -q

# The fast part alone: leaves out the suites marked slow (packaging, pre-commit, whole workflows).
test-fast: setup system
	$(BIN)/ruff check --select F,E9 src tests bench
	$(BIN)/python -m pytest -q -m "not slow"

bench: setup system
	$(BIN)/python bench/run.py

schema: setup
	$(BIN)/python scripts/compile-model
	$(BIN)/avtale schema

clean:
	rm -rf build/ .pytest_cache

# Extraction measured on the corpus of agreements written by other hands (tests/data/extract-corpus; CORPUS=dir for another).
# Then FOREIGN (default 200) agreements in random manners by tests/extract/foreign, through every exporter (~8 min).
FOREIGN ?= 200
extract-score: setup system
	$(BIN)/python bench/extract_score.py $(CORPUS)
	$(BIN)/python -m tests.extract.foreign.run --n $(FOREIGN) --seed 1 --jobs 2 --quiet

# The message catalogue: every `_()` and `N_()` string of the code into locale/avtale.pot (xgettext),
# merged into each language's .po for a translator, and compiled to the .mo files the package ships.
LOCALE := src/avtale/locale
messages:
	xgettext --language=Python --from-code=UTF-8 --keyword=_ --keyword=N_ --keyword=ngettext:1,2 \
	  --add-comments=i18n: --add-location=file --sort-by-file --no-wrap --package-name=avtale -o $(LOCALE)/avtale.pot \
	  $$(find src/avtale -name '*.py' | LC_ALL=C sort)
	sed -i '/^"POT-Creation-Date:/d' $(LOCALE)/avtale.pot
	for po in $(LOCALE)/*/LC_MESSAGES/avtale.po; do \
	  msgmerge -q --no-wrap --add-location=file --no-fuzzy-matching --update --backup=none $$po $(LOCALE)/avtale.pot && \
	  msgattrib --no-obsolete --no-wrap -o $$po $$po && \
	  msgfmt --check -o $${po%.po}.mo $$po || exit 1; \
	done
