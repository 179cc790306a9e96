# Have Your Say — every target does its own set-up, so each works on a fresh clone.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
export DJANGO_SETTINGS_MODULE ?= config.settings.dev

.DEFAULT_GOAL := help
.PHONY: help install run test test-fast browser-deps clamav-deps pdf-fonts lint format bench messages clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(VENV)/.installed: pyproject.toml constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade "pip>=24" "setuptools>=69"
	$(PY) -m pip install --quiet -c constraints.txt -e ".[dev]"
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

static/dist/.built: node_modules/.installed $(wildcard static/scss/*.scss) static/scripts/copy-assets.mjs
	npm run --silent build
	touch $@

install: $(VENV)/.installed static/dist/.built ## Install Python and npm packages, build CSS, compile translations
	$(PY) -m home.compile_messages

# Links in emails, embed codes and feeds point where `make run` serves (home.public_urls).
run: export PUBLIC_BASE_URL ?= http://127.0.0.1:$(PORT)
# Uploaded answers are scanned by a clamd of our own (.ci/clamd.sh, EICAR test signatures only);
# without it they are held for review (docs/deploy.md).
run: export CLAMD_SOCKET ?= $(CURDIR)/var/clamd/clamd.sock
run: install clamav-deps pdf-fonts ## Migrate, load the demo content and serve on http://127.0.0.1:$(PORT)
	mkdir -p var
	bash .ci/clamd.sh start >/dev/null || echo "  clamd did not start: uploaded files will be held for review"
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	@echo ""
	@echo "  Demo admin:  http://127.0.0.1:$(PORT)/admin/   user: demo-admin   password: have-your-say-demo"
	@echo "  Demo partner page (embed): http://127.0.0.1:$(PORT)/partners/demo/"
	@echo "  Demo intake API key: hys_demo-intake-key-healthwatch (docs/api.md)"
	@echo ""
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

browser-deps: ## Install Debian's Chromium for the browser suite when it is missing
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing chromium from Debian's packages"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null; }

clamav-deps: ## Install Debian's clamav-daemon (virus scanning of uploads) when it is missing
	@test -x /usr/sbin/clamd || { \
	  echo "Installing clamav-daemon from Debian's packages"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends clamav-daemon) >/dev/null; }

pdf-fonts: ## Install a font with every Urdu letter for the paper questionnaire (Debian's fonts-sil-scheherazade) when missing
	@fc-list :lang=ur family 2>/dev/null | grep -q . || { \
	  echo "Installing fonts-sil-scheherazade from Debian's packages"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends fonts-sil-scheherazade) >/dev/null; }

test: install browser-deps clamav-deps pdf-fonts ## Run the whole suite (unit, integration, browser; starts clamd)
	DJANGO_SETTINGS_MODULE=config.settings.test DJANGO_ALLOW_ASYNC_UNSAFE=true $(PY) -m pytest $(PYTEST_ARGS)

lint: install ## ruff (Python), djlint (templates), lint-imports (the layers contract in pyproject.toml)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/djlint --lint templates */templates
	$(VENV)/bin/lint-imports

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

messages: install ## Extract the interface strings into locale/*/LC_MESSAGES/django.po
	$(PY) manage.py makemessages --all --no-obsolete --ignore=.venv --ignore=node_modules --ignore=var

bench: install ## Benchmarks and load tests, figures beside goals (BENCH=pages: page speed only)
	$(if $(BENCH),BENCH_ONLY=$(BENCH)) $(PY) -m bench

clean:
	rm -rf $(VENV) node_modules static/dist var
