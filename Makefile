# Common tasks. The virtualenv lives in .venv (as in the README).
PY ?= .venv/bin/python

.PHONY: help install test lint typecheck bench golden report polnear realworld fuzz corpus

help:  ## list the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-10s %s\n", $$1, $$2}'

install:  ## create .venv and install quotediff with test and dev tools
	python3 -m venv .venv && .venv/bin/pip install -q -e '.[dev]'

test:  ## run the test suite
	$(PY) -m pytest

lint:  ## ruff
	$(PY) -m ruff check quotediff tests benchmarks

typecheck:  ## mypy
	$(PY) -m mypy quotediff

bench:  ## the speed and memory benchmarks
	$(PY) benchmarks/bench_diff.py
	$(PY) benchmarks/polnear.py --split dev
	$(PY) benchmarks/bench_memory.py

polnear:  ## extraction accuracy on PolNeAR dev
	$(PY) benchmarks/polnear.py --split dev

realworld:  ## real outlets' pages, tuned stories (needs the page cache, see benchmarks/realworld_fetch.md)
	$(PY) benchmarks/realworld.py --split tuned

golden:  ## regenerate the gold report files (check the diff by hand before committing)
	QUOTEDIFF_UPDATE_GOLDEN=1 $(PY) -m pytest tests/report/test_report_html.py tests/test_cli.py

report:  ## the HTML report of the bundled fixtures
	$(PY) -m quotediff compare fixtures/forgiven/ --html report.html

fuzz:  ## ten minutes of fuzzing the loader and extractor
	$(PY) fuzz/fuzz_load_extract.py -max_total_time=600

corpus:  ## the corpus benchmark: index, track, compare at 1k/10k/100k articles (SIZES=1000,10000 for a quick run)
	$(PY) benchmarks/bench_corpus.py --sizes $(or $(SIZES),1000,10000,100000)
