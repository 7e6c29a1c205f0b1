#!/bin/sh
# Installs what tcpfsm needs on Debian 12 (bookworm). Run as root, or it
# prints the exact command to run. Versions the project is tested with are
# pinned in README.md ("Tool versions").
set -eu
PKGS="build-essential clang llvm libclang-rt-14-dev ragel frama-c-base why3 z3 cvc4
afl++ libfuzzer-14-dev graphviz libpcap-dev gcc-arm-none-eabi iproute2 cmake pkg-config
python3 valgrind"
missing=""
for p in $PKGS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "tcpfsm: missing Debian packages:$missing" >&2
    echo "run as root:  apt-get update && apt-get install -y$missing" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq $missing
fi
# Why3 must know the provers Frama-C WP calls (z3, cvc4).
if ! why3 config list-provers 2>/dev/null | grep -q "^Z3 "; then
  why3 config detect >/dev/null
fi
echo "tcpfsm: dependencies present"
