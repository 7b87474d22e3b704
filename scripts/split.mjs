// Cuts the app's build into the parts loaded on demand (src/app/chunks.rs):
// the main module every page load fetches, and the parts fetched when one of
// their pages is first opened. Runs first in Trunk's post-build hook
// (scripts/post-build.mjs), on the staging directory Trunk has just filled.
//
// Trunk builds the wasm and runs wasm-bindgen on it whole; the cut has to be
// made before wasm-bindgen, from the linker's relocations (kept by the
// rustflags in .cargo/config.toml). So this takes Cargo's wasm again and:
//   1. wasm-split-cli cuts it at the `#[wasm_split]` functions into the main
//      module, one module per part (and per piece parts share), and the
//      JavaScript that fetches them;
//   2. wasm-bindgen runs on the main module (keeping the function table the
//      parts are linked into), with the name Trunk gave its own output;
//   3. in a release build wasm-opt -Oz runs on every module (Trunk's own
//      wasm-opt is off in index.html);
//   4. in a release build the functions the main module imports from
//      wasm-bindgen's JavaScript get short names in both (scripts/imports.mjs),
//      and that JavaScript is minified (terser), the loader of the parts
//      losing only its whitespace;
//   5. the parts and the loader get names with a hash of their content, and
//      the main module and its JavaScript replace Trunk's, with index.html's
//      integrity hashes updated.
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { minify } from 'terser';
import { contentHash, withIntegrity } from './hashes.mjs';
import { shortenImports } from './imports.mjs';
import { LOADER_MINIFY } from './page-load.mjs';
import { WASM_OPT } from './wasm-opt.mjs';

const run = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('split.mjs: runs as part of a trunk build (scripts/post-build.mjs), which sets TRUNK_STAGING_DIR');
  process.exit(1);
}
const profile = process.env.TRUNK_PROFILE === 'debug' ? 'debug' : 'release';
const target = process.env.CARGO_TARGET_DIR || path.join(root, 'target');
const input = path.join(target, 'wasm32-unknown-unknown', profile, 'cpsa-web.wasm');
const fail = (message) => {
  console.error(`split.mjs: ${message}`);
  process.exit(1);
};

const glue = readdirSync(dir).filter((f) => /^cpsa-web-[0-9a-f]+\.js$/.test(f));
if (glue.length !== 1) fail(`expected one cpsa-web-<hash>.js in ${dir}, found ${glue.length}`);
const stem = glue[0].slice(0, -'.js'.length);

const wasm = readFileSync(input);
if (!wasm.includes('reloc.CODE')) {
  fail(
    `${input} has no relocations to cut it by. The rustflags in .cargo/config.toml keep them; ` +
      'a RUSTFLAGS variable in the environment replaces those flags, so unset it.',
  );
}

const work = path.join(target, 'split', profile);
rmSync(work, { recursive: true, force: true });
const parts = path.join(work, 'parts');
const bindgen = path.join(work, 'bindgen');
mkdirSync(parts, { recursive: true });
await run('wasm-split-cli', [input, parts, '--out-name', stem, '--target', 'web']);
await run('wasm-bindgen', [
  path.join(parts, `${stem}.wasm`),
  '--target=web',
  `--out-dir=${bindgen}`,
  `--out-name=${stem}`,
  '--no-typescript',
  '--keep-lld-exports',
]);

// Every module, optimised in a release build, two at a time (wasm-opt is
// single-threaded on these machines' two cores).
const modules = [
  { from: path.join(bindgen, `${stem}_bg.wasm`), main: true },
  ...readdirSync(parts)
    .filter((f) => f.endsWith('.wasm') && f !== `${stem}.wasm`)
    .sort()
    .map((f) => ({ from: path.join(parts, f), file: f })),
];
if (modules.length < 2) fail('wasm-split-cli found no parts to cut: are the #[wasm_split] functions still called?');
const optimise = async (m) => {
  if (profile !== 'release') return readFileSync(m.from);
  const out = `${m.from}.opt`;
  await run('wasm-opt', [...WASM_OPT, m.from, '-o', out]);
  return readFileSync(out);
};
const queue = [...modules];
await Promise.all(
  [0, 1].map(async () => {
    for (let m = queue.shift(); m; m = queue.shift()) m.bytes = await optimise(m);
  }),
);

let loader = readFileSync(path.join(parts, '__wasm_split.js'), 'utf8');
for (const m of modules.filter((m) => !m.main)) {
  const named = `${m.file.slice(0, -'.wasm'.length)}-${contentHash(m.bytes)}.wasm`;
  if (!loader.includes(`"./${m.file}"`)) fail(`the loader does not fetch ${m.file}`);
  loader = loader.replaceAll(`"./${m.file}"`, `"./${named}"`);
  writeFileSync(path.join(dir, named), m.bytes);
}
// wasm-split-cli's loader compiles a part while it downloads, which browsers
// allow only for a file served as application/wasm. A host that serves .wasm
// as anything else (older MIME tables, IIS) would then have no pages but the
// start page: the part is compiled from its bytes instead, as wasm-bindgen's
// loader does for the main module.
const streaming = 'WebAssembly.instantiateStreaming(src, imports)';
if (!loader.includes(streaming)) fail('the loader no longer instantiates parts as split.mjs expects');
const [importLine, ...rest] = loader.split('\n');
loader = `${importLine}
async function instantiate(src, imports) {
    const response = await src;
    if ((response.headers.get('Content-Type') || '').startsWith('application/wasm')) {
        return WebAssembly.instantiateStreaming(response, imports);
    }
    return WebAssembly.instantiate(await response.arrayBuffer(), imports);
}
` + rest.join('\n').replaceAll(streaming, 'instantiate(src, imports)');
// In a release build the loader loses its whitespace (terser, names and
// code kept as they are, so scripts/page-load.mjs still reads which files
// each part fetches from it): 0.3 KB of every page load, gzipped.
if (profile === 'release') {
  try {
    const out = await minify(loader, LOADER_MINIFY);
    if (typeof out.code !== 'string') throw new Error('terser returned no code');
    loader = out.code;
  } catch (e) {
    fail(`cannot minify the loader of the parts: ${e.message}`);
  }
}
const loaderName = `split-${contentHash(loader)}.js`;
writeFileSync(path.join(dir, loaderName), loader);

let js = readFileSync(path.join(bindgen, `${stem}.js`), 'utf8');
// The import statement names the file; the import object keeps the module
// name the wasm asks for.
if (!js.includes('from "./__wasm_split.js"')) fail('the main module does not import the loader');
js = js.replaceAll('from "./__wasm_split.js"', `from "./${loaderName}"`);
let main = modules[0].bytes;
// In a release build, what the main module imports from wasm-bindgen's
// JavaScript gets short names, in both files (scripts/imports.mjs), and that
// JavaScript is minified with terser (2.2 KB of every page load, gzipped; its
// exports keep their names).
if (profile === 'release') {
  try {
    ({ wasm: main, js } = shortenImports(main, js, `./${stem}_bg.js`));
  } catch (e) {
    fail(`cannot shorten the main module's import names: ${e.message}`);
  }
  try {
    const out = await minify(js, { module: true, compress: true, mangle: true });
    if (typeof out.code !== 'string') throw new Error('terser returned no code');
    js = out.code;
  } catch (e) {
    fail(`cannot minify wasm-bindgen's JavaScript: ${e.message}`);
  }
}
writeFileSync(path.join(dir, `${stem}.js`), js);
writeFileSync(path.join(dir, `${stem}_bg.wasm`), main);

// Trunk's index.html preloads the two files it wrote, with their hashes.
const indexPath = path.join(dir, 'index.html');
let html = readFileSync(indexPath, 'utf8');
for (const [file, bytes] of [
  [`${stem}.js`, js],
  [`${stem}_bg.wasm`, main],
]) {
  try {
    html = withIntegrity(html, file, bytes);
  } catch (e) {
    fail(e.message);
  }
}
writeFileSync(indexPath, html);
console.log(`split.mjs: ${modules.length - 1} parts besides the main module (${profile})`);
