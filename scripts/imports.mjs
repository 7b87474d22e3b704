// Short names for what the main wasm module imports from wasm-bindgen's
// JavaScript, in a release build (scripts/split.mjs calls it).
//
// wasm-bindgen names each of the 270-odd functions the module imports after
// the Rust item and a 16-digit hash (`__wbg_lastChild_d03af7c29f69e2ad`), and
// the same name is the key of that function in the JavaScript's import
// object. The hashes do not compress: the names were 5.4 KB of the gzipped
// wasm and 3.4 KB of the gzipped JavaScript, on every page load. Each import
// from `moduleName` gets a name of one or two letters instead, in the wasm's
// import section and as the key in the JavaScript, and nothing else changes.
// Imports from other modules (the loader of the parts) keep their names.
//
//   shortenImports(wasmBytes, jsText, moduleName) -> { wasm, js, renamed }
//
// Throws, saying what it found, when the module or the JavaScript is not
// laid out as expected: a build that cannot be renamed safely fails.

const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** The i-th short name: a..Z, then aa, ab, ... */
export function shortName(i) {
  let name = '';
  let n = i;
  do {
    name = LETTERS[n % LETTERS.length] + name;
    n = Math.floor(n / LETTERS.length) - 1;
  } while (n >= 0);
  return name;
}

function uleb(n) {
  const out = [];
  let rest = n;
  do {
    let byte = rest & 0x7f;
    rest >>>= 7;
    if (rest) byte |= 0x80;
    out.push(byte);
  } while (rest);
  return Buffer.from(out);
}

function name(text) {
  const bytes = Buffer.from(text, 'utf8');
  return Buffer.concat([uleb(bytes.length), bytes]);
}

export function shortenImports(wasmBytes, js, moduleName) {
  const buf = Buffer.from(wasmBytes);
  if (buf.length < 8 || buf.readUInt32LE(0) !== 0x6d736100) throw new Error('not a wasm module');
  let p = 8;
  const fail = (what) => {
    throw new Error(`${what} at byte ${p} of the wasm`);
  };
  const byte = () => (p < buf.length ? buf[p++] : fail('the module ends early'));
  const readU32 = () => {
    let value = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      const b = byte();
      value += (b & 0x7f) * 2 ** shift;
      if (!(b & 0x80)) return value;
    }
    return fail('a number longer than 32 bits');
  };
  const skipLeb = () => {
    while (byte() & 0x80);
  };
  const text = () => {
    const length = readU32();
    const s = buf.subarray(p, p + length).toString('utf8');
    p += length;
    return s;
  };
  const limits = () => {
    const flags = byte();
    if (flags > 0x07) fail(`limits with flags ${flags}`);
    skipLeb();
    if (flags & 1) skipLeb();
  };
  const refOrValueType = () => {
    const t = byte();
    if (t === 0x63 || t === 0x64) skipLeb();
  };

  const out = [buf.subarray(0, 8)];
  const renamed = new Map();
  let sawImports = false;
  while (p < buf.length) {
    const id = byte();
    const size = readU32();
    const start = p;
    const end = start + size;
    if (end > buf.length) fail(`section ${id} runs past the end`);
    if (id !== 2) {
      out.push(Buffer.from([id]), uleb(size), buf.subarray(start, end));
      p = end;
      continue;
    }
    sawImports = true;
    const count = readU32();
    const entries = [];
    for (let i = 0; i < count; i++) {
      const module = text();
      let field = text();
      const descriptor = p;
      const kind = byte();
      if (kind === 0x00) skipLeb();
      else if (kind === 0x01) {
        refOrValueType();
        limits();
      } else if (kind === 0x02) limits();
      else if (kind === 0x03) {
        refOrValueType();
        byte();
      } else if (kind === 0x04) {
        byte();
        skipLeb();
      } else fail(`an import of unknown kind ${kind}`);
      if (module === moduleName) {
        if (renamed.has(field)) fail(`${field} imported twice`);
        const short = shortName(renamed.size);
        renamed.set(field, short);
        field = short;
      }
      entries.push(Buffer.concat([name(module), name(field), buf.subarray(descriptor, p)]));
    }
    if (p !== end) fail('the import section does not end where its size says');
    const body = Buffer.concat([uleb(count), ...entries]);
    out.push(Buffer.from([2]), uleb(body.length), body);
  }
  if (!sawImports) throw new Error('the wasm has no import section');
  if (renamed.size === 0) throw new Error(`the wasm imports nothing from ${moduleName}`);

  let script = js;
  for (const [old, short] of renamed) {
    const key = `\n        ${old}: function(`;
    const found = script.split(key).length - 1;
    if (found !== 1) {
      throw new Error(`the JavaScript has ${found} import keys ${old} (expected one, as wasm-bindgen writes it)`);
    }
    script = script.replace(key, `\n        ${short}: function(`);
  }
  return { wasm: Buffer.concat(out), js: script, renamed: renamed.size };
}
