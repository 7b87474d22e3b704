// The download ratchet, run by `make test` after the release build: what a
// page load needs (the page, its scripts but the service worker, the wasm and
// the stylesheet), gzipped at level 9 with Node's zlib as `make bench` counts
// it, against the figure in benches/size-ratchet.json. Sizes do not vary from
// run to run, so this is a check where timings could only be figures.
//
// It fails when the download grew past the ratchet (raise it, in a commit that
// says what the bytes bought, only if they are worth it), and when it shrank
// by more than SLACK below it (lower it to the size measured, so the ratchet
// follows the size down). The budget it is a step towards is in benches/app.mjs.
//
//   node scripts/size-check.mjs [dist]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { forPageLoad } from './page-load.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.resolve(process.argv[2] ?? path.join(root, 'dist'));
const ratchetFile = path.join(root, 'benches', 'size-ratchet.json');
const SLACK = 1024;


let files;
try {
  files = readdirSync(dist).filter((f) => statSync(path.join(dist, f)).isFile() && forPageLoad(f));
} catch (e) {
  console.error(`size-check: cannot read ${dist} (${e.message}); build first with 'trunk build --release'`);
  process.exit(2);
}
const rows = files.sort().map((f) => ({ file: f, gzip: gzipSync(readFileSync(path.join(dist, f)), { level: 9 }).length }));
const measured = rows.reduce((a, r) => a + r.gzip, 0);
const { page_load_gzip_bytes: ratchet } = JSON.parse(readFileSync(ratchetFile, 'utf8'));

for (const r of rows) console.log(`  ${r.file.padEnd(40)} ${String(r.gzip).padStart(9)}`);
console.log(`  ${'what a page load needs'.padEnd(40)} ${String(measured).padStart(9)} bytes gzipped (ratchet ${ratchet})`);
if (measured > ratchet) {
  console.error(
    `size-check: the download grew to ${measured} bytes, ${measured - ratchet} over the ratchet of ${ratchet} in benches/size-ratchet.json. ` +
      'Take the growth off, or raise the ratchet in a commit that says what the bytes bought.',
  );
  process.exit(1);
}
if (measured < ratchet - SLACK) {
  console.error(
    `size-check: the download shrank to ${measured} bytes, ${ratchet - measured} under the ratchet of ${ratchet}. ` +
      `Lower page_load_gzip_bytes in benches/size-ratchet.json to ${measured}, so the ratchet follows the size down.`,
  );
  process.exit(1);
}
