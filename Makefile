# Shortcuts for machines that have make; tasks.py does the work.
PYTHON ?= python3

.PHONY: reports test env
reports:
	$(PYTHON) tasks.py reports
test:
	$(PYTHON) tasks.py test
env:
	$(PYTHON) tasks.py env
