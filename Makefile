# zhijian — the two commands of the README:
#   make demo   install what is missing, build, generate a province, import, screen, serve
#   make test   install what is missing, build with sanitizers, run every test (CTest)
JOBS ?= 2
BUILD ?= build
TESTBUILD ?= build-test

.PHONY: all demo test build build-test setup bench fuzz clean format format-check

all: build

setup:
	@scripts/setup.sh

build: setup
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release >/dev/null
	@cmake --build $(BUILD) -j$(JOBS)

build-test:
	@ZJ_BROWSER=1 scripts/setup.sh
	@cmake -S . -B $(TESTBUILD) -DCMAKE_BUILD_TYPE=Debug -DZJ_SANITIZE=ON >/dev/null
	@cmake --build $(TESTBUILD) -j$(JOBS)

demo: build
	$(BUILD)/zhijian demo $(DEMO_ARGS)

# The Release build of `make demo` is built too, so its warnings (-O2 sees more) fail CI.
test: build build-test
	cd $(TESTBUILD) && ctest --output-on-failure -j$(JOBS)

# bench/pg.sh (zhijian against the PostgreSQL anchor) runs when PostgreSQL 15 is installed.
bench: build
	@ZJ_BENCH=1 scripts/setup.sh
	bench/run.sh $(BENCH_ARGS)
	@if [ -x /usr/lib/postgresql/15/bin/postgres ]; then ZJ=$(BUILD)/zhijian bench/pg.sh; \
	else echo "bench: PostgreSQL 15 is not installed, bench/pg.sh skipped"; fi

fuzz:
	@cmake -S . -B build-fuzz -DCMAKE_C_COMPILER=clang -DZJ_FUZZ=ON >/dev/null
	@cmake --build build-fuzz -j$(JOBS)

format:
	clang-format -i $$(git ls-files 'src/*.c' 'src/*.h' 'tests/*.c' 'fuzz/*.c')

# The same check runs in `make test` as cli/format.
format-check:
	clang-format --dry-run --Werror $$(git ls-files 'src/*.c' 'src/*.h' 'tests/*.c' 'fuzz/*.c')

clean:
	rm -rf $(BUILD) $(TESTBUILD) build-fuzz
