// scripts/hashes.mjs: how a build's steps name files and set index.html's
// integrity hashes.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { withIntegrity } from '../../scripts/hashes.mjs';

const PAGE = [
  '<link rel="modulepreload" href="/apps/cpsa/cpsa-web-0b.js" crossorigin="anonymous" integrity="sha384-old">',
  '<script type="module" src="./boot-2.js" integrity="sha384-old" crossorigin="anonymous"></script>',
  '<link rel="preload" href="./cpsa-web-0b_bg.wasm" as="fetch" integrity="sha384-old">',
].join('\n');
const sri = (text) => `sha384-${createHash('sha384').update(text).digest('base64')}`;

test('the element loading a file, by href or src, gets the integrity of its bytes and, if asked, a new name; nothing else changes', () => {
  const script = withIntegrity(PAGE, 'boot-2.js', 'boot');
  assert.equal(script, PAGE.replace('src="./boot-2.js" integrity="sha384-old"', `src="./boot-2.js" integrity="${sri('boot')}"`));
  const renamed = withIntegrity(PAGE, 'cpsa-web-0b.js', 'glue', 'cpsa-web-1c.js');
  assert.equal(
    renamed,
    PAGE.replace('href="/apps/cpsa/cpsa-web-0b.js" crossorigin="anonymous" integrity="sha384-old"', `href="/apps/cpsa/cpsa-web-1c.js" crossorigin="anonymous" integrity="${sri('glue')}"`),
  );
});

test('a file the page does not load with an integrity hash is refused: a name that only starts or ends the same is not it', () => {
  assert.throws(() => withIntegrity(PAGE, 'split-3.js', 'loader'), /index\.html has no integrity for split-3\.js/);
  assert.throws(() => withIntegrity(PAGE, 'web-0b.js', 'x'), /no integrity for web-0b\.js/);
  assert.throws(() => withIntegrity(PAGE, 'cpsa-web-0b', 'x'), /no integrity for cpsa-web-0b$/);
  assert.throws(() => withIntegrity('<link href="./main.css">', 'main.css', 'x'), /no integrity for main\.css/);
  // Another attribute that ends the same way is not the one the page loads by.
  assert.throws(() => withIntegrity('<link data-href="./main.css" data-integrity="x">', 'main.css', 'x'), /no integrity/);
});
