#!/bin/bash -eu
# ClusterFuzzLite runs this; the one build script is fuzz/oss-fuzz/build.sh.
exec "${SRC}/tcpfsm/fuzz/oss-fuzz/build.sh"
