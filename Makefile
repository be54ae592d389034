# Two commands on a fresh machine:
#   make run   install, set up the embedded SQLite site with demo data, serve the desk
#   make test  install and run the whole test suite on MariaDB and Redis
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1:8000
# Tests run on MariaDB over a real connection; pytest-django creates test_<name>.
TEST_DATABASE_URL ?= mysql://root@127.0.0.1:3306/tcd
TEST_REDIS_URL ?= redis://127.0.0.1:6379/15

.PHONY: run setup install serve test lint benchmark clean-site messages worker lock check-deps

# Installs exactly the locked versions (requirements/*.txt, with their hashes), then the
# project itself without resolving anything again. `make lock` re-pins after a change
# to pyproject.toml; `make check-deps` reports outdated and vulnerable pins.
$(VENV)/.installed: pyproject.toml setup.py requirements/run.txt
	python3 -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q --require-hashes -r requirements/run.txt
	$(PIP) install -q --no-deps -e .
	touch $@

install: $(VENV)/.installed

# migrate, load_master_data, create_demo_users and load_demo_data in one process.
setup: install
	$(PY) manage.py setup_demo

# The desk, and beside it the job queue's worker with its scheduler (beat) and, unless
# TCD_PEXIP_URL names a real node, the fake Pexip management API; all stopped with the
# desk. On the embedded default the queue is a folder in the site data.
PEXIP_PORT ?= 8091
run: setup
	@echo "Desk: http://$(HOST)/desk/  Public site: http://$(HOST)/  (jobs: worker and scheduler run alongside)"
	@# Links in e-mails name the address served here unless TCD_SITE_URL says otherwise.
	@export TCD_SITE_URL=$${TCD_SITE_URL:-http://$(HOST)}; \
	if [ -z "$$TCD_PEXIP_URL" ]; then \
	  $(PY) -m tiep_cong_dan.conference.pexip.fake --port $(PEXIP_PORT) --user tcd --password demo & \
	  fake=$$!; export TCD_PEXIP_URL=http://127.0.0.1:$(PEXIP_PORT) TCD_PEXIP_USER=tcd \
	    TCD_PEXIP_PASSWORD=demo; sleep 1; \
	fi; \
	$(VENV)/bin/celery -A sites worker -B --pool=solo -l warning & worker=$$!; \
	trap 'kill $$worker $$fake 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py prepare_rooms; \
	$(PY) manage.py runserver $(HOST)

# The production server (gunicorn) with the production settings: set SECRET_KEY,
# DATABASE_URL, REDIS_URL and ALLOWED_HOSTS first (docs/operations.md).
WORKERS ?= $(shell echo $$((2 * $$(nproc) + 1)))
serve: install
	DJANGO_SETTINGS_MODULE=sites.settings.production $(VENV)/bin/gunicorn \
		sites.wsgi:application --config gunicorn.conf.py --workers $(WORKERS) --bind $(HOST)

# The job queue alone (production runs it as its own service, beat separately).
worker: install
	$(VENV)/bin/celery -A sites worker -B -l info

$(VENV)/.installed-test: $(VENV)/.installed requirements/test.txt
	bash scripts/ensure-test-system.sh
	$(PIP) install -q --require-hashes -r requirements/test.txt
	$(PIP) install -q --no-deps -e .
	touch $@

# Re-pin every dependency (with hashes) from pyproject.toml: after adding one, or to
# take the newest releases (UPGRADE=1). Review the diff of requirements/ and commit it.
lock: install
	$(PIP) install -q pip-tools
	$(VENV)/bin/pip-compile -q --generate-hashes --strip-extras --allow-unsafe \
		--no-emit-index-url --no-emit-find-links $(if $(UPGRADE),--upgrade) \
		-o requirements/run.txt pyproject.toml
	$(VENV)/bin/pip-compile -q --generate-hashes --strip-extras --allow-unsafe \
		--no-emit-index-url --no-emit-find-links $(if $(UPGRADE),--upgrade) \
		--extra test --extra mysql -o requirements/test.txt pyproject.toml

# Outdated and vulnerable pins (a weekly job in CI, or by hand before an upgrade).
check-deps: install
	bash scripts/check-dependencies.sh

test: $(VENV)/.installed-test
	DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(TEST_REDIS_URL) $(VENV)/bin/ruff check apps sites tests scripts benchmarks
	$(VENV)/bin/lint-imports --no-cache
	DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(TEST_REDIS_URL) $(VENV)/bin/pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed-test
	$(VENV)/bin/ruff check apps sites tests scripts benchmarks
	$(VENV)/bin/lint-imports --no-cache

benchmark: $(VENV)/.installed-test
	DATABASE_URL=mysql://root@127.0.0.1:3306/tcd_bench_report REDIS_URL=$(TEST_REDIS_URL) $(PY) benchmarks/desk_lists.py
	DATABASE_URL=mysql://root@127.0.0.1:3306/tcd_bench_report REDIS_URL=$(TEST_REDIS_URL) $(PY) benchmarks/api_server.py
	DATABASE_URL=mysql://root@127.0.0.1:3306/tcd_bench_wf REDIS_URL=$(TEST_REDIS_URL) $(PY) benchmarks/workflow_steps.py
	DATABASE_URL=mysql://root@127.0.0.1:3306/tcd_bench_plan REDIS_URL=$(TEST_REDIS_URL) $(PY) benchmarks/plan_session.py
	$(PY) benchmarks/render_documents.py
	DATABASE_URL=mysql://root@127.0.0.1:3306/tcd_bench_api REDIS_URL=$(TEST_REDIS_URL) $(PY) benchmarks/api_exports.py
	DATABASE_URL=mysql://root@127.0.0.1:3306/tcd_bench_report REDIS_URL=$(TEST_REDIS_URL) $(PY) benchmarks/reports.py
	DATABASE_URL=mysql://root@127.0.0.1:3306/tcd_bench_report REDIS_URL=$(TEST_REDIS_URL) $(PY) benchmarks/related_cases.py
	$(PY) benchmarks/import_history.py

clean-site:
	rm -rf sites/$${TCD_SITE:-langson}/data

# Refresh the Vietnamese catalogue: extract, merge the theme's strings back in,
# compile (needs GNU gettext). Translate new entries in django.po, then run it again.
LOCALE_VI := apps/tiep_cong_dan/locale/vi
messages: install
	$(PY) manage.py makemessages -l vi --no-obsolete --ignore=.venv --ignore=staticfiles \
		--ignore=tests --ignore=benchmarks --ignore=test-artifacts
	msgcat --use-first -o $(LOCALE_VI)/LC_MESSAGES/django.po \
		$(LOCALE_VI)/LC_MESSAGES/django.po $(LOCALE_VI)/third_party_unfold_simple_history.po \
		$(LOCALE_VI)/third_party_celery.po $(LOCALE_VI)/third_party_axes.po \
		$(LOCALE_VI)/third_party_django_admin.po
	msgfmt --check --statistics -o $(LOCALE_VI)/LC_MESSAGES/django.mo \
		$(LOCALE_VI)/LC_MESSAGES/django.po
