// scripts/css.mjs: a release build's stylesheet minified and named after its
// content, with the page's link and integrity hash made again for it.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { minifyStylesheets } from '../../scripts/css.mjs';

const CSS = `/* The page. */
body {
  margin: 0;
  color: #0b0c0c;
}

@media print {
  .no-print {
    display: none;
  }
}

:focus-visible {
  outline: 3px solid #ffdd00;
}
`;

/** A build directory with index.html linking `main-abc.css` with an integrity hash. */
function build(integrity = true) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cpsa-css-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const attr = integrity ? ' integrity="sha384-old"' : '';
  writeFileSync(path.join(dir, 'index.html'), `<html><head><link rel="stylesheet" href="./main-abc.css"${attr}/></head></html>`);
  writeFileSync(path.join(dir, 'main-abc.css'), CSS);
  return dir;
}

test('the stylesheet is minified, keeps its rules, is named after its content, and the page links it', () => {
  const dir = build();
  minifyStylesheets(dir);
  const sheets = readdirSync(dir).filter((f) => f.endsWith('.css'));
  assert.equal(sheets.length, 1, `${sheets}`);
  const [name] = sheets;
  const css = readFileSync(path.join(dir, name), 'utf8');
  assert.equal(name, `main-${createHash('sha256').update(css).digest('hex').slice(0, 16)}.css`);
  assert.ok(css.length < CSS.length * 0.7, css);
  assert.ok(!css.includes('The page'), 'comments go');
  for (const rule of ['body{', 'margin:0', '@media print', '.no-print{display:none}', ':focus-visible{']) {
    assert.ok(css.includes(rule), `${rule} in ${css}`);
  }
  const html = readFileSync(path.join(dir, 'index.html'), 'utf8');
  const integrity = `sha384-${createHash('sha384').update(css).digest('base64')}`;
  assert.ok(html.includes(`href="./${name}" integrity="${integrity}"`), html);
});

test('a stylesheet the page does not check by integrity stops the build, changing nothing', () => {
  const dir = build(false);
  assert.throws(() => minifyStylesheets(dir), /index\.html has no integrity for main-abc\.css/);
  assert.equal(readFileSync(path.join(dir, 'main-abc.css'), 'utf8'), CSS);
  assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.css')), ['main-abc.css']);
});

test('a stylesheet that does not parse stops the build with where it is wrong', () => {
  const dir = build();
  const broken = 'body { color: red;\n} }\n.a { color: }';
  writeFileSync(path.join(dir, 'main-abc.css'), broken);
  assert.throws(() => minifyStylesheets(dir), /^Error: main-abc\.css:2:3: Invalid empty selector/);
  assert.equal(readFileSync(path.join(dir, 'main-abc.css'), 'utf8'), broken);
  assert.ok(readFileSync(path.join(dir, 'index.html'), 'utf8').includes('sha384-old'));
});

test('a second stylesheet that does not parse leaves the first as it was, and the page too', () => {
  const dir = build();
  writeFileSync(path.join(dir, 'zz-print.css'), '}} a');
  writeFileSync(
    path.join(dir, 'index.html'),
    readFileSync(path.join(dir, 'index.html'), 'utf8').replace('</head>', '<link rel="stylesheet" href="./zz-print.css" integrity="sha384-old"/></head>'),
  );
  const page = readFileSync(path.join(dir, 'index.html'), 'utf8');
  assert.throws(() => minifyStylesheets(dir), /^Error: zz-print\.css:1:/);
  assert.equal(readFileSync(path.join(dir, 'main-abc.css'), 'utf8'), CSS);
  assert.equal(readFileSync(path.join(dir, 'index.html'), 'utf8'), page);
});
