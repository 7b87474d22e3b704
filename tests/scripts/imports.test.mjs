// scripts/imports.mjs: the short import names of a release build's main
// module, on a module written byte by byte, laid out as wasm-bindgen's is.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { shortName, shortenImports } from '../../scripts/imports.mjs';

const str = (s) => [s.length, ...Buffer.from(s)];
const section = (id, bytes) => [id, bytes.length, ...bytes];

/** Imports two functions from ./x_bg.js around one from the parts' loader,
 * and exports `sum`, which adds what the three return. */
function module() {
  const imports = [
    [...str('./x_bg.js'), ...str('__wbg_one_0123456789abcdef'), 0x00, 0x00],
    [...str('./__wasm_split.js'), ...str('__wasm_split_load'), 0x00, 0x00],
    [...str('./x_bg.js'), ...str('__wbg_two_fedcba9876543210'), 0x00, 0x00],
  ];
  const body = [0x00, 0x10, 0x00, 0x10, 0x01, 0x6a, 0x10, 0x02, 0x6a, 0x0b];
  return Buffer.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [0x01, 0x60, 0x00, 0x01, 0x7f]),
    ...section(2, [imports.length, ...imports.flat()]),
    ...section(3, [0x01, 0x00]),
    ...section(7, [0x01, ...str('sum'), 0x00, 0x03]),
    ...section(10, [0x01, body.length, ...body]),
  ]);
}

const glue = `function __wbg_get_imports() {
    const import0 = {
        __proto__: null,
        __wbg_one_0123456789abcdef: function() {
            return 1;
        },
        __wbg_two_fedcba9876543210: function() {
            return 20;
        },
    };
    return { "./x_bg.js": import0, "./__wasm_split.js": { __wasm_split_load: () => 300 } };
}`;

const instantiate = async (wasm, js) => {
  const imports = new Function(`${js}\nreturn __wbg_get_imports();`)();
  const { instance } = await WebAssembly.instantiate(wasm, imports);
  return instance.exports.sum();
};

test('names run a to Z, then aa, ab', () => {
  assert.deepEqual([0, 1, 25, 26, 51, 52, 53, 52 + 52 * 52 - 1].map(shortName), ['a', 'b', 'z', 'A', 'Z', 'aa', 'ab', 'ZZ']);
});

test("the module's imports from the JavaScript get short names in both files, and it still runs", async () => {
  assert.equal(await instantiate(module(), glue), 321);
  const { wasm, js, renamed } = shortenImports(module(), glue, './x_bg.js');
  assert.equal(renamed, 2);
  assert.deepEqual(
    WebAssembly.Module.imports(new WebAssembly.Module(wasm)).map((i) => `${i.module} ${i.name}`),
    ['./x_bg.js a', './__wasm_split.js __wasm_split_load', './x_bg.js b'],
  );
  assert.ok(!js.includes('__wbg_one') && !js.includes('__wbg_two'), js);
  assert.ok(wasm.length < module().length);
  assert.equal(await instantiate(wasm, js), 321);
});

test('a layout it does not expect fails the build, saying what it found', () => {
  assert.throws(
    () => shortenImports(module(), glue.replace('__wbg_two_fedcba9876543210: function', '"__wbg_two_fedcba9876543210": function'), './x_bg.js'),
    /has 0 import keys __wbg_two_fedcba9876543210/,
  );
  assert.throws(() => shortenImports(module(), glue, './y_bg.js'), /imports nothing from \.\/y_bg\.js/);
  assert.throws(() => shortenImports(module().subarray(0, 30), glue, './x_bg.js'), /runs past the end/);
  assert.throws(() => shortenImports(Buffer.from('not wasm'), glue, './x_bg.js'), /not a wasm module/);
});
