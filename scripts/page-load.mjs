// Which files of a build a page load fetches: the page, its stylesheet, its
// scripts but the service worker, and the wasm. The rest (the service worker,
// the manifest, the icons) is fetched after the app has started, to install
// it. Shared by scripts/size-check.mjs (the ratchet) and benches/app.mjs.
export const forPageLoad = (name) =>
  name === 'index.html' || name.endsWith('.wasm') || name.endsWith('.css') || (name.endsWith('.js') && name !== 'sw.js');
