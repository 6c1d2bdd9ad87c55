# protocolgen — the two Quick start commands are `make build` and `make test`.
PY := .venv/bin/python
VENV_STAMP := .venv/.installed

.PHONY: build test validate bench fuzz lint clean voorbeeldplaatjes

build: $(VENV_STAMP)
	.venv/bin/protocolgen build protocols/*.yaml -o output

# Page images of a role card, the process overview and the DPIA heat map, for reviewers.
voorbeeldplaatjes: build
	$(PY) scripts/voorbeeldplaatjes.py output output/voorbeeldplaatjes

validate: $(VENV_STAMP)
	.venv/bin/protocolgen validate protocols/*.yaml

test: $(VENV_STAMP) node_modules/.installed
	$(PY) -m pytest -n 2 --durations=25

bench: $(VENV_STAMP)
	$(PY) benchmarks/run.py

fuzz: $(VENV_STAMP)
	$(PY) benchmarks/fuzz.py --cases 100000

lint: $(VENV_STAMP)
	.venv/bin/ruff check src tests benchmarks
	.venv/bin/mypy

# Every package comes from the wheelhouse .wheels, filled once from the registry with the
# pinned versions; the tests that install protocolgen elsewhere use it too, without network.
$(VENV_STAMP): pyproject.toml constraints.txt
	bash scripts/install-system.sh runtime
	python3 -m venv .venv
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip wheel -q -c constraints.txt -w .wheels '.[test]' hatchling editables
	rm -f .wheels/protocolgen-*
	$(PY) -m pip install -q --no-index --find-links .wheels -c constraints.txt -e '.[test]'
	touch $@

node_modules/.installed: package.json package-lock.json
	bash scripts/install-system.sh test
	npm ci --no-audit --no-fund --ignore-scripts
	touch $@

clean:
	rm -rf output .venv .wheels node_modules
