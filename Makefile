# Two commands do everything on a fresh Debian machine (root or sudo):
#   make test    install what is missing, then run the test suite
#   make video   install what is missing, render the chapters and the example own-digit clip,
#                publish the post with the chapters into a Jekyll site
#   make preview serve that site on 127.0.0.1 (jekyll serve: byte ranges, so the timeline links seek)
PY := .venv/bin/python
QUALITY ?= medium
JOBS ?= 2
POST ?= post/neural-networks-post.md
SITE ?= media/blog
DIGIT ?= docs/your-digit-example.jpg
DIGIT_LABEL ?= 3

.PHONY: setup test test-fast video preview bench clean

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
	.venv/bin/nnvideo post $(POST) --site $(SITE) --init-site --replace --media media/$(QUALITY)
	cd $(SITE) && jekyll build --quiet
	.venv/bin/nnvideo digit $(DIGIT) --label $(DIGIT_LABEL) --quality $(QUALITY) --out media/$(QUALITY)/your-digit.mp4
	@echo "make video: published into the Jekyll site $(SITE) (built in $(SITE)/_site); see it: make preview"
	@echo "make video: the own-digit clip of $(DIGIT) is media/$(QUALITY)/your-digit.mp4"

preview: setup
	.venv/bin/nnvideo preview $(SITE)

bench: setup
	$(PY) benchmarks/sgd_epoch.py

clean:
	rm -rf media
