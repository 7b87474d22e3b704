// Makes a finished build run under a strict Content-Security-Policy: moves
// the loader Trunk writes inline (<script type="module">…</script>) into a
// file of its own, loaded with a subresource-integrity hash, and adds the
// policy to index.html as a <meta> tag. Runs after each build, before
// sw.mjs lists the files (scripts/post-build.mjs); it can also be run on a
// directory: node scripts/csp.mjs dist
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { contentHash, integrity } from './hashes.mjs';

// Only the app's own origin, and WebAssembly compilation; no inline script,
// no eval, no plugins, nothing from anywhere else. (frame-ancestors cannot be
// set from a <meta>: hosts send it as a header, see the README.)
export const POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

const dir = process.argv[2] || process.env.TRUNK_STAGING_DIR || 'dist';
const indexPath = path.join(dir, 'index.html');
let html = readFileSync(indexPath, 'utf8');

const inline = [...html.matchAll(/<script type="module">([\s\S]*?)<\/script>/g)];
if (inline.length !== 1) {
  console.error(`csp.mjs: expected one inline module script in ${indexPath}, found ${inline.length}`);
  process.exit(1);
}
const [whole, code] = inline[0];
const name = `boot-${contentHash(code)}.js`;
writeFileSync(path.join(dir, name), code);
// Beside the wasm-bindgen module it imports, so its relative import resolves
// the same; with an absolute public URL Trunk's import is absolute anyway.
const base = (html.match(/<link rel="modulepreload" href="([^"]*\/)[^"/]*"/) || [null, './'])[1];
html = html.replace(
  whole,
  `<script type="module" src="${base}${name}" integrity="${integrity(code)}" crossorigin="anonymous"></script>`,
);
if (/<script(?![^>]*\bsrc=)[^>]*>/.test(html)) {
  console.error(`csp.mjs: ${indexPath} still has an inline script`);
  process.exit(1);
}
const charset = '<meta charset="utf-8">';
if (!html.includes(charset)) {
  console.error(`csp.mjs: ${indexPath} has no ${charset} to put the policy after`);
  process.exit(1);
}
html = html.replace(charset, `${charset}\n    <meta http-equiv="Content-Security-Policy" content="${POLICY}">`);
writeFileSync(indexPath, html);
