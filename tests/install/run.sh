#!/usr/bin/env bash
# Installs the build in BUILD_DIR into a temporary prefix, then configures,
# builds and runs the consumer in this folder against it (find_package only).
# Usage: run.sh BUILD_DIR. CTest sets CMAKE, CMAKE_GENERATOR and the
# PROVCHECK_CONSUMER_* compiler settings so the consumer matches the build.
set -euo pipefail
build=$(cd "$1" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
cmake=${CMAKE:-cmake}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/provcheck-install.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

"$cmake" --install "$build" --prefix "$tmp/prefix" >"$tmp/install.log" ||
  { cat "$tmp/install.log"; exit 1; }
for f in bin/provcheck include/provcheck/scan.h; do
  [[ -e "$tmp/prefix/$f" ]] || { echo "run.sh: $f was not installed" >&2; exit 1; }
done
if find "$tmp/prefix/include" -name '*.h' ! -path '*/include/provcheck/*' | grep -q .; then
  echo "run.sh: headers outside include/provcheck/ were installed" >&2
  exit 1
fi

"$cmake" -S "$here" -B "$tmp/build" \
  -DCMAKE_PREFIX_PATH="$tmp/prefix" \
  ${PROVCHECK_CONSUMER_CXX:+-DCMAKE_CXX_COMPILER="$PROVCHECK_CONSUMER_CXX"} \
  ${PROVCHECK_CONSUMER_MAKE:+-DCMAKE_MAKE_PROGRAM="$PROVCHECK_CONSUMER_MAKE"} \
  -DCMAKE_BUILD_TYPE="${PROVCHECK_CONSUMER_BUILD_TYPE:-RelWithDebInfo}" \
  -DCMAKE_CXX_FLAGS="${PROVCHECK_CONSUMER_CXX_FLAGS:-}" \
  -DCMAKE_EXE_LINKER_FLAGS="${PROVCHECK_CONSUMER_LINKER_FLAGS:-}"
"$cmake" --build "$tmp/build" -j2
mkdir "$tmp/work"
"$tmp/build/consumer" "$tmp/work"
