// Renders the app's PNG icons from its SVGs with the same headless Chromium
// the tests use, then stores each as an indexed (palette) PNG: the icons are
// a few flat colours and their anti-aliased edges, so 256 colours hold them
// to within a few levels per channel at half the bytes. The PNGs are
// committed; run this after changing an SVG:
//     node scripts/icons.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { decode, encode } from 'fast-png';
import { applyPaletteSync, buildPaletteSync, utils } from 'image-q';
import { launch } from '../tests/e2e/support.mjs';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../assets/icons');
const ICONS = [
  ['icon.svg', 'icon-192.png', 192],
  ['icon.svg', 'icon-512.png', 512],
  ['icon-maskable.svg', 'icon-maskable-512.png', 512],
  ['icon-maskable.svg', 'apple-touch-icon.png', 180],
];
// The most any channel of any pixel may move in the palette version.
const TOLERANCE = 8;

/** The rendered RGBA pixels as an indexed PNG, checked against them. */
function indexed(width, height, rgba) {
  const points = utils.PointContainer.fromUint8Array(rgba, width, height);
  const options = { colors: 256, paletteQuantization: 'wuquant', colorDistanceFormula: 'euclidean-bt709' };
  const palette = buildPaletteSync([points], options);
  const mapped = applyPaletteSync(points, palette, { imageQuantization: 'nearest', colorDistanceFormula: 'euclidean-bt709' }).toUint8Array();
  // PNG's tRNS chunk gives alphas to the first entries only, so every
  // translucent colour goes before the opaque ones.
  const colours = palette.getPointContainer().getPointArray()
    .map((p) => [p.r, p.g, p.b, p.a])
    .sort((a, b) => (a[3] === 255) - (b[3] === 255));
  const key = (r, g, b, a) => ((r << 24) | (g << 16) | (b << 8) | a) >>> 0;
  const index = new Map(colours.map((c, i) => [key(...c), i]));
  const data = new Uint8Array(width * height);
  for (let i = 0; i < data.length; i++) {
    const at = index.get(key(...mapped.subarray(i * 4, i * 4 + 4)));
    if (at === undefined) throw new Error(`pixel ${i % width},${Math.floor(i / width)} has a colour not in the palette`);
    data[i] = at;
  }
  // With no translucent colour, no tRNS chunk at all.
  const opaque = colours.every((c) => c[3] === 255);
  const plte = opaque ? colours.map((c) => c.slice(0, 3)) : colours;
  const png = encode({ width, height, data, depth: 8, channels: 1, palette: plte }, { zlib: { level: 9, mem: 12 } });
  const back = decode(png);
  for (let i = 0; i < data.length; i++) {
    const colour = back.palette[back.data[i]];
    const alpha = back.transparency?.[back.data[i]] ?? colour[3] ?? 255;
    const got = [colour[0], colour[1], colour[2], alpha];
    for (let c = 0; c < 4; c++) {
      if (Math.abs(got[c] - rgba[i * 4 + c]) > TOLERANCE) {
        throw new Error(`pixel ${i % width},${Math.floor(i / width)} moved from ${rgba.subarray(i * 4, i * 4 + 4)} to ${got}`);
      }
    }
  }
  return png;
}

/** A screenshot's pixels as RGBA (Chromium leaves out alpha when all opaque). */
function rgba(shot, name) {
  if (shot.depth !== 8 || (shot.channels !== 3 && shot.channels !== 4)) {
    throw new Error(`${name}: expected an 8-bit RGB or RGBA screenshot`);
  }
  if (shot.channels === 4) return shot.data;
  const out = new Uint8Array(shot.width * shot.height * 4).fill(255);
  for (let i = 0; i < shot.width * shot.height; i++) out.set(shot.data.subarray(i * 3, i * 3 + 3), i * 4);
  return out;
}

const browser = await launch();
try {
  for (const [svg, png, size] of ICONS) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    const markup = readFileSync(path.join(dir, svg), 'utf8').replace('<svg ', `<svg width="${size}" height="${size}" `);
    await page.setContent(`<html><body style="margin:0;background:transparent">${markup}</body></html>`);
    const shot = decode(await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } }));
    await page.close();
    const out = indexed(size, size, rgba(shot, png));
    writeFileSync(path.join(dir, png), out);
    console.log(`${png} (${size} x ${size}): ${out.length} bytes`);
  }
} finally {
  await browser.close();
}
