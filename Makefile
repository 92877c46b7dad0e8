# SPDX-License-Identifier: GPL-2.0-only
#
# nat64: the top-level Makefile. `make help` lists the targets.

KVER ?= $(shell uname -r)
KDIR ?= $(or $(wildcard /lib/modules/$(KVER)/build),$(shell scripts/vm/kernel stock 2>/dev/null | sed -n 's/^KDIR=//p'))
PREFIX ?= /usr/local
DESTDIR ?=

SHELL := /bin/bash
.DEFAULT_GOAL := all

.PHONY: all module usr deps depcheck check kunit e2e demo lint install \
	uninstall clean help host-tests module-debug module-kunit fuzz bench

all: module usr

help:
	@echo "make            build nat64.ko (against KDIR) and the userspace tools"
	@echo "make check      install dependencies, then run every test (host, KUnit, e2e)"
	@echo "make demo       install dependencies, then run 464XLAT (CLAT + PLAT) in a QEMU guest"
	@echo "make kunit      the KUnit suites in the debug kernel"
	@echo "make e2e        the end-to-end scripts in the stock and debug guests"
	@echo "make pkt        the packet vectors of tests/pkt in the stock guest (PKT=ID-PREFIX...)"
	@echo "make lint       sparse (C=2, endian) and checkpatch on our sources"
	@echo "make fuzz       libFuzzer on the translator (FUZZ_SECONDS=600)"
	@echo "make bench      packet rates and TCP vs forwarding, Jool, TAYGA; insn/packet"
	@echo "make install    install the module and tools on this machine"
	@echo "KDIR=$(KDIR)"

# A plain `make` installs nothing: it names what is missing, in one line.
depcheck:
	@missing=$$(scripts/deps.sh --check build) || { \
		echo "nat64: missing Debian packages: $$missing (run scripts/deps.sh as root)" >&2; \
		exit 1; }
	@[ -n "$(KDIR)" ] && [ -e "$(KDIR)/Makefile" ] || { \
		echo "nat64: no kernel build tree (KDIR); install linux-headers-amd64 (scripts/deps.sh)" >&2; \
		exit 1; }

deps:
	@scripts/deps.sh

module: depcheck
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules

usr: depcheck
	$(MAKE) -C usr

# nat64.ko and nat64_test.ko against the cached debug kernel, built in
# copies of the tree so that they never mix with the stock build.
module-debug:
	scripts/build-debug module

module-kunit:
	scripts/build-debug kunit

host-tests:
	$(MAKE) -C tests/host run

# libFuzzer on the translator: FUZZ_SECONDS=600 by default.
fuzz: deps
	$(MAKE) -C tests/fuzz run SECONDS=$(or $(FUZZ_SECONDS),600)

check: deps
	scripts/check

kunit: deps
	scripts/kunit

e2e: deps all
	scripts/e2e

# RFC packet vectors through the module, byte by byte (tests/pkt/run.py);
# PKT="7915-22/ 6052-9" runs the vectors whose ids start so.
.PHONY: pkt
pkt: deps all
	scripts/pkt $(PKT)

# Not part of `make check`: a few minutes of measurement (docs/benchmarks.md).
bench: deps all
	scripts/bench

demo: deps
	scripts/demo

lint: depcheck
	scripts/lint

install: all
	$(MAKE) -C $(KDIR) M=$(CURDIR) INSTALL_MOD_DIR=extra modules_install
	depmod -a $(KVER) || true
	$(MAKE) -C usr install PREFIX=$(PREFIX) DESTDIR=$(DESTDIR)

uninstall:
	rm -f /lib/modules/$(KVER)/extra/nat64.ko
	depmod -a $(KVER) || true
	$(MAKE) -C usr uninstall PREFIX=$(PREFIX) DESTDIR=$(DESTDIR)

clean:
	-[ -n "$(KDIR)" ] && $(MAKE) -C $(KDIR) M=$(CURDIR) clean
	$(MAKE) -C usr clean
	$(MAKE) -C tests/host clean
	rm -rf build

print-kdir:
	@echo $(KDIR)
