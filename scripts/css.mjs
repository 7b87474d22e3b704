// Minifies the stylesheet of a release build with lightningcss (the
// minifier Trunk's own `minify` option uses): 0.8 KB of every page load,
// gzipped. Trunk's option is not used because it also rewrites index.html,
// whose markup the later steps read. The minified file is named after its
// own content, as the parts are (scripts/split.mjs), so a host or a browser
// that keeps files by name never holds another version under it, and
// index.html's link and integrity hash follow. Runs in the post-build hook
// (scripts/post-build.mjs) after split.mjs, before sw.mjs lists the files.
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { transform } from 'lightningcss';
import { contentHash, withIntegrity } from './hashes.mjs';

/**
 * Minifies every stylesheet in `dir`, renames it after its content and
 * updates index.html's link to it. Everything is read and checked before
 * anything is written: a stylesheet that does not parse, or that index.html
 * does not link with an integrity hash, changes nothing.
 */
export function minifyStylesheets(dir) {
  const indexPath = path.join(dir, 'index.html');
  let html = readFileSync(indexPath, 'utf8');
  const written = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.css'))) {
    let code;
    try {
      ({ code } = transform({ filename: file, code: readFileSync(path.join(dir, file)), minify: true }));
    } catch (e) {
      const at = e.loc ? `:${e.loc.line}:${e.loc.column}` : '';
      throw new Error(`${file}${at}: ${e.message}`);
    }
    const stem = file.replace(/-[0-9a-f]+\.css$|\.css$/, '');
    const named = `${stem}-${contentHash(code)}.css`;
    html = withIntegrity(html, file, code, named);
    written.push([file, named, code]);
  }
  for (const [file, named, code] of written) {
    writeFileSync(path.join(dir, named), code);
    if (named !== file) rmSync(path.join(dir, file));
  }
  writeFileSync(indexPath, html);
}
