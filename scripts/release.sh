#!/usr/bin/env bash
# Runs a command with the release build's toolchain: what `make serve`,
# `make dist`, `make bench` and the end-to-end tests' builds run trunk with.
#
#   scripts/release.sh trunk build --release
#   scripts/release.sh --toolchain     the toolchain's name (setup.sh installs it)
#
# The toolchain is a nightly, pinned, so that every build of the same code has
# the same bytes (the download ratchet, benches/size-ratchet.json, is exact).
# Nightly for two things stable Rust cannot do (docs/performance.md, "The
# standard library built with the app"):
#   - the standard library is compiled with the app (build-std), at the app's
#     opt-level "z", and with its optimize_for_size feature, rather than
#     linked from the copy rustup ships, compiled for speed;
#   - a panic stops the app at once (panic=immediate-abort), without
#     formatting its message, which Yew's hook only ever wrote to the console:
#     the code that formatted it, with the source paths it names, is gone
#     (19.6 KB of a case's page). The debug build keeps the message. The
#     project's lints deny the calls that panic (Cargo.toml, [lints]).
# Everything else (the tests, clippy, the debug build, the CLI) uses the
# stable toolchain, so the code stays stable Rust.
set -euo pipefail

toolchain=nightly-2026-05-20
if [ "${1:-}" = --toolchain ]; then
  echo "$toolchain"
  exit 0
fi
if [ $# -eq 0 ]; then
  echo "usage: scripts/release.sh COMMAND [ARGS...]   (or --toolchain)" >&2
  exit 2
fi

# RUSTFLAGS would replace the rustflags of .cargo/config.toml and these, and
# with them the relocations scripts/split.mjs cuts the build by.
if [ -n "${RUSTFLAGS:-}" ] || [ -n "${CARGO_ENCODED_RUSTFLAGS:-}" ]; then
  echo "scripts/release.sh: RUSTFLAGS or CARGO_ENCODED_RUSTFLAGS is set; unset it: it would replace the release build's flags" >&2
  exit 2
fi

export RUSTUP_TOOLCHAIN=$toolchain
export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
export CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size
# Cargo adds these to the rustflags in .cargo/config.toml (it joins the two).
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS='-Zunstable-options -Cpanic=immediate-abort'
exec "$@"
