#!/bin/bash -eu
# OSS-Fuzz / ClusterFuzzLite build script: builds every fuzz/fuzz_*.c harness
# with the engine's $CC $CFLAGS and links it with $LIB_FUZZING_ENGINE, the
# same harness sources `make fuzz` builds locally (docs/fuzzing.md). Seeds
# (corpus/NAME/) and dictionaries (fuzz/NAME.dict) go next to each target.
# Run it from the repository root (the Dockerfiles set WORKDIR there).
cd "${SRC}/tcpfsm"

inc="-Isrc -Igen -Iref -Ifuzz -Itools"
obj="${WORK}/tcpfsm-obj"
# The state machines go without libFuzzer's comparison tracing, as in
# mk/fuzz.mk (its comment and docs/fuzzing.md say why); other engines
# instrument as they do.
no_cmp=$(make -s --no-print-directory fuzz-no-cmp-srcs)
rm -rf "${obj}"
mkdir -p "${obj}"

for harness in fuzz/fuzz_*.c; do
  name=$(basename "${harness}" .c)
  # the sources this harness links: the core, the reference model and its
  # own extras, as mk/fuzz.mk knows them (make fuzz-srcs-NAME)
  srcs=$(make -s --no-print-directory "fuzz-srcs-${name}")
  objs=""
  for src in ${harness} ${srcs}; do
    o="${obj}/${name}/$(echo "${src}" | tr '/' '_').o"
    mkdir -p "$(dirname "${o}")"
    extra=""
    case " ${no_cmp} " in
      *" ${src} "*) [ "${FUZZING_ENGINE:-libfuzzer}" = libfuzzer ] && extra="-fno-sanitize-coverage=trace-cmp" ;;
    esac
    ${CC} ${CFLAGS} ${extra} -std=c99 ${inc} -c "${src}" -o "${o}"
    objs="${objs} ${o}"
  done
  ${CXX} ${CXXFLAGS} ${objs} ${LIB_FUZZING_ENGINE} -o "${OUT}/${name}"
  if [ -d "corpus/${name}" ]; then
    (cd "corpus/${name}" && zip -q -r "${OUT}/${name}_seed_corpus.zip" .)
  fi
  if [ -f "fuzz/${name}.dict" ]; then
    cp "fuzz/${name}.dict" "${OUT}/${name}.dict"
  fi
done
