// Minifies the stylesheet of a release build with lightningcss (the
// minifier Trunk's own `minify` option uses): 0.8 KB of every page load,
// gzipped. Trunk's option is not used because it also rewrites index.html,
// whose markup the later steps read. The file keeps the name Trunk gave it
// (a hash of the source, so a changed stylesheet still gets a new name), and
// index.html's integrity hash for it is made again. Runs in the post-build
// hook (scripts/post-build.mjs) after split.mjs, before sw.mjs lists the
// files.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { transform } from 'lightningcss';

/** Minifies every stylesheet in `dir` and updates index.html's integrity for it. */
export function minifyStylesheets(dir) {
  const indexPath = path.join(dir, 'index.html');
  let html = readFileSync(indexPath, 'utf8');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.css'))) {
    const link = new RegExp(`(<link[^>]*href="[^"]*${file.replaceAll('.', '\\.')}"[^>]*integrity=")[^"]*(")`);
    if (!link.test(html)) throw new Error(`index.html has no integrity for ${file}`);
    let code;
    try {
      ({ code } = transform({ filename: file, code: readFileSync(path.join(dir, file)), minify: true }));
    } catch (e) {
      const at = e.loc ? `:${e.loc.line}:${e.loc.column}` : '';
      throw new Error(`${file}${at}: ${e.message}`);
    }
    writeFileSync(path.join(dir, file), code);
    html = html.replace(link, `$1sha384-${createHash('sha384').update(code).digest('base64')}$2`);
  }
  writeFileSync(indexPath, html);
}
