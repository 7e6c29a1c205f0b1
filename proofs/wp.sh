# WP settings shared by proofs/prove.sh and proofs/mutants.sh (sourced), so
# that a mutant is checked the way make prove checks the function it is in.
# mk/wire.mk sets the wire decoder's own (make cannot source this).

# Every unsigned and signed overflow and downcast is a goal (-wp-rte).
WARN="-warn-signed-overflow -warn-unsigned-overflow -warn-signed-downcast -warn-unsigned-downcast"

# How Qed (WP's simplifier) works, not what is proved. Two of its passes,
# trivial-branch pruning and aggressive ground simplification, cost more CPU
# than the prover runs they save on the machine and the core's helpers, so
# those run with both off ($QED); the API with the ground pass off
# ($QED_API: with pruning off one of its goals took over 120 s). Measured
# per group in proofs/README.md "Qed's strategy". WP_QED_TUNED=0 runs
# Qed's defaults everywhere.
if [ "${WP_QED_TUNED:-1}" = 0 ]; then QED= QED_API=
else QED="-wp-no-pruning -wp-no-ground" QED_API="-wp-no-ground"; fi

# The Typed+ref memory model with its hypotheses checked at every call, for
# the core's static helpers (proofs/README.md says why).
REF="-wp-model Typed+ref -wp-check-memory-model"

# A goal line of a WP log that is not proved (grep -E).
UNPROVED='Goal .*: (Unknown|Timeout|Step limit|Failed)'

# cache_check MODE: the WP_CACHE values make prove takes (proofs/README.md
# "The cache"); anything else is an error that says which are allowed.
cache_check() {
  case $1 in
    none|update|rebuild|replay) return 0 ;;
    *) echo "WP_CACHE=$1: not a cache mode make prove takes (none, update, rebuild, replay;" \
         "proofs/README.md \"The cache\")" >&2
       return 1 ;;
  esac
}

# cached LOG: ", N from the cache" when the run took N prover verdicts from
# WP's cache, else nothing.
cached() {
  n=$(grep -c ' (cached)$' "$1" 2>/dev/null)
  [ "${n:-0}" -gt 0 ] && printf ', %s from the cache' "$n"
}
