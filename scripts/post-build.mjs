// Trunk's post-build hook (Trunk.toml). Trunk starts all hooks of a stage at
// once, so the steps that depend on each other run here, in order: the loader
// moves out of index.html and the policy goes in (csp.mjs), then the service
// worker lists the finished build's files (sw.mjs). Also runs on a directory:
// node scripts/post-build.mjs dist
await import('./csp.mjs');
await import('./sw.mjs');
