// scripts/page-load.mjs: which files a page load needs, read from the loader
// of the parts as split.mjs writes it, whitespace and all (a debug build) or
// without it (a release build).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { minify } from 'terser';
import { LOADER_MINIFY, pageLoads } from '../../scripts/page-load.mjs';

// The shape of wasm-split-cli's loader: shared pieces, then each part with
// the pieces it needs.
const chunk = (n, deps = []) => `const __chunk_${n} = makeLoad(() => {
    const src = fetch(new URL("./chunk_${n}-0${n}.wasm", import.meta.url));
    src.catch(() => {});
    return async (imports) => instantiate(src, imports);
}
, [${deps.join(', ')}]);`;
const part = (name, deps) => `export const __wasm_split_load_${name} = wrapAsyncCb(makeLoad(() => {
    const src = fetch(new URL("./split_${name}-0a.wasm", import.meta.url));
    src.catch(() => {});
    return async (imports) => instantiate(src, imports);
}
, [${deps.join(', ')}]));`;
const LOADER = `import { initSync } from "./cpsa-web-0b.js";
function makeLoad(loader, deps) { return () => Promise.all(deps.map((d) => d())).then(loader); }
function wrapAsyncCb(f) { return f; }
async function instantiate(src, imports) { return src; }
${chunk(6)}
${chunk(7)}
${chunk(8)}
${chunk(9, ['__chunk_8'])}
${part('answers', ['__chunk_6', '__chunk_7'])}
${part('cases', ['__chunk_7'])}
${part('audit', ['__chunk_7', '__chunk_9'])}
${part('records', ['__chunk_8'])}
${part('lead', ['__chunk_6', '__chunk_8'])}
`;

function build(loader) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cpsa-loads-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const files = {
    'index.html': '', 'main-1.css': '', 'boot-2.js': '', 'cpsa-web-0b.js': '', 'cpsa-web-0b_bg.wasm': '',
    'split-3.js': loader, 'sw.js': '', 'manifest.webmanifest': '',
    'chunk_6-06.wasm': '', 'chunk_7-07.wasm': '', 'chunk_8-08.wasm': '', 'chunk_9-09.wasm': '',
    'split_answers-0a.wasm': '', 'split_cases-0a.wasm': '', 'split_audit-0a.wasm': '', 'split_records-0a.wasm': '', 'split_lead-0a.wasm': '',
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

const START = ['boot-2.js', 'cpsa-web-0b.js', 'cpsa-web-0b_bg.wasm', 'index.html', 'main-1.css', 'split-3.js'];
const CASE = [...START, 'chunk_6-06.wasm', 'chunk_7-07.wasm', 'chunk_8-08.wasm', 'split_answers-0a.wasm', 'split_records-0a.wasm'].sort();
const TASKS = [...START, 'chunk_7-07.wasm', 'chunk_8-08.wasm', 'split_cases-0a.wasm', 'split_records-0a.wasm'].sort();
// A shared piece's own dependency (chunk 9 needs chunk 8) counts too.
const OTHER = [...START, 'chunk_7-07.wasm', 'chunk_8-08.wasm', 'chunk_9-09.wasm', 'split_audit-0a.wasm', 'split_records-0a.wasm'].sort();
const LEAD = [...START, 'chunk_6-06.wasm', 'chunk_8-08.wasm', 'split_lead-0a.wasm', 'split_records-0a.wasm'].sort();

test('a stage of a case needs the answers and records parts and the pieces they share, the task list the cases part, a lead\'s page the lead\'s part, read from the loader as written', () => {
  const loads = pageLoads(build(LOADER));
  assert.deepEqual(loads.start, START);
  assert.deepEqual(loads.case, CASE);
  assert.deepEqual(loads.tasks, TASKS);
  assert.deepEqual(loads.other, OTHER);
  assert.deepEqual(loads.lead, LEAD);
});

test('the same from the loader without its whitespace, as a release build serves it', async () => {
  // terser as scripts/split.mjs runs it on the loader.
  const { code } = await minify(LOADER, LOADER_MINIFY);
  assert.ok(!code.includes('\n') && !code.includes(' = makeLoad'), code);
  const loads = pageLoads(build(code));
  assert.deepEqual(loads.start, START);
  assert.deepEqual(loads.case, CASE);
  assert.deepEqual(loads.tasks, TASKS);
  assert.deepEqual(loads.other, OTHER);
  assert.deepEqual(loads.lead, LEAD);
});

test('a loader without the answers part is an error, not a smaller page load', () => {
  assert.throws(() => pageLoads(build(LOADER.replace('__wasm_split_load_answers', '__wasm_split_load_other'))), /no part named answers/);
});

test('a loader the size check cannot read fully stops it, rather than count a page load short', () => {
  const cases = [
    [LOADER.replace('[__chunk_6, __chunk_7]', '[__chunk_6, __chunk_70]'), /__wasm_split_load_answers depends on __chunk_70, which it does not define/],
    [LOADER.replace('"./chunk_9-09.wasm"', '"./chunk_9-09.js"'), /__chunk_9 fetches 0 modules, not one/],
    [
      LOADER.replace(`${chunk(9, ['__chunk_8'])}\n`, '').replace('[__chunk_7, __chunk_9]', '[__chunk_7]'),
      /the loader fetches none of chunk_9-09\.wasm/,
    ],
  ];
  for (const [loader, message] of cases) {
    assert.notEqual(loader, LOADER);
    assert.throws(() => pageLoads(build(loader)), message);
  }
});
