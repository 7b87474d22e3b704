#!/usr/bin/env bash
# Installs what building (and, with `test`, testing) the app needs, from the
# package registries only: crates.io, npm and Debian. Idempotent: each step
# checks first and does nothing when the right version is already there.
#
#   scripts/setup.sh build   wasm32 target, the release build's nightly
#                            (scripts/release.sh), trunk 0.21, wasm-bindgen-cli
#                            at the Cargo.lock version, npm packages (wasm-opt)
#   scripts/setup.sh test    all of the above, plus Debian chromium and
#                            chromium-driver
#   scripts/setup.sh fuzz    the release build's nightly and cargo-fuzz (only
#                            for `make fuzz`; nothing else needs cargo-fuzz)
#   scripts/setup.sh analyse what `build` installs, plus twiggy (only for
#                            `make where-bytes`, which reads a build's sizes)
set -euo pipefail

cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
what=${1:-build}

say() { printf 'setup: %s\n' "$*"; }

# The release build's pinned nightly (scripts/release.sh), with the standard
# library's source to build it from and the wasm32 target; cargo fuzz runs on
# it too. About 20 seconds.
# Each list is read whole before grep looks at it: with pipefail, a grep that
# stops at its first match could fail rustup's write and so the check.
release_toolchain() {
  local name toolchains
  name=$(scripts/release.sh --toolchain)
  toolchains=$(rustup toolchain list)
  if ! grep -q "^$name" <<<"$toolchains" ||
    ! grep -qx rust-src <<<"$(rustup +"$name" component list --installed)" ||
    ! grep -qx wasm32-unknown-unknown <<<"$(rustup +"$name" target list --installed)"; then
    say "installing the release build's toolchain, $name"
    rustup toolchain install "$name" --profile minimal --component rust-src \
      --target wasm32-unknown-unknown --no-self-update
  fi
}

if [ "$what" = fuzz ]; then
  release_toolchain
  if ! cargo fuzz --version >/dev/null 2>&1; then
    say "installing cargo-fuzz (about 2 minutes)"
    cargo install cargo-fuzz --locked
  fi
  say "ready (fuzz)"
  exit 0
fi

# The wasm32 target.
if ! grep -qx wasm32-unknown-unknown <<<"$(rustup target list --installed)"; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# The release build's pinned nightly toolchain.
release_toolchain

# trunk 0.21.x (0.22 needs a newer Rust than these machines have).
if ! trunk --version 2>/dev/null | grep -q '^trunk 0\.21\.'; then
  say "installing trunk 0.21 (about 6 minutes on 2 cores)"
  cargo install trunk --version '~0.21' --locked
fi

# wasm-bindgen-cli must equal the wasm-bindgen crate in Cargo.lock exactly.
# Not --locked: one of its locked dependencies is no longer on crates.io.
bindgen=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ -z "$bindgen" ]; then
  echo "setup: could not read the wasm-bindgen version from Cargo.lock" >&2
  exit 1
fi
if ! wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $bindgen"; then
  say "installing wasm-bindgen-cli $bindgen (about 2 minutes)"
  cargo install wasm-bindgen-cli --version "=$bindgen" --force
fi

# wasm-split-cli cuts the app's build into the parts loaded on demand
# (scripts/split.mjs). Its version line is the one of the wasm_split_helpers
# crate in Cargo.lock; the patch version is pinned here.
split_version=0.2.4
if ! cargo install --list | grep -x "wasm_split_cli_support v$split_version:" >/dev/null; then
  say "installing wasm-split-cli $split_version (about 1 minute)"
  cargo install wasm_split_cli_support --version "=$split_version" --features build-binary --locked --force
fi

# Every crate in Cargo.lock, for every target, and those the standard library
# is built from in the release build: Trunk builds offline (Trunk.toml), so the
# browser build's crates must already be here on a fresh machine. Quick when
# they are.
cargo fetch --locked
scripts/release.sh cargo fetch --locked --target wasm32-unknown-unknown

# npm packages from the committed lock file: wasm-opt (binaryen) and terser for
# the build, and the end-to-end test tools. Reinstalled only when the lock file changed.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages from package-lock.json"
  npm ci --no-audit --no-fund
  touch node_modules/.package-lock.json
fi

if [ "$what" = test ]; then
  # Debian's chromium and its chromedriver (the same version), for the
  # wasm-bindgen browser tests and Playwright.
  if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    say "installing Debian chromium and chromium-driver"
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
    $sudo apt-get update
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends chromium chromium-driver
  fi
fi

if [ "$what" = analyse ]; then
  # twiggy reads which functions and data a wasm module's bytes are
  # (scripts/where-bytes.mjs). About 1 minute.
  if ! twiggy --version 2>/dev/null | grep -qx 'twiggy-opt 0.8.0'; then
    say "installing twiggy 0.8.0 (about 1 minute)"
    cargo install twiggy --version =0.8.0 --locked
  fi
fi

say "ready ($what)"
