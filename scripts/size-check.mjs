// The download ratchet, run by `make test` after the release build: what a
// page load needs (scripts/page-load.mjs), gzipped at level 9 with Node's zlib
// as `make bench` counts it, against the figures in benches/size-ratchet.json,
// for the start page, a stage of a case, the task list, a case's other pages
// and the lead's pages, each opened directly. Sizes do not vary from run to
// run, so this is a check where timings could only be figures.
//
// It fails when a download grew past its ratchet (raise it, in a commit that
// says what the bytes bought, only if they are worth it), and when it shrank
// by more than SLACK below it (lower it to the size measured, so the ratchet
// follows the size down). The budget each is held to (issue 21's 388 KB for
// what a page load needs) is in benches/app.mjs, which says which are met.
//
// The bytes are those of the release build (scripts/release.sh, a pinned
// toolchain), the same on every machine because that build keeps no source
// path: a wasm module that names a Rust source file fails the check, as its
// bytes would depend on where the machine keeps Cargo's home and the clone.
//
//   node scripts/size-check.mjs [dist]
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { pageLoads } from './page-load.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.resolve(process.argv[2] ?? path.join(root, 'dist'));
const ratchetFile = path.join(root, 'benches', 'size-ratchet.json');
const SLACK = 1024;

let loads;
try {
  loads = pageLoads(dist);
} catch (e) {
  console.error(`size-check: cannot read ${dist} (${e.message}); build first with 'make dist'`);
  process.exit(2);
}
const gzip = new Map();
const gzipped = (f) => {
  if (!gzip.has(f)) gzip.set(f, gzipSync(readFileSync(path.join(dist, f)), { level: 9 }).length);
  return gzip.get(f);
};
const ratchet = JSON.parse(readFileSync(ratchetFile, 'utf8'));
const checks = [
  { name: 'the start page', key: 'start_page_gzip_bytes', files: loads.start },
  { name: 'a stage of a case, opened directly', key: 'case_page_gzip_bytes', files: loads.case },
  { name: "the task list or a case's summary, opened directly", key: 'task_list_gzip_bytes', files: loads.tasks },
  { name: "a case's other pages, opened directly", key: 'other_case_pages_gzip_bytes', files: loads.other },
  { name: "one of the lead's pages, opened directly", key: 'lead_pages_gzip_bytes', files: loads.lead },
];

let failed = false;
for (const { name, key, files } of checks) {
  const limit = ratchet[key];
  const measured = files.reduce((a, f) => a + gzipped(f), 0);
  console.log(`What ${name} needs:`);
  for (const f of files) console.log(`  ${f.padEnd(40)} ${String(gzipped(f)).padStart(9)}`);
  console.log(`  ${'in all'.padEnd(40)} ${String(measured).padStart(9)} bytes gzipped (ratchet ${limit})`);
  if (typeof limit !== 'number') {
    console.error(`size-check: benches/size-ratchet.json has no ${key}`);
    failed = true;
  } else if (measured > limit) {
    console.error(
      `size-check: what ${name} needs grew to ${measured} bytes, ${measured - limit} over the ratchet of ${limit} in benches/size-ratchet.json (${key}). ` +
        'Take the growth off, or raise the ratchet in a commit that says what the bytes bought.',
    );
    failed = true;
  } else if (measured < limit - SLACK) {
    console.error(
      `size-check: what ${name} needs shrank to ${measured} bytes, ${limit - measured} under the ratchet of ${limit}. ` +
        `Lower ${key} in benches/size-ratchet.json to ${measured}, so the ratchet follows the size down.`,
    );
    failed = true;
  }
}

// A path ending in .rs, with at least one folder: what panic locations look like.
const SOURCE_PATH = /[\w.-]*\/[\w./-]*\.rs(?![\w])/;
for (const f of readdirSync(dist).filter((f) => f.endsWith('.wasm'))) {
  const found = readFileSync(path.join(dist, f)).toString('latin1').match(SOURCE_PATH);
  if (found) {
    console.error(
      `size-check: ${f} names a source file (${found[0]}), so its size depends on the machine that built it; ` +
        "build with 'make dist' (scripts/release.sh), whose panics carry no location.",
    );
    failed = true;
  }
}
if (failed) process.exit(1);
