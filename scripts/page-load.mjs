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

const shell = (name) =>
  name === 'index.html' ||
  name.endsWith('.css') ||
  (name.endsWith('.js') && name !== 'sw.js') ||
  /^cpsa-web-[0-9a-f]+_bg\.wasm$/.test(name);

/**
 * The modules one part loads: its own and the shared pieces it depends on,
 * read from the loader's `makeLoad` calls.
 */
function partFiles(loader, part) {
  const fetched = (body) => [...body.matchAll(/new URL\("\.\/([^"]+\.wasm)"/g)].map((m) => m[1]);
  const chunks = new Map();
  for (const m of loader.matchAll(/const (__chunk_\d+)\s*=\s*makeLoad\(([\s\S]*?)\s*,\s*\[\]\);/g)) {
    chunks.set(m[1], fetched(m[2]));
  }
  const own = loader.match(
    new RegExp(
      `export const __wasm_split_load_${part}\\s*=\\s*wrapAsyncCb\\(makeLoad\\(([\\s\\S]*?)\\s*,\\s*\\[([^\\]]*)\\]\\)\\);`,
    ),
  );
  if (!own) throw new Error(`the loader has no part named ${part}`);
  const deps = own[2].split(',').map((d) => d.trim()).filter(Boolean);
  return [...fetched(own[1]), ...deps.flatMap((d) => chunks.get(d) ?? [])];
}

/**
 * The files each kind of page load needs, by file name in `dir`: `start`,
 * the start page; `case`, a stage of a case opened directly (a bookmark or
 * a reload) and answered, the page the common alternative's one-case page
 * compares with; `tasks`, the task list (or a case's other pages) opened
 * directly, a figure without a budget.
 */
export function pageLoads(dir) {
  const files = readdirSync(dir).filter((f) => statSync(path.join(dir, f)).isFile());
  const start = files.filter(shell).sort();
  const loaderName = files.find((f) => /^split-[0-9a-f]+\.js$/.test(f));
  if (!loaderName) throw new Error(`${dir} has no loader of the parts (split-<hash>.js): build with trunk`);
  const loader = readFileSync(path.join(dir, loaderName), 'utf8');
  const records = partFiles(loader, 'records');
  const load = (part) => [...new Set([...start, ...partFiles(loader, part), ...records])].sort();
  return { start, case: load('answers'), tasks: load('cases') };
}
