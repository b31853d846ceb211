#!/usr/bin/env bash
# Installs the build in BUILD_DIR into a temporary prefix, builds the API
# example (examples/api) against it with find_package alone (after RE2's
# testinstall), and checks that the example's JSON report is byte for byte
# the one `provcheck scan --format json` writes for the same draft and index,
# and that its signed envelope verifies with `provcheck verify`.
# Usage: run.sh BUILD_DIR. CTest sets CMAKE, CMAKE_GENERATOR and the
# PROVCHECK_CONSUMER_* compiler settings so the example matches the build.
set -euo pipefail
build=$(cd "$1" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cmake=${CMAKE:-cmake}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/provcheck-install.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

"$cmake" --install "$build" --prefix "$tmp/prefix" >"$tmp/install.log" ||
  { cat "$tmp/install.log"; exit 1; }
for f in bin/provcheck include/provcheck/scan.h include/provcheck/version.h \
         include/provcheck/report_writer.h include/provcheck/report_signing.h include/provcheck/sign.h; do
  [[ -e "$tmp/prefix/$f" ]] || { echo "run.sh: $f was not installed" >&2; exit 1; }
done
if find "$tmp/prefix/include" -name '*.h' ! -path '*/include/provcheck/*' | grep -q .; then
  echo "run.sh: headers outside include/provcheck/ were installed" >&2
  exit 1
fi

"$cmake" -S "$root/examples/api" -B "$tmp/build" \
  -DCMAKE_PREFIX_PATH="$tmp/prefix" \
  ${PROVCHECK_CONSUMER_CXX:+-DCMAKE_CXX_COMPILER="$PROVCHECK_CONSUMER_CXX"} \
  ${PROVCHECK_CONSUMER_MAKE:+-DCMAKE_MAKE_PROGRAM="$PROVCHECK_CONSUMER_MAKE"} \
  -DCMAKE_BUILD_TYPE="${PROVCHECK_CONSUMER_BUILD_TYPE:-RelWithDebInfo}" \
  -DCMAKE_CXX_FLAGS="${PROVCHECK_CONSUMER_CXX_FLAGS:-}" \
  -DCMAKE_EXE_LINKER_FLAGS="${PROVCHECK_CONSUMER_LINKER_FLAGS:-}" >"$tmp/configure.log" ||
  { cat "$tmp/configure.log"; exit 1; }
"$cmake" --build "$tmp/build" -j2 >"$tmp/build.log" || { cat "$tmp/build.log"; exit 1; }

bin="$tmp/prefix/bin/provcheck"
example="$tmp/build/scan_and_sign"
cd "$root"  # both name the draft examples/copied.md
export SOURCE_DATE_EPOCH=1764590400  # one `created` for both reports
"$bin" index add corpus/ --index "$tmp/idx" >/dev/null
status=0
"$bin" scan examples/copied.md --format json --index "$tmp/idx" >"$tmp/cli.json" || status=$?
[[ $status == 1 ]] || { echo "run.sh: provcheck scan exited $status, expected 1" >&2; exit 1; }
status=0
"$example" "$tmp/idx" examples/copied.md --format json >"$tmp/api.json" 2>"$tmp/api.err" || status=$?
[[ $status == 1 ]] || { cat "$tmp/api.err"; echo "run.sh: the example exited $status, expected 1" >&2; exit 1; }
cmp "$tmp/cli.json" "$tmp/api.json" ||
  { diff <(tr ',' '\n' <"$tmp/cli.json") <(tr ',' '\n' <"$tmp/api.json") | head; exit 1; }
grep -q '"kind":"reuse"' "$tmp/api.json" || { echo "run.sh: no reuse finding" >&2; exit 1; }

(cd "$tmp" && "$bin" keygen desk >/dev/null)
"$example" "$tmp/idx" examples/copied.md --sign "$tmp/desk.key" >"$tmp/api.dsse.json" 2>/dev/null || true
"$bin" verify "$tmp/api.dsse.json" --key "$tmp/desk.pub" --draft examples/copied.md \
  --index "$tmp/idx" >"$tmp/verify.txt" || { cat "$tmp/verify.txt"; exit 1; }
echo "run.sh: the example's report equals provcheck scan's ($(wc -c <"$tmp/api.json") bytes); its envelope verifies"
