# Two commands do everything on a fresh Debian machine (root or sudo):
#   make test    install what is missing, then run the test suite
#   make video   install what is missing, render the chapters, publish the post with them
PY := .venv/bin/python
QUALITY ?= medium
JOBS ?= 2
POST ?= post/neural-networks-post.md
OUT ?= media/site

.PHONY: setup test test-fast video bench clean

setup:
	@scripts/bootstrap.sh

test: setup
	@$(PY) -m pytest -q -p no:cacheprovider; rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "make test: pytest collected no tests; that is a failure"; exit 1; fi; \
	exit $$rc

test-fast: setup
	$(PY) -m pytest -q -m "not slow"

video: setup
	.venv/bin/nnvideo render --quality $(QUALITY) --jobs $(JOBS)
	.venv/bin/nnvideo post $(POST) --out $(OUT) --media media/$(QUALITY)

bench: setup
	$(PY) benchmarks/sgd_epoch.py

clean:
	rm -rf media
