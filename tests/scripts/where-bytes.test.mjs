// scripts/where-bytes.mjs: whom each item of twiggy's list is counted for,
// and which unoptimised module a served one is read from.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { addUp, byOwner, owner, sourceModules, unoptimised } from '../../scripts/where-bytes.mjs';

const dirs = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const MODULES = new Set(['app', 'app::pages', 'app::pages::check', 'app::route', 'domain', 'domain::json', 'domain::scale', 'domain::save', 'domain::assessment']);
const Y = 'yew[305b7c0d06ce5ffb]';
const C = 'cpsa[427787ec519ae2a1]';

test('the module paths of a source tree are its folders and its files, without mod.rs, lib.rs or main.rs', () => {
  const src = mkdtempSync(path.join(tmpdir(), 'where-bytes-'));
  dirs.push(src);
  for (const f of ['lib.rs', 'main.rs', 'app/mod.rs', 'app/route.rs', 'app/pages/mod.rs', 'app/pages/check.rs', 'domain/mod.rs', 'domain/grade.rs']) {
    mkdirSync(path.dirname(path.join(src, f)), { recursive: true });
    writeFileSync(path.join(src, f), '');
  }
  assert.deepEqual([...sourceModules(src)].sort(), ['app', 'app::pages', 'app::pages::check', 'app::route', 'domain', 'domain::grade']);
});

test("an item counts for the last module of this crate its name mentions, cut to a module the source has", () => {
  // A page's view code, inside Yew's generic lifecycle: the page.
  assert.equal(owner(`<${Y}::html::component::lifecycle::CompStateInner<${C}::app::pages::check::CheckPage> as ${Y}::html::component::lifecycle::Stateful>::view`, MODULES), 'app::pages::check');
  // A closure of a page's function: the page.
  assert.equal(owner(`<${C}::app::pages::check::CheckPage as ${Y}::functional::FunctionProvider>::run::inner::{closure#4}`, MODULES), 'app::pages::check');
  // A reader made for one type through a generic of another module: the type's.
  assert.equal(owner(`<serde_json[1a2b]::de::MapAccess<_> as serde_core[3c4d]::de::MapAccess>::next_value_seed::<${C}::domain::json::Seed<core[5e6f]::marker::PhantomData<${C}::domain::scale::AnswerValue>>>`, MODULES), 'domain::scale');
  // A function of a module the source has no file for (an inline module): its parent.
  assert.equal(owner(`${C}::domain::save::inner::plan`, MODULES), 'domain::save');
  // A path of this crate that the source does not have at all.
  assert.equal(owner(`${C}::gone::thing`, MODULES), 'cpsa');
});

test('an item naming nothing of this crate counts for its crate, a data segment for data, the rest for sections or other', () => {
  assert.equal(owner(`<${Y}::virtual_dom::vnode::VNode as ${Y}::dom_bundle::traits::Reconcilable>::reconcile`, MODULES), 'yew');
  assert.equal(owner('<f64 as core[4c61260d5f5b686c]::fmt::Display>::fmt', MODULES), 'core');
  assert.equal(owner('<zmij[37697298b561361]::Buffer>::format_finite::<f64>', MODULES), 'zmij');
  assert.equal(owner('data segment ".rodata_5"', MODULES), 'data');
  assert.equal(owner('type[37]: (i32, i32) -> i32', MODULES), 'sections');
  assert.equal(owner('import ./cpsa-web-24453f7c74a671cd_bg.js::__wbg_namespaceURI_cf6df322f468ae4b', MODULES), 'sections');
  assert.equal(owner('elem[0]', MODULES), 'sections');
  assert.equal(owner("custom section 'target_features'", MODULES), 'sections');
  assert.equal(owner('<unknown> externref shim_3', MODULES), 'other');
  assert.equal(owner('code[12]', MODULES), 'other');
});

test('sums by owner leave out the names only tools read; owners of several modules add up', () => {
  const items = [
    { name: '"function names" subsection', shallow_size: 5000 },
    { name: '"data names" subsection', shallow_size: 70 },
    { name: `${C}::app::route::Route::parse`, shallow_size: 30 },
    { name: `<${C}::app::route::Route as core[4c61260d5f5b686c]::clone::Clone>::clone`, shallow_size: 12 },
    { name: 'data segment ".rodata"', shallow_size: 100 },
  ];
  const one = byOwner(items, MODULES);
  assert.deepEqual([...one], [['app::route', 42], ['data', 100]]);
  assert.deepEqual([...addUp([one, new Map([['data', 1], ['yew', 2]])])], [['app::route', 42], ['data', 101], ['yew', 2]]);
});

test("a served module is read from split.mjs's unoptimised twin: a part's by its name, the main module's under bindgen", () => {
  assert.equal(unoptimised('/w', 'chunk_11-7ad0b20448a56129.wasm'), path.join('/w', 'parts', 'chunk_11.wasm'));
  assert.equal(unoptimised('/w', 'split_full_read-7d68c1b698d0f33d.wasm'), path.join('/w', 'parts', 'split_full_read.wasm'));
  assert.equal(unoptimised('/w', 'cpsa-web-24453f7c74a671cd_bg.wasm'), path.join('/w', 'bindgen', 'cpsa-web-24453f7c74a671cd_bg.wasm'));
  assert.equal(unoptimised('/w', 'other.wasm'), null);
});
