#!/usr/bin/env bash
# Builds the native Stan toolchain this project needs, caching every slow step outside the clone.
#
#   stan-toolchain.sh headers              unpack the pinned Debian header packages; print the include flags
#   stan-toolchain.sh stanc                build Stan 2.21's compiler (stanc2) once; print its path
#   stan-toolchain.sh model FILE.stan OUT  translate and compile one model into the shared library OUT
#                                          (with FILE.hpp, if present, defining its body-less functions)
#   stan-toolchain.sh models DIR OUTDIR    compile every DIR/*.stan into OUTDIR/lib<name>.so, in parallel
#   stan-toolchain.sh library OUT SRC...   compile C++ sources into the shared library OUT (the bridge)
#   stan-toolchain.sh cxxflags             print the compiler flags shared by models and the bridge
#
# Cache: $MATCHUP_CACHE, default ${XDG_CACHE_HOME:-$HOME/.cache}/matchup-stan. Every entry is keyed by a
# hash of what it was built from (package versions, flags, sources), so a stale entry is never reused.
set -euo pipefail

# Pinned Debian packages (bookworm). Only their headers are used; nothing is installed system-wide.
PACKAGES=(
  "r-cran-stanheaders=2.21.0-7-2"
  "r-cran-rcppeigen=0.3.3.9.3-1"
  "libboost1.74-dev=1.74.0+ds1-21"
  "libtbb-dev=2021.8.0-2+deb12u1"
)
CXX=${CXX:-g++}
JOBS=${MATCHUP_JOBS:-$(nproc)}
CACHE=${MATCHUP_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/matchup-stan}

# Models and the bridge must be compiled with identical flags: they share Stan's inline and template
# symbols at run time (one autodiff tape per thread), so any difference would break the one-definition rule.
MODEL_FLAGS="-std=c++14 -O3 -fPIC -DBOOST_DISABLE_ASSERTS -DEIGEN_NO_DEBUG -DBOOST_RESULT_OF_USE_TR1"
MODEL_FLAGS+=" -DBOOST_NO_DECLTYPE -DBOOST_PHOENIX_NO_VARIADIC_EXPRESSION"
MODEL_FLAGS+=" -Wno-ignored-attributes -Wno-deprecated-declarations -Wno-int-in-bool-context"
MODEL_FLAGS+=" -Wno-class-memaccess -Wno-misleading-indentation"
STANC_FLAGS="-std=c++14 -O0 -DBOOST_RESULT_OF_USE_TR1 -DBOOST_NO_DECLTYPE -DBOOST_DISABLE_ASSERTS"
STANC_FLAGS+=" -DBOOST_PHOENIX_NO_VARIADIC_EXPRESSION -w"

log() { echo "[stan-toolchain] $*" >&2; }
die() { echo "[stan-toolchain] error: $*" >&2; exit 1; }
hash_of() { sha256sum | cut -c1-16; }

headers_key() { printf '%s\n' "${PACKAGES[@]}" | hash_of; }
headers_root() { echo "$CACHE/headers-$(headers_key)"; }

# Download (apt-get download needs no root once package lists exist) and unpack with dpkg-deb.
ensure_headers() {
  local root; root=$(headers_root)
  [ -f "$root/.complete" ] && return 0
  command -v apt-get >/dev/null || die "apt-get not found: the toolchain needs Debian's packages"
  local work; work=$(mktemp -d "$CACHE/tmp-headers.XXXXXX")
  log "downloading ${PACKAGES[*]}"
  if ! (cd "$work" && apt-get download "${PACKAGES[@]}" >/dev/null 2>"$work/apt.err"); then
    if [ "$(id -u)" = 0 ]; then
      log "apt-get download failed; refreshing package lists (apt-get update) and retrying"
      apt-get update -qq >&2
      (cd "$work" && apt-get download "${PACKAGES[@]}" >/dev/null 2>"$work/apt.err") ||
        die "apt-get download failed: $(tail -n 1 "$work/apt.err")"
    else
      die "apt-get download failed (run 'apt-get update' as root once): $(tail -n 1 "$work/apt.err")"
    fi
  fi
  mkdir -p "$work/root"
  for deb in "$work"/*.deb; do dpkg-deb -x "$deb" "$work/root"; done
  rm -f "$work"/*.deb "$work/apt.err"
  touch "$work/root/.complete"
  rm -rf "$root"
  mv "$work/root" "$root"
  rm -rf "$work"
  log "headers unpacked into $root"
}

include_flags() {
  local root; root=$(headers_root)
  local stan="$root/usr/lib/R/site-library/StanHeaders/include"
  local eigen="$root/usr/lib/R/site-library/RcppEigen/include"
  echo "-I$stan/src -I$stan -I$eigen -I$root/usr/include"
}

# Keys name what an entry was built from, never where the cache is, so a cache moved or copied stays valid.
compiler_id() { echo "$CXX $("$CXX" -dumpfullversion)"; }
stanc_key() { (headers_key; echo "$CXX $STANC_FLAGS"; "$CXX" -dumpfullversion) | hash_of; }

stanc_path() {
  echo "$CACHE/stanc-$(stanc_key)/stanc"
}

# stanc2 is built from the grammar instantiation files that StanHeaders ships plus a tiny main.
ensure_stanc() {
  ensure_headers
  local bin; bin=$(stanc_path)
  [ -x "$bin" ] && return 0
  local dir; dir=$(dirname "$bin")
  local work; work=$(mktemp -d "$CACHE/tmp-stanc.XXXXXX")
  local src; src="$(headers_root)/usr/lib/R/site-library/StanHeaders/include/src/stan/lang"
  cat >"$work/stanc_main.cpp" <<'CPP'
#include <stan/command/stanc_helper.hpp>
#include <iostream>
int main(int argc, const char* argv[]) { return stanc_helper(argc, argv, &std::cout, &std::cerr); }
CPP
  local sources=("$work/stanc_main.cpp" "$src/ast_def.cpp" "$src/grammars/semantic_actions_def.cpp")
  sources+=("$src"/grammars/*_inst.cpp)
  log "building stanc from ${#sources[@]} sources with $JOBS jobs (takes a few minutes, done once)"
  local flags; flags="$STANC_FLAGS $(include_flags)"
  printf '%s\n' "${sources[@]}" | xargs -P "$JOBS" -I{} sh -c \
    'f="$1"; shift; '"$CXX"' '"$flags"' -c "$f" -o "$0/$(basename "$f" .cpp).o" || exit 255' "$work" {}
  "$CXX" -o "$work/stanc" "$work"/*.o
  mkdir -p "$dir"
  mv "$work/stanc" "$bin"
  rm -rf "$work"
  log "stanc ready: $bin"
}

# A model library exports one C function creating the model behind Stan's model_base interface.
# A header NAME.hpp beside NAME.stan defines the functions the model declares without a body (C++ with
# hand-written gradients): stanc then runs with --allow_undefined and g++ includes the header first.
compile_model() {
  local stan_file=$1 out=$2
  [ -f "$stan_file" ] || die "model source not found: $stan_file"
  ensure_stanc
  local name; name=$(basename "$stan_file" .stan)
  local header="${stan_file%.stan}.hpp"
  local stanc_extra=() cxx_extra=()
  if [ -f "$header" ]; then
    stanc_extra=(--allow_undefined)
    cxx_extra=(-include "$(cd "$(dirname "$header")" && pwd)/$(basename "$header")")
  fi
  local key; key=$( (cat "$stan_file"; [ ! -f "$header" ] || cat "$header"; stanc_key; headers_key
    echo "$MODEL_FLAGS"; compiler_id; cat "$0") | hash_of)
  local cached="$CACHE/models/$name-$key/lib$name.so"
  if [ ! -f "$cached" ]; then
    local work; work=$(mktemp -d "$CACHE/tmp-model.XXXXXX")
    log "translating $stan_file"
    "$(stanc_path)" ${stanc_extra[@]+"${stanc_extra[@]}"} --name="${name//-/_}_model" --o="$work/model.hpp" \
      "$stan_file" >"$work/stanc.log" 2>&1 || die "stanc rejected $stan_file: $(cat "$work/stanc.log")"
    cat >"$work/model.cpp" <<'CPP'
#include "model.hpp"
// Entry point looked up by the bridge with dlsym: the model behind Stan's virtual model_base.
extern "C" stan::model::model_base* matchup_new_model(stan::io::var_context& data, unsigned int seed,
                                                      std::ostream* messages) {
  return new stan_model(data, seed, messages);
}
CPP
    log "compiling $name (about 30 s)"
    # shellcheck disable=SC2086
    "$CXX" $MODEL_FLAGS $(include_flags) ${cxx_extra[@]+"${cxx_extra[@]}"} -shared -o "$work/lib$name.so" \
      "$work/model.cpp"
    mkdir -p "$(dirname "$cached")"
    cp "$work/model.hpp" "$(dirname "$cached")/$name.hpp"
    mv "$work/lib$name.so" "$cached"
    rm -rf "$work"
  fi
  mkdir -p "$(dirname "$out")"
  cp "$cached" "$out"
}

compile_library() {
  local out=$1; shift
  ensure_headers
  # The key covers the sources and every header beside them.
  local key; key=$( (cat "$@" "$(dirname "$1")"/*.h; headers_key; echo "$MODEL_FLAGS"; compiler_id; cat "$0") | hash_of)
  local cached; cached="$CACHE/libraries/$key/$(basename "$out")"
  if [ ! -f "$cached" ]; then
    local work; work=$(mktemp -d "$CACHE/tmp-lib.XXXXXX")
    log "compiling $(basename "$out") from $* (about 2 minutes, done once)"
    # shellcheck disable=SC2086
    "$CXX" $MODEL_FLAGS $(include_flags) -shared -Wl,-soname,"$(basename "$out")" \
      -o "$work/$(basename "$out")" "$@" -ldl
    mkdir -p "$(dirname "$cached")"
    mv "$work/$(basename "$out")" "$cached"
    rm -rf "$work"
  fi
  mkdir -p "$(dirname "$out")"
  cp "$cached" "$out"
}

mkdir -p "$CACHE"
command -v "$CXX" >/dev/null || die "C++ compiler '$CXX' not found (install g++ and make)"
case "${1:-}" in
  headers) ensure_headers; include_flags ;;
  stanc) ensure_stanc; stanc_path ;;
  model) [ $# -eq 3 ] || die "usage: $0 model FILE.stan OUT.so"; compile_model "$2" "$3" ;;
  models)
    [ $# -eq 3 ] || die "usage: $0 models DIR OUTDIR"
    ensure_stanc
    export MATCHUP_CACHE="$CACHE"
    find "$2" -maxdepth 1 -name '*.stan' | sort | xargs -r -P "$JOBS" -I{} sh -c \
      'bash "$0" model "$1" "$2/lib$(basename "$1" .stan).so" || exit 255' "$0" {} "$3"
    ;;
  library) [ $# -ge 3 ] || die "usage: $0 library OUT.so SRC..."; out=$2; shift 2; compile_library "$out" "$@" ;;
  cxxflags) echo "$MODEL_FLAGS" ;;
  *) die "usage: $0 headers|stanc|model FILE.stan OUT.so|library OUT.so SRC...|cxxflags" ;;
esac
