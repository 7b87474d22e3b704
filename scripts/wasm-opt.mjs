// wasm-opt's options for every module of a release build: scripts/split.mjs
// optimises with them, and scripts/where-bytes.mjs again with names kept, so
// that what it measures is the code that is served.
//
// wasm-opt must be told which post-MVP features rustc's wasm32 output uses.
// The producers and target-features sections go: wasm-bindgen has read them
// by now, and browsers do not (1 KB of a case's page, in seven modules).
// low-memory-unused: Rust puts the stack first, growing down from 1 MiB, and
// no data below it, so the lowest 1 KiB is never addressed; wasm-opt may then
// fold a constant offset into a load or store (3 KB gzipped smaller).
export const WASM_OPT = [
  '-Oz',
  '--enable-bulk-memory',
  '--enable-nontrapping-float-to-int',
  '--enable-sign-ext',
  '--enable-mutable-globals',
  '--enable-multivalue',
  '--enable-reference-types',
  '--low-memory-unused',
  '--strip-producers',
  '--strip-target-features',
];
