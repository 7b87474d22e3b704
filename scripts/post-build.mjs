// Trunk's post-build hook (Trunk.toml). Trunk starts all hooks of a stage at
// once, so the steps that depend on each other run here, in order: the wasm
// is cut into the parts loaded on demand (split.mjs, only within a trunk
// build), the stylesheet is minified (css.mjs, only within a trunk release
// build), the loader moves out of index.html and the policy goes in
// (csp.mjs), then the service worker lists the finished build's files
// (sw.mjs). The last two also run on a directory:
// node scripts/post-build.mjs dist
if (process.env.TRUNK_STAGING_DIR) {
  await import('./split.mjs');
  if (process.env.TRUNK_PROFILE !== 'debug') {
    try {
      (await import('./css.mjs')).minifyStylesheets(process.env.TRUNK_STAGING_DIR);
    } catch (e) {
      console.error(`css.mjs: cannot minify the stylesheet: ${e.message}`);
      process.exit(1);
    }
  }
}
await import('./csp.mjs');
await import('./sw.mjs');
