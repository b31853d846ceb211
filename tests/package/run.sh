#!/usr/bin/env bash
# The Debian package: cpack -G DEB from BUILD_DIR, unpacked with dpkg -x into
# a scratch root, then the installed binary run on the sample corpus, its
# man page shown by man, its completions exercised, and its size and
# stripping checked. Usage: run.sh BUILD_DIR (CTest sets CPACK).
set -euo pipefail
build=$(cd "$1" && pwd)
root_dir=$(cd "$(dirname "$0")/../.." && pwd)
cpack=${CPACK:-cpack}
for tool in dpkg-deb dpkg-shlibdeps man file; do
  command -v "$tool" >/dev/null || { echo "run.sh: $tool is needed (scripts/install-deps installs it)" >&2; exit 1; }
done
tmp=$(mktemp -d "${TMPDIR:-/tmp}/provcheck-deb.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fail() { echo "run.sh: $*" >&2; exit 1; }

(cd "$build" && "$cpack" -G DEB -B "$tmp/out") >"$tmp/cpack.log" 2>&1 || { cat "$tmp/cpack.log"; exit 1; }
deb=$(ls "$tmp"/out/provcheck_*.deb)
version=$(dpkg-deb -f "$deb" Version)
[[ $("$build/provcheck" --version) == "provcheck $version" ]] || fail "package version $version is not the binary's"
dpkg-deb -f "$deb" Depends | grep -q "libicu" || fail "Depends lacks the shared libraries: $(dpkg-deb -f "$deb" Depends)"
dpkg-deb -x "$deb" "$tmp/root"
usr="$tmp/root/usr"
for f in bin/provcheck share/man/man1/provcheck.1 share/bash-completion/completions/provcheck \
         share/zsh/vendor-completions/_provcheck share/provcheck/rules/newsroom.json \
         share/provcheck/rules/staff.txt share/doc/provcheck/copyright share/doc/provcheck/LICENSE \
         share/doc/provcheck/CHANGELOG.md lib/cmake/provcheck/provcheckConfig.cmake \
         include/provcheck/scan.h; do
  [[ -e "$usr/$f" ]] || fail "the package lacks /usr/$f"
done
file "$usr/bin/provcheck" | grep -q ", stripped" || fail "the binary is not stripped: $(file "$usr/bin/provcheck")"
size_kb=$(du -sk "$tmp/root" | cut -f1)
# (a sanitizer build's instrumented archives are far larger: no bound there)
dpkg-deb -f "$deb" Depends | grep -q libasan || (( size_kb < 40000 )) || fail "the package unpacks to ${size_kb} KB (debug info left in?)"

# The installed binary on the sample corpus.
bin="$usr/bin/provcheck"
"$bin" index add "$root_dir/corpus" --index "$tmp/idx" >/dev/null
set +e
"$bin" scan "$root_dir/examples/copied.md" --index "$tmp/idx" --brief >"$tmp/scan.txt"
code=$?
"$bin" scan "$root_dir/examples/broken-credits.md" --index "$tmp/idx" \
  --rules "$usr/share/provcheck/rules/newsroom.json" --brief >"$tmp/rules.txt"
rules_code=$?
set -e
[[ $code == 1 ]] || fail "scan of examples/copied.md with the installed binary exited $code"
grep -q "reuse.forbidden" "$tmp/scan.txt" || fail "no reuse finding: $(cat "$tmp/scan.txt")"
[[ $rules_code == 1 ]] || fail "scan with the installed rules exited $rules_code"
grep -q "byline.unknown" "$tmp/rules.txt" || fail "the installed rules found no byline: $(cat "$tmp/rules.txt")"

# man provcheck shows the page, every command in it, without groff warnings.
MANPATH="$usr/share/man" MANWIDTH=100 man --warnings -P cat provcheck >"$tmp/man.txt" 2>"$tmp/man.err" ||
  { cat "$tmp/man.err"; fail "man provcheck failed"; }
[[ ! -s "$tmp/man.err" ]] || { cat "$tmp/man.err"; fail "man provcheck warned"; }
for cmd in "index add" "index remove" "index list" "index stats" "index verify" scan ci keygen sign verify; do
  grep -q "provcheck $cmd \[OPTIONS\]" "$tmp/man.txt" || fail "the man page lacks provcheck $cmd"
done
grep -q -- "--input-format" "$tmp/man.txt" || fail "the man page lacks --input-format"

# bash completion: commands, nested commands and flags.
complete_bash() {
  bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _provcheck
           echo "${COMPREPLY[*]}"' _ "$usr/share/bash-completion/completions/provcheck" "$@"
}
[[ $(complete_bash provcheck ind) == "index" ]] || fail "bash: provcheck ind -> $(complete_bash provcheck ind)"
[[ $(complete_bash provcheck index a) == "add" ]] || fail "bash: provcheck index a"
[[ $(complete_bash provcheck scan --inp) == "--input-format" ]] || fail "bash: provcheck scan --inp"
[[ $(complete_bash provcheck verify --tsa) == "--tsa-ca" ]] || fail "bash: provcheck verify --tsa"
if command -v zsh >/dev/null; then
  zsh -n "$usr/share/zsh/vendor-completions/_provcheck" || fail "zsh: the completion does not parse"
  # Driven as zsh's completion system would: words, CURRENT and PREFIX set,
  # compadd (which filters by PREFIX) and _files standing in for the real ones.
  complete_zsh() {
    zsh -f -c 'compadd() { [[ $1 == -- ]] && shift; local c; for c in "$@"; do
                 [[ $c == ${PREFIX}* ]] && print -rn -- "$c "; done; }
               _files() { print -rn -- "FILES "; }
               words=("${@:2}"); CURRENT=${#words}; PREFIX=${words[-1]}; source "$1"' \
      _ "$usr/share/zsh/vendor-completions/_provcheck" "$@" | sed 's/ $//'
  }
  [[ $(complete_zsh provcheck ind) == "index" ]] || fail "zsh: provcheck ind -> $(complete_zsh provcheck ind)"
  [[ $(complete_zsh provcheck index a) == "add" ]] || fail "zsh: provcheck index a -> $(complete_zsh provcheck index a)"
  [[ $(complete_zsh provcheck scan --inp) == "--input-format" ]] || fail "zsh: provcheck scan --inp"
  [[ $(complete_zsh provcheck index add --index x --q) == "--quiet" ]] ||
    fail "zsh: provcheck index add --index x --q -> $(complete_zsh provcheck index add --index x --q)"
  [[ $(complete_zsh provcheck scan "") == "FILES" ]] || fail "zsh: provcheck scan <file> -> $(complete_zsh provcheck scan "")"
else
  echo "run.sh: zsh absent: the zsh completion's syntax is not checked" >&2
fi
echo "package ok: $(basename "$deb"), unpacked ${size_kb} KB, Depends: $(dpkg-deb -f "$deb" Depends)"
