# Two commands on a fresh machine:  `make demo` (the main job on the bundled samples)  and  `make test`.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
OUT     ?= out
APT_PKGS := libreoffice-writer-nogui libreoffice-calc-nogui tesseract-ocr tesseract-ocr-kaz tesseract-ocr-rus dovecot-imapd \
            chromium poppler-utils qpdf fonts-dejavu-core libtesseract-dev libleptonica-dev pkg-config g++

.PHONY: demo test venv system clean

# tesserocr: Tesseract in the process (extractors/tesseract_api.py), built against Debian's libtesseract
# (PyPI's wheel bundles another Tesseract, which jospar refuses); without the module OCR runs the command
$(BIN)/jospar: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e ".[test]"
	$(BIN)/pip install -q --no-binary tesserocr "tesserocr>=2.6" || echo "tesserocr not built: OCR runs the tesseract command"
	touch $@

venv: $(BIN)/jospar

# Debian packages the tests drive for real (IMAP server, LibreOffice, Chromium, qpdf); root on CI
system:
	@missing=""; for p in $(APT_PKGS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $$missing; \
	fi

demo: venv
	$(BIN)/jospar extract data/samples --out $(OUT)
	$(BIN)/jospar diff data/samples/000_8c8bd9275c0215dc.txt --json --html $(OUT)/diff_000.html > $(OUT)/diff_000.json
	@echo "tables, jospar.duckdb and diff report in $(OUT)/"

test: system venv
	PREFECT_SERVER_ANALYTICS_ENABLED=false $(BIN)/pytest -q

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache
