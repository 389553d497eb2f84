# The two commands of README.md: `make demo` and `make test`. Everything else is a helper.
BUILD      ?= build/release
ASAN_BUILD ?= build/asan
JOBS       ?= $(shell nproc)

.PHONY: all bootstrap build demo test asan bench bench-dataflow fuzz clean

all: build

bootstrap:
	@scripts/bootstrap.sh

build: bootstrap
	@cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

demo: build
	@scripts/demo.sh $(BUILD)/aegis

test: build
	@ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

# The same suite under AddressSanitizer and UndefinedBehaviorSanitizer.
asan: bootstrap
	@cmake -S . -B $(ASAN_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DAEGIS_SANITIZE=ON >/dev/null
	@cmake --build $(ASAN_BUILD) -j $(JOBS)
	@ctest --test-dir $(ASAN_BUILD) --output-on-failure -j $(JOBS)

bench: build
	@python3 bench/run.py --aegis $(BUILD)/aegis

# The data-flow benchmark alone: generate build/bench-dataflow, scan it, print the scores.
bench-dataflow: build
	@python3 bench/dataflow/generate.py --quiet
	@python3 bench/dataflow/score.py --aegis $(BUILD)/aegis

fuzz: bootstrap
	@scripts/fuzz.sh

clean:
	rm -rf build
