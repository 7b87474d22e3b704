// Which files of a build a page load fetches before the page is usable.
// Shared by scripts/size-check.mjs (the ratchet) and benches/app.mjs.
//
// Every page load needs the page, its stylesheet, its scripts but the service
// worker (the boot script, wasm-bindgen's module and the loader of the parts),
// and the main wasm module: that is all the start page needs. Any other page
// also needs its part, and the pieces that part shares with others, as the
// loader (split-<hash>.js, written by scripts/split.mjs) lists them: a stage
// of a case, where its criteria are answered, needs the answers part, and the
// records part once an answer is saved. What is left (the other parts, the
// service worker, the manifest, the icons) is fetched after the page is
// usable.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * terser's options for the loader in a release build (scripts/split.mjs):
 * whitespace only, names and code kept as they are, so that the reader
 * below still finds which files each part fetches.
 */
export const LOADER_MINIFY = { module: true, compress: false, mangle: false };

const shell = (name) =>
  name === 'index.html' ||
  name.endsWith('.css') ||
  (name.endsWith('.js') && name !== 'sw.js') ||
  /^cpsa-web-[0-9a-f]+_bg\.wasm$/.test(name);

/** The text of the call whose opening parenthesis is at `open`, without its parentheses. */
function callArguments(text, open) {
  let depth = 0;
  let quote = null;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'" || c === '`') {
      quote = c;
    } else if (c === '(') {
      depth++;
    } else if (c === ')' && --depth === 0) {
      return text.slice(open + 1, i);
    }
  }
  throw new Error('the loader has a makeLoad call that does not close');
}

/**
 * Every `makeLoad` call of the loader, by name (a shared piece's
 * `__chunk_<n>`, a part's `__wasm_split_load_<part>`): the one module it
 * fetches and the names it depends on. Whitespace may be there or not (a
 * release build's loader has none). Anything else stops the size check
 * rather than let it count a page load short: a call fetching no module or
 * two, a dependency the loader does not define, a module of the build the
 * loader never fetches.
 */
function readLoader(loader, wasmFiles) {
  const calls = new Map();
  const start = /(?:const\s+(__chunk_\d+)|export\s+const\s+(__wasm_split_load_\w+))\s*=\s*(?:wrapAsyncCb\s*\(\s*)?makeLoad\s*\(/g;
  for (const m of loader.matchAll(start)) {
    const args = callArguments(loader, m.index + m[0].length - 1);
    const name = m[1] ?? m[2];
    const modules = [...args.matchAll(/new URL\(\s*["']\.\/([^"']+\.wasm)["']/g)].map((u) => u[1]);
    if (modules.length !== 1) throw new Error(`the loader's ${name} fetches ${modules.length} modules, not one`);
    const deps = args.match(/\[([^\]]*)\]\s*$/);
    if (!deps) throw new Error(`the loader's ${name} lists no dependencies`);
    calls.set(name, { module: modules[0], deps: deps[1].split(',').map((d) => d.trim()).filter(Boolean) });
  }
  for (const [name, call] of calls) {
    for (const d of call.deps) if (!calls.has(d)) throw new Error(`the loader's ${name} depends on ${d}, which it does not define`);
  }
  const fetched = new Set([...calls.values()].map((c) => c.module));
  const unplaced = wasmFiles.filter((f) => /^(chunk|split)_/.test(f) && !fetched.has(f));
  if (unplaced.length) throw new Error(`the loader fetches none of ${unplaced.join(', ')}: the size check cannot place them`);
  return calls;
}

/**
 * The modules one part loads: its own and the shared pieces it depends on,
 * and theirs.
 */
function partFiles(calls, part) {
  const name = `__wasm_split_load_${part}`;
  if (!calls.has(name)) throw new Error(`the loader has no part named ${part}`);
  const seen = new Set();
  const visit = (n) => {
    if (seen.has(n)) return;
    seen.add(n);
    calls.get(n).deps.forEach(visit);
  };
  visit(name);
  return [...seen].map((n) => calls.get(n).module);
}

/**
 * The files each kind of page load needs, by file name in `dir`: `start`,
 * the start page; `case`, a stage of a case opened directly (a bookmark or
 * a reload) and answered, the page the common alternative's one-case page
 * compares with; `tasks`, the task list or a case's summary opened
 * directly; `other`, a case's other pages (its details, timeline, grade,
 * refer-back, check, deletion) opened directly; `lead`, one of the lead's
 * pages (results, import, export, the action plan, every page but those)
 * opened directly.
 */
export function pageLoads(dir) {
  const files = readdirSync(dir).filter((f) => statSync(path.join(dir, f)).isFile());
  const start = files.filter(shell).sort();
  const loaderName = files.find((f) => /^split-[0-9a-f]+\.js$/.test(f));
  if (!loaderName) throw new Error(`${dir} has no loader of the parts (split-<hash>.js): build with trunk`);
  const calls = readLoader(readFileSync(path.join(dir, loaderName), 'utf8'), files.filter((f) => f.endsWith('.wasm')));
  const records = partFiles(calls, 'records');
  const load = (part) => [...new Set([...start, ...partFiles(calls, part), ...records])].sort();
  return { start, case: load('answers'), tasks: load('cases'), other: load('audit'), lead: load('lead') };
}
