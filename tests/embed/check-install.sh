#!/bin/sh
# tests/embed/check-install.sh: the three ways an embedder takes tcpfsm in.
#   1. make install PREFIX=tmp, then cc hello.c $(pkg-config --cflags --libs tcpfsm)
#   2. CMake add_subdirectory(tcpfsm) from the source tree     (if cmake is installed)
#   3. CMake find_package(tcpfsm) on the make-installed prefix (if cmake is installed)
#   4. cmake --install of this tree, then pkg-config against it (if cmake is installed)
set -u
top=$(pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/tcpfsm-install.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
make=${MAKE:-make}
cc=${CC:-cc}
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok   $1"; }
no() { fail=$((fail + 1)); echo "FAIL $1 (log: $2)"; sed 's/^/     /' "$2" | tail -n 20; }
log=$tmp/log

if $make -s --no-print-directory install PREFIX="$tmp/prefix" >"$log" 2>&1 &&
   [ -f "$tmp/prefix/include/tcpfsm.h" ] && [ -f "$tmp/prefix/include/tcpfsm_events.h" ] &&
   [ -f "$tmp/prefix/lib/libtcpfsm.a" ] && [ -f "$tmp/prefix/lib/pkgconfig/tcpfsm.pc" ] &&
   [ -f "$tmp/prefix/lib/cmake/tcpfsm/tcpfsmConfig.cmake" ]; then
  ok "make install PREFIX=... installs header, library, tcpfsm.pc, tcpfsmConfig.cmake"
else
  no "make install" "$log"
fi

if command -v pkg-config >/dev/null 2>&1; then
  flags=$(PKG_CONFIG_PATH="$tmp/prefix/lib/pkgconfig" pkg-config --cflags --libs tcpfsm 2>"$log")
  if [ -n "$flags" ] &&
     $cc -std=c99 -Wall -Wextra -Werror tests/embed/hello.c $flags -o "$tmp/hello-pc" >>"$log" 2>&1 &&
     "$tmp/hello-pc" >>"$log" 2>&1; then
    ok "pkg-config: built and ran a program against the installed tree ($(tail -n 1 "$log"))"
  else
    no "pkg-config build against the installed tree" "$log"
  fi
else
  echo "skip pkg-config: not installed (apt-get install pkgconf)"
fi

if command -v cmake >/dev/null 2>&1; then
  if cmake -S tests/embed/subdir -B "$tmp/subdir" -DTCPFSM_SOURCE_DIR="$top" >"$log" 2>&1 &&
     cmake --build "$tmp/subdir" >>"$log" 2>&1 && "$tmp/subdir/hello" >>"$log" 2>&1; then
    ok "cmake add_subdirectory(tcpfsm): built and ran"
  else
    no "cmake add_subdirectory" "$log"
  fi
  if cmake -S tests/embed/findpkg -B "$tmp/findpkg" -DCMAKE_PREFIX_PATH="$tmp/prefix" >"$log" 2>&1 &&
     cmake --build "$tmp/findpkg" >>"$log" 2>&1 && "$tmp/findpkg/hello" >>"$log" 2>&1; then
    ok "cmake find_package(tcpfsm) after make install: built and ran"
  else
    no "cmake find_package after make install" "$log"
  fi
  if cmake -S . -B "$tmp/top" -DCMAKE_BUILD_TYPE=Release >"$log" 2>&1 &&
     cmake --build "$tmp/top" >>"$log" 2>&1 &&
     cmake --install "$tmp/top" --prefix "$tmp/cprefix" >>"$log" 2>&1 &&
     flags=$(PKG_CONFIG_PATH="$tmp/cprefix/lib/pkgconfig" pkg-config --cflags --libs tcpfsm) &&
     $cc -std=c99 tests/embed/hello.c $flags -o "$tmp/hello-cm" >>"$log" 2>&1 &&
     "$tmp/hello-cm" >>"$log" 2>&1 &&
     cmake -S tests/embed/findpkg -B "$tmp/findpkg2" -DCMAKE_PREFIX_PATH="$tmp/cprefix" >>"$log" 2>&1 &&
     cmake --build "$tmp/findpkg2" >>"$log" 2>&1 && "$tmp/findpkg2/hello" >>"$log" 2>&1; then
    ok "cmake --install: pkg-config and find_package users built and ran"
  else
    no "cmake --install" "$log"
  fi
else
  echo "skip cmake: not installed (apt-get install cmake)"
fi

echo "install: $pass passed, $fail failed"
[ $fail -eq 0 ]
