#!/bin/sh
# bench/size.sh: the `make size` report.
#   sizeof the TCB and the other caller-allocated structs (host and Cortex-M4),
#   code size of the core at -Os for x86-64 and Cortex-M4 (Thumb-2),
#   the wire codec separately, and the libc symbols the core needs.
# Usage: bench/size.sh "CORE SOURCES" "WIRE SOURCES"   (the Makefile passes them)
set -u
core=$1
wire=${2:-}
dir=build/size
rm -rf $dir && mkdir -p $dir
cc=${CC:-cc}
inc="-Isrc -Igen"
arm=arm-none-eabi-gcc
armflags="-mcpu=cortex-m4 -mthumb -Os -ffreestanding"

# sizeof, without running anything: each size is the size of an array symbol.
cat >$dir/sizes.c <<'EOF'
#include "tcpfsm.h"
char size_tcb[sizeof(tcpfsm_tcb)];
char size_output[sizeof(tcpfsm_output)];
char size_config[sizeof(tcpfsm_config)];
char size_segment[sizeof(tcpfsm_segment)];
EOF
sizes() { # NM OBJECT: "size_tcb=56 ..." from the symbol sizes
  "$1" -S "$2" | while read -r _ sz _ name; do printf '%s=%d ' "${name#size_}" "$((0x$sz))"; done
}
$cc $inc -c $dir/sizes.c -o $dir/sizes-host.o || exit 1
echo "sizeof (x86-64):      $(sizes nm $dir/sizes-host.o)"
if command -v $arm >/dev/null 2>&1; then
  $arm $armflags $inc -c $dir/sizes.c -o $dir/sizes-arm.o &&
    echo "sizeof (Cortex-M4):   $(sizes arm-none-eabi-nm $dir/sizes-arm.o)"
fi
echo

# code size: text (code + read-only data) of each object, and the total.
report() { # LABEL COMPILER SIZE-TOOL FLAGS SOURCES
  label=$1 compiler=$2 sizetool=$3 flags=$4 srcs=$5
  objs=""
  for s in $srcs; do
    o=$dir/$label-$(echo "$s" | tr / _).o
    $compiler $flags $inc -c "$s" -o "$o" || return 1
    objs="$objs $o"
  done
  [ -n "$objs" ] || return 0
  echo "$label:"
  $sizetool $objs | sed 's/^/  /'
  $sizetool -t $objs | tail -n 1 | awk -v l="$label" '{ printf "  %s total: text %d bytes (%.2f KiB), data %d, bss %d\n", l, $1, $1 / 1024, $2, $3 }'
}
report x86-64-core "$cc" size "-std=c99 -Os -ffreestanding" "$core" || exit 1
[ -n "$wire" ] && report x86-64-wire "$cc" size "-std=c99 -Os -ffreestanding" "$wire"
if command -v $arm >/dev/null 2>&1; then
  echo "($($arm --version | head -n 1))"
  report cortex-m4-core $arm arm-none-eabi-size "-std=c99 $armflags" "$core" || exit 1
  echo "  largest Cortex-M4 symbols (bytes):"
  arm-none-eabi-nm -S -A $dir/cortex-m4-core-*.o | sed 's/^[^:]*://' | awk 'NF == 4 { print $2, $3, $4 }' |
    while read -r sz kind name; do printf '    %6d %s %s\n' "$((0x$sz))" "$kind" "$name"; done |
    sort -rn | head -n 10
  [ -n "$wire" ] && report cortex-m4-wire $arm arm-none-eabi-size "-std=c99 $armflags" "$wire"
else
  echo "cortex-m4: arm-none-eabi-gcc not installed (apt-get install gcc-arm-none-eabi)"
fi

# What a firmware pays: the core as a static library, linked with
# --gc-sections into a program that calls every connection function
# (tcpfsm_isn and the *_name functions are left out: a firmware that does
# not call them does not link them), minus the same program calling none.
if command -v $arm >/dev/null 2>&1; then
  cat >$dir/firmware.c <<'EOF'
#include <stddef.h>
#include "tcpfsm.h"
void *memset(void *s, int c, size_t n);
void _start(void);
void *memset(void *s, int c, size_t n)
{
    unsigned char *p = s;
    while (n--)
        *p++ = (unsigned char)c;
    return s;
}
static void *(*volatile keep)(void *, int, size_t) = memset;
volatile int sink;
void _start(void)
{
#ifdef CALLS
    static tcpfsm_tcb t;
    static tcpfsm_config cfg;
    static tcpfsm_output out;
    static tcpfsm_segment seg;
    static tcpfsm_status_info st;
    tcpfsm_config_default(&cfg);
    tcpfsm_init(&t);
    sink += tcpfsm_open(&t, &cfg, sink, 1, &out) + tcpfsm_send(&t, &cfg, 1, &out) +
            tcpfsm_receive(&t, &cfg, 1, &out) + tcpfsm_close(&t, &cfg, &out) +
            tcpfsm_abort(&t, &cfg, &out) + tcpfsm_segment_arrives(&t, &cfg, &seg, 1, &out) +
            tcpfsm_timer_fired(&t, &cfg, TCPFSM_TIMER_USER, &out) + tcpfsm_status(&t, &st);
#endif
    sink += keep != 0;
    for (;;)
        ;
}
EOF
  fl="$armflags -ffunction-sections -fdata-sections"
  rm -f $dir/libcore-arm.a
  for s in $core; do
    $arm -std=c99 $fl $inc -c "$s" -o "$dir/fw-$(echo "$s" | tr / _).o" || exit 1
  done
  arm-none-eabi-ar rcs $dir/libcore-arm.a $dir/fw-*.o
  for v in empty calls; do
    d=; [ $v = calls ] && d=-DCALLS
    $arm $fl $d $inc -nostdlib -nostartfiles -Wl,--gc-sections -Wl,-e,_start \
      $dir/firmware.c $dir/libcore-arm.a -o $dir/firmware-$v.elf || exit 1
  done
  e=$(arm-none-eabi-size $dir/firmware-empty.elf | awk 'NR == 2 { print $1 }')
  c=$(arm-none-eabi-size $dir/firmware-calls.elf | awk 'NR == 2 { print $1 }')
  echo "cortex-m4 firmware: the core as linked (--gc-sections, every connection call, no names, no ISN):"
  echo "  $((c - e)) bytes of flash ($(awk -v b=$((c - e)) 'BEGIN { printf "%.2f", b / 1024 }') KiB)"
fi
echo

# what the core needs from outside itself (symbols one core object takes
# from another are internal)
needs() { # NM OBJECTS...
  nmtool=$1; shift
  defined=$(for o in "$@"; do $nmtool --defined-only "$o"; done | awk '{ print $NF }' | sort -u)
  for o in "$@"; do $nmtool -u "$o"; done | awk '{ print $NF }' | sort -u |
    while read -r sym; do echo "$defined" | grep -qx "$sym" || printf '%s ' "$sym"; done
}
undef=$(needs nm $dir/x86-64-core-*.o)
echo "libc symbols the core needs, -Os -ffreestanding (x86-64):    ${undef:-none}"
if command -v $arm >/dev/null 2>&1; then
  undef=$(needs arm-none-eabi-nm $dir/cortex-m4-core-*.o)
  echo "libc symbols the core needs, -Os -ffreestanding (Cortex-M4): ${undef:-none}"
fi
