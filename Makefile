# SPDX-License-Identifier: GPL-2.0
#
# Harness entry points.  This is not Kbuild: the kernel is built from
# build/tree, the pristine 6.12 base with our files laid over it.
#
#   make demo                        boot UML and show the stack at work
#   make check                       every test tier, summed
#   make kunit ARCH=um|x86_64 [SUITE=glob]
#   make static                      checkpatch, kernel-doc, sparse, W=1
#   make patches                     the overlay as a git-am series
#   make bench [ROUNDS=n]            async_tx micro benchmark vs upstream
#   make ioat-compare                e2e-ioat on ours and on upstream's core
#   make trace                       md RAID6 traced: report and latency plot
#   make mdadm                       mdadm's own raid456 tests, every one listed
#   make mdadm-upstream              the same on the pristine base kernel
#   make tree                        just prepare build/tree
#   make clean                       remove build/ (keeps ccache)

H := tools/testing/async_tx
ARCH ?= um
SUITE ?=

.PHONY: all demo check kunit static patches bench ioat-compare trace mdadm mdadm-upstream tree deps clean

all: check

deps:
	@$(H)/deps.sh

tree: deps
	@$(H)/prep-tree.sh

demo: deps
	@$(H)/demo.sh

check:
	@$(H)/check.sh

kunit: deps
	@$(H)/kunit.sh $(ARCH) $(SUITE)

static: deps
	@$(H)/static.sh

patches: deps
	@$(H)/patches.sh

ROUNDS ?= 5
bench: deps
	@$(H)/bench.sh $(ROUNDS)

ioat-compare: deps
	@$(H)/ioat-compare.sh

trace: deps
	@$(H)/trace.sh

mdadm: deps
	@$(H)/mdadm-suite.sh all

mdadm-upstream: deps
	@$(H)/mdadm-suite.sh upstream

clean:
	@if [ -d build ]; then chmod -R u+w build && rm -rf build; fi
