// Writes sw.js into a finished build: the template with this build's files and
// a cache name from a hash of their names and contents. Runs after each build
// in Trunk's staging directory (scripts/post-build.mjs, after csp.mjs); it can
// also be run on a directory: node scripts/sw.mjs dist
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const dir = process.argv[2] || process.env.TRUNK_STAGING_DIR || 'dist';

const files = [];
const walk = (d) => {
  for (const name of readdirSync(d).sort()) {
    const p = path.join(d, name);
    if (statSync(p).isDirectory()) walk(p);
    else files.push(path.relative(dir, p).split(path.sep).join('/'));
  }
};
walk(dir);
const cached = files.filter((f) => f !== 'sw.js');
const hash = createHash('sha256');
for (const f of cached) {
  hash.update(f);
  hash.update(readFileSync(path.join(dir, f)));
}
const build = hash.digest('hex').slice(0, 16);
const template = readFileSync(path.join(here, 'sw-template.js'), 'utf8');
const sw = template.replace('__BUILD__', build).replace('__FILES__', JSON.stringify(cached, null, 2));
writeFileSync(path.join(dir, 'sw.js'), sw);
console.log(`sw.js: build ${build}, ${cached.length} files`);
