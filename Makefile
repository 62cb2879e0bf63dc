bench:
	.venv/bin/python bench/run.py

bench-quick:
	.venv/bin/python bench/run.py --quick

test:
	.venv/bin/pytest -q

.PHONY: bench bench-quick test
