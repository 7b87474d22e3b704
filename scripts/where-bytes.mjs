// Where each page load's bytes come from, by module of the app's own code or
// by crate: the step before any size work ("whatever twiggy shows next",
// issue 21), in one command instead of the hand-run steps docs/performance.md
// used to describe.
//
//   make dist && make where-bytes        (or: node scripts/where-bytes.mjs [dist] [--top N])
//
// The served modules have no names. This takes the modules of the same build
// before optimisation, as scripts/split.mjs left them in target/split/release
// (checking they are the ones dist/ serves), optimises each again with the
// same wasm-opt options but names kept, reads every function's and data
// segment's size with twiggy (`scripts/setup.sh analyse` installs it), and
// sums them for each page load as scripts/page-load.mjs lists its files:
// bytes before compression, which is what code changes move; gzip shrinks
// code to about a third and text to about a fifth.
//
// Each item goes to the last module of this crate its name mentions, so a
// component's view code counts for its page, a closure for the function it
// is in and a generic for the type it is made for; an item that names none,
// to its crate (yew, serde_json, core...); a data segment to "data"; the
// module's types, imports and tables to "sections".
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { pageLoads } from './page-load.mjs';
import { WASM_OPT } from './wasm-opt.mjs';

const run = promisify(execFile);

/** The module paths of a source tree (`app::pages::check` for src/app/pages/check.rs). */
export function sourceModules(src) {
  const modules = new Set();
  const walk = (dir, prefix) => {
    for (const name of readdirSync(dir)) {
      const p = path.join(dir, name);
      if (statSync(p).isDirectory()) {
        modules.add([...prefix, name].join('::'));
        walk(p, [...prefix, name]);
      } else if (name.endsWith('.rs') && name !== 'mod.rs' && prefix.length > 0) {
        modules.add([...prefix, name.slice(0, -3)].join('::'));
      } else if (name.endsWith('.rs') && prefix.length === 0 && !['lib.rs', 'main.rs'].includes(name)) {
        modules.add(name.slice(0, -3));
      }
    }
  };
  walk(src, []);
  return modules;
}

const OWN_PATH = /\bcpsa\[[0-9a-f]+\]((?:::[A-Za-z_][A-Za-z0-9_]*)+)/g;
const CRATE = /\b([A-Za-z_][A-Za-z0-9_]*)\[[0-9a-f]+\]::/;
const SECTION = /^(?:type\[|import |export |elem\[|table\[|memory\[|global\[|custom section |code section headers|wasm magic bytes)/;

/**
 * Who an item of twiggy's list belongs to: `app::pages::check`, `yew`,
 * `data`, `sections`, or `other` (a name with no crate in it, such as
 * wasm-bindgen's shims). `modules` is sourceModules' set.
 */
export function owner(name, modules) {
  let last = null;
  for (const m of name.matchAll(OWN_PATH)) last = m[1];
  if (last !== null) {
    const segments = last.slice(2).split('::');
    for (let n = segments.length; n > 0; n--) {
      const candidate = segments.slice(0, n).join('::');
      if (modules.has(candidate)) return candidate;
    }
    return 'cpsa';
  }
  if (name.startsWith('data segment')) return 'data';
  const crate = name.match(CRATE);
  if (crate) return crate[1];
  if (SECTION.test(name)) return 'sections';
  return 'other';
}

/** Names a module keeps only for tools: not served, so not counted. */
const namesOnly = (name) => / subsection$/.test(name) || name === "custom section 'name'";

/**
 * Sums twiggy's items (`{ name, shallow_size }`) by owner, leaving out the
 * names section. Returns a Map of owner to bytes.
 */
export function byOwner(items, modules) {
  const sums = new Map();
  for (const { name, shallow_size: bytes } of items) {
    if (namesOnly(name)) continue;
    const who = owner(name, modules);
    sums.set(who, (sums.get(who) ?? 0) + bytes);
  }
  return sums;
}

/** Adds up several owners' maps. */
export function addUp(maps) {
  const total = new Map();
  for (const m of maps) for (const [k, v] of m) total.set(k, (total.get(k) ?? 0) + v);
  return total;
}

/**
 * Where a served module's unoptimised twin is in scripts/split.mjs's work
 * directory: parts/chunk_11.wasm for chunk_11-<hash>.wasm, and the main
 * module's under bindgen/.
 */
export function unoptimised(work, file) {
  const part = file.match(/^((?:chunk|split)_\w+?)-[0-9a-f]+\.wasm$/);
  if (part) return path.join(work, 'parts', `${part[1]}.wasm`);
  if (/^cpsa-web-[0-9a-f]+_bg\.wasm$/.test(file)) return path.join(work, 'bindgen', file);
  return null;
}

const kb = (n) => (n / 1024).toFixed(1).padStart(7);

async function main() {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const args = process.argv.slice(2);
  const topAt = args.indexOf('--top');
  const top = topAt >= 0 ? Number(args.splice(topAt, 2)[1]) : 15;
  if (!Number.isInteger(top) || top < 1) throw new Error('--top takes a whole number of rows, 1 or more');
  const dist = path.resolve(args[0] ?? path.join(root, 'dist'));
  const work = path.join(process.env.CARGO_TARGET_DIR || path.join(root, 'target'), 'split', 'release');
  const out = path.join(root, 'target', 'where-bytes');
  mkdirSync(out, { recursive: true });
  try {
    await run('twiggy', ['--version']);
  } catch {
    throw new Error('twiggy is not installed: run scripts/setup.sh analyse');
  }

  const loads = pageLoads(dist);
  const wasmFiles = readdirSync(dist).filter((f) => f.endsWith('.wasm'));
  const modules = sourceModules(path.join(root, 'src'));
  const perFile = new Map();
  for (const file of wasmFiles) {
    const from = unoptimised(work, file);
    if (!from || !existsSync(from)) {
      throw new Error(`${work} has no unoptimised copy of ${file}: build ${dist} again with 'make dist' (a release build), then run this`);
    }
    // A part's optimised twin must be the very file served, or the work
    // directory is of another build.
    const served = readFileSync(path.join(dist, file));
    if (!file.startsWith('cpsa-web-') && !readFileSync(`${from}.opt`).equals(served)) {
      throw new Error(`${from} is not of the build in ${dist}: run 'make dist' again, then this`);
    }
    const named = path.join(out, path.basename(from));
    await run('wasm-opt', [...WASM_OPT, '-g', from, '-o', named]);
    const { stdout } = await run('twiggy', ['top', '-n', '1000000', '--format', 'json', named], { maxBuffer: 1 << 28 });
    perFile.set(file, { owners: byOwner(JSON.parse(stdout), modules), gzip: gzipSync(served, { level: 9 }).length });
  }

  const report = (title, files) => {
    const wasm = files.filter((f) => perFile.has(f));
    const sums = addUp(wasm.map((f) => perFile.get(f).owners));
    const total = [...sums.values()].reduce((a, b) => a + b, 0);
    const gzip = wasm.reduce((a, f) => a + perFile.get(f).gzip, 0);
    console.log(`\n${title}: ${wasm.length} wasm modules, ${kb(total).trim()} KB optimised (${kb(gzip).trim()} KB gzipped as served)`);
    const rows = [...sums].sort((a, b) => b[1] - a[1]);
    for (const [who, bytes] of rows.slice(0, top)) {
      console.log(`  ${who.padEnd(36)} ${kb(bytes)} KB ${((100 * bytes) / total).toFixed(1).padStart(5)}%`);
    }
    if (rows.length > top) {
      const rest = rows.slice(top).reduce((a, [, b]) => a + b, 0);
      console.log(`  ${`${rows.length - top} more`.padEnd(36)} ${kb(rest)} KB ${((100 * rest) / total).toFixed(1).padStart(5)}%`);
    }
  };
  report('The start page', loads.start);
  report('A stage of a case, opened directly', loads.case);
  report("The task list or a case's summary, opened directly", loads.tasks);
  report("A case's other pages, opened directly", loads.other);
  report("One of the lead's pages, opened directly", loads.lead);
  report('Everything served', wasmFiles);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(`where-bytes: ${e.message}`);
    process.exit(1);
  });
}
