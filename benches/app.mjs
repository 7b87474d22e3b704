// The real app at scale, in headless Chromium: sizes, cold load, and the work
// a user does on assessments of 33 and 1,000 cases with every criterion
// answered. Prints a table against the budgets and writes the figures to
// target/bench/app.json. Figures, not a test: it never fails on time.
//
//     make bench        (builds the release app and the cpsa tool first)
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { launch, serve } from '../tests/e2e/support.mjs';
import { pageLoads } from '../scripts/page-load.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const out = path.join(root, 'target', 'bench');
const cpsa = path.join(root, 'target', 'release', 'cpsa');
const SIZES = [33, 1000];
const CHANGES = 60;
const SAVES = 60;
const RUNS = 7;
// Links for a first visit from a host that gzips: an office or 4G connection,
// and a poor mobile one. Throughput in bytes per second, latency in ms.
const LINKS = [
  { name: '10 Mbit/s, 40 ms', down: 10e6 / 8, up: 5e6 / 8, latency: 40 },
  { name: '1.6 Mbit/s, 150 ms', down: 1.6e6 / 8, up: 0.75e6 / 8, latency: 150 },
];

const BUDGETS = {
  // Was 350, set before anything was measured; moved on 2026-12-02 to the
  // measured size plus 1%, so that any growth is seen and weighed, and on
  // 2026-12-04 to 579, the size after issue 18 plus 1%, and the same day to
  // 625, the size after issue 19 plus 1% (docs/performance.md, "The size
  // budget", says what each bought and what would take it off).
  total_gzip_kb: 625,
  // Issue 21 (2026-12-05): what a page load needs, under the 388 KB the
  // common alternative (SurveyJS 2.5) loads for its one-case page: the start
  // page, a stage of a case (where its criteria are answered) opened
  // directly and answered, and (from 2026-12-06, the fifteenth session: they
  // are page loads too, and had been reported as figures only) the task
  // list, a case's other pages and the lead's pages, each opened directly
  // (scripts/page-load.mjs).
  page_load_gzip_kb: 388,
  case_page_gzip_kb: 388,
  tasks_page_gzip_kb: 388,
  other_case_pages_gzip_kb: 388,
  lead_pages_gzip_kb: 388,
  // Issue 21: opening an assessment (link to task list) and the part of an
  // autosave that holds up the page must not grow with the assessment.
  open_ms_1000: 100,
  open_ratio: 3,
  autosave_main_p95_ms_1000: 5,
  autosave_main_ratio: 1.5,
  first_usable_ms: 1000,
  change_p95_ms_1000: 16,
  change_ratio: 2,
  export_ms_1000: 250,
  import_ms_1000: 250,
};

const median = (xs) => quantile(xs, 0.5);
function quantile(xs, q) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.round((s.length - 1) * q))];
}
// Tenths of a millisecond, but hundredths under 10 ms: the autosave's
// figures are under one, and their ratio is taken from these.
const round = (x) => (Math.abs(x) < 10 ? Math.round(x * 100) / 100 : Math.round(x * 10) / 10);

/** Every file under `dir`, sorted. */
function filesUnder(dir) {
  const files = [];
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else files.push(p);
    }
  };
  walk(dir);
  return files.sort();
}

/**
 * Sizes of what dist/ serves, gzipped at level 9 (what the budget counts) and
 * with Brotli at quality 11, which many hosts and CDNs serve instead.
 */
function sizes() {
  const rows = filesUnder(dist).map((f) => {
    const bytes = readFileSync(f);
    const brotli = brotliCompressSync(bytes, {
      params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: bytes.length },
    }).length;
    return { file: path.relative(dist, f), bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, brotli };
  });
  const sum = (rs) =>
    rs.reduce((a, r) => ({ bytes: a.bytes + r.bytes, gzip: a.gzip + r.gzip, brotli: a.brotli + r.brotli }), {
      bytes: 0,
      gzip: 0,
      brotli: 0,
    });
  const loads = pageLoads(dist);
  return {
    files: rows,
    page_load: sum(rows.filter((r) => loads.start.includes(r.file))),
    case_page: sum(rows.filter((r) => loads.case.includes(r.file))),
    tasks_page: sum(rows.filter((r) => loads.tasks.includes(r.file))),
    other_case_pages: sum(rows.filter((r) => loads.other.includes(r.file))),
    lead_pages: sum(rows.filter((r) => loads.lead.includes(r.file))),
    total: sum(rows),
  };
}

/** Watches for an element inside the page; resolves to performance.now() when it appears after `start()`. */
const WATCH = () => {
  // Trunk hands over the wasm instance's exports: its memory holds the data.
  addEventListener('TrunkApplicationStarted', (e) => {
    window.__wasm = e.detail.wasm;
  });
  window.__watch = (selector, text) =>
    new Promise((resolve) => {
      const found = () => {
        const el = document.querySelector(selector);
        return el && (!text || el.textContent.includes(text));
      };
      if (found()) return resolve(performance.now());
      const obs = new MutationObserver(() => {
        if (found()) {
          obs.disconnect();
          resolve(performance.now());
        }
      });
      obs.observe(document, { subtree: true, childList: true, characterData: true });
    });
};

/** Clicks an element inside the page and times until `selector` (with `text`) is shown. */
async function timeClick(page, clickSelector, selector, text) {
  return page.evaluate(
    async ([clickSelector, selector, text]) => {
      const el = document.querySelector(clickSelector);
      const t0 = performance.now();
      const shown = window.__watch(selector, text);
      el.click();
      return (await shown) - t0;
    },
    [clickSelector, selector, text],
  );
}

/**
 * Times to the first usable page: cold (a first visit), and again offline
 * once the service worker has stored the app.
 */
async function firstUsable(browser, url) {
  const cold = [];
  const cached = [];
  // Usable: the start page is drawn and the device's storage has been read.
  const usable = (page) => page.evaluate(() => window.__watch('main', 'There are no assessments on this device yet.'));
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.addInitScript(WATCH);
    await page.goto(url);
    cold.push(await usable(page));
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await context.setOffline(true);
    await page.reload();
    cached.push(await usable(page));
    await context.close();
  }
  const summary = (times) => ({ median_ms: round(median(times)), runs: times.map(round) });
  return { cold: summary(cold), cached: summary(cached) };
}

/**
 * A copy of dist/ with each file's gzip -9 beside it (`app.wasm.gz`), for a
 * server that sends what a compressing host sends.
 */
function gzippedCopy() {
  const dir = path.join(out, 'dist-gzip');
  rmSync(dir, { recursive: true, force: true });
  cpSync(dist, dir, { recursive: true });
  for (const f of filesUnder(dir)) writeFileSync(`${f}.gz`, gzipSync(readFileSync(f), { level: 9 }));
  return dir;
}

/**
 * Times to the first usable page on a first visit over each of LINKS, with
 * Chromium throttling what crosses the network (the gzipped bytes).
 */
async function firstUsableOverLinks(browser, url) {
  const results = [];
  for (const link of LINKS) {
    const times = [];
    let transferred = 0;
    let stalled = 0;
    while (times.length < RUNS) {
      const context = await browser.newContext({ serviceWorkers: 'block' });
      const page = await context.newPage();
      await page.addInitScript(WATCH);
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: link.latency,
        downloadThroughput: link.down,
        uploadThroughput: link.up,
      });
      let bytes = 0;
      cdp.on('Network.loadingFinished', (e) => (bytes += e.encodedDataLength));
      // Chromium's throttling now and then stalls a request for good: such a
      // run is counted, not timed, and another takes its place.
      const usable = page
        .goto(url, { waitUntil: 'commit', timeout: 60000 })
        .then(() => page.evaluate(() => window.__watch('main', 'There are no assessments on this device yet.')))
        .catch(() => null);
      let timer;
      const ms = await Promise.race([usable, new Promise((r) => (timer = setTimeout(() => r(null), 60000)))]);
      clearTimeout(timer);
      if (ms === null) stalled++;
      else {
        times.push(ms);
        transferred = bytes;
      }
      await context.close();
      if (stalled > RUNS) throw new Error(`first visits over ${link.name} stalled ${stalled} times`);
    }
    results.push({ link: link.name, median_ms: round(median(times)), runs: times.map(round), stalled, transferred_bytes: transferred });
  }
  return results;
}

async function atScale(browser, url, cases) {
  const file = path.join(out, `generated-${cases}.json`);
  execFileSync(cpsa, ['generate', '--cases', String(cases), '--seed', '5', '-o', file]);
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  await page.addInitScript(WATCH);
  const durations = (name) => page.evaluate((n) => performance.getEntriesByName(n).map((e) => e.duration), name);
  await page.goto(url);
  await page.getByText('There are no assessments on this device yet.').waitFor();
  if (!(await page.evaluate(() => crossOriginIsolated))) throw new Error('the page is not cross-origin isolated: its clock ticks in tenths of a millisecond');

  // Import: the file chosen, until its preview is shown (reading and checking).
  await page.getByRole('link', { name: 'Import an assessment' }).click();
  const importTimes = [];
  for (let i = 0; i < 5; i++) {
    const shown = page.evaluate(() => {
      const t0 = new Promise((r) => document.addEventListener('change', () => r(performance.now()), { capture: true, once: true }));
      return Promise.all([t0, window.__watch('#import-preview')]).then(([a, b]) => b - a);
    });
    await page.getByLabel('Choose an exported assessment (a .json file)').setInputFiles(file);
    importTimes.push(await shown);
    if (i < 4) await page.getByRole('button', { name: 'Choose another file' }).click();
  }
  const importEngine = await durations('cpsa:import');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { level: 1, name: 'Cases' }).waitFor();
  await page.waitForFunction(() => /^Saved/.test(document.getElementById('saved-status')?.textContent ?? ''), null, { timeout: 60000 });
  const id = new URL(page.url()).hash.split('/')[2];

  // Opening it: from the link on the start page to its task list, after a reload
  // so nothing is in memory.
  const openTimes = [];
  const openCases = [];
  for (let i = 0; i < 5; i++) {
    await page.goto(url);
    await page.reload();
    await page.getByRole('link', { name: 'Generated Constabulary', exact: true }).waitFor();
    openTimes.push(await timeClick(page, `a[href="#/a/${id}"]`, '#progress'));
    // Then every case is read, after the task list is drawn (the app's own
    // measure, cpsa:open-cases: from the frame shown to the cases read).
    await page.waitForFunction(() => performance.getEntriesByName('cpsa:open-cases').length > 0, null, { timeout: 60000 });
    openCases.push(...(await durations('cpsa:open-cases')));
  }
  const cdp = await context.newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const wasmMemory = await page.evaluate(() => window.__wasm?.memory?.buffer?.byteLength ?? null);

  // Changing one answer, until the suggestion on screen and the results in the
  // state reflect it: measured by the app as cpsa:change.
  await page.goto(`${url}#/a/${id}/case/case-1/stage/initial-contact`);
  await page.getByRole('heading', { level: 1, name: 'Initial contact' }).waitFor();
  const groups = await page.locator('.criterion').count();
  // Turns the i-th answer over (met to not met, or back), then waits until the
  // app has recorded one more `entry` measure.
  const toggle = async (i, entry) => {
    const group = page.locator('.criterion').nth(i % groups);
    const met = group.getByRole('radio', { name: 'Met', exact: true });
    const label = (await met.isChecked()) ? 'Not met' : 'Met';
    const before = await page.evaluate((e) => performance.getEntriesByName(e).length, entry);
    await group.getByRole('radio', { name: label, exact: true }).check();
    await page.waitForFunction(([e, n]) => performance.getEntriesByName(e).length > n, [entry, before], { timeout: 60000 });
  };
  for (let i = 0; i < CHANGES; i++) await toggle(i, 'cpsa:change');
  await page.waitForFunction(() => /^Saved/.test(document.getElementById('saved-status')?.textContent ?? ''), null, { timeout: 60000 });
  const changes = await durations('cpsa:change');
  // Then one save for each change: the changes above come faster than the
  // autosave, which folds them into a few saves, too few for a steady median.
  for (let i = 0; i < SAVES; i++) await toggle(i, 'cpsa:save');
  const saves = await durations('cpsa:save');
  const savesMain = await durations('cpsa:save-main');

  // The results page, from the link until its table and chart are drawn.
  const resultTimes = [];
  for (let i = 0; i < 5; i++) {
    await page.goto(`${url}#/a/${id}`);
    await page.getByRole('heading', { level: 1, name: 'Cases' }).waitFor();
    resultTimes.push(await timeClick(page, `a[href="#/a/${id}/results"]`, '.chart'));
  }

  // Export: the click on the JSON download, which writes the file synchronously.
  await page.goto(`${url}#/a/${id}/export`);
  const button = page.getByRole('button', { name: 'Download the assessment (JSON)' });
  await button.waitFor();
  const exportTimes = [];
  for (let i = 0; i < 5; i++) {
    const [download, ms] = await Promise.all([
      page.waitForEvent('download'),
      page.evaluate(() => {
        const b = [...document.querySelectorAll('button')].find((x) => x.textContent === 'Download the assessment (JSON)');
        const t0 = performance.now();
        b.click();
        return performance.now() - t0;
      }),
    ]);
    await download.cancel().catch(() => {});
    exportTimes.push(ms);
  }
  await context.close();

  const stat = (xs) => ({ median_ms: round(median(xs)), p95_ms: round(quantile(xs, 0.95)), n: xs.length });
  return {
    cases: cases,
    file_bytes: statSync(file).size,
    open: stat(openTimes),
    open_cases: stat(openCases),
    change: stat(changes),
    autosave: stat(saves),
    autosave_main: stat(savesMain),
    results: stat(resultTimes),
    export: stat(exportTimes),
    import: stat(importTimes),
    import_engine: stat(importEngine),
    js_heap_bytes: heap.usedSize,
    wasm_memory_bytes: wasmMemory,
  };
}

/**
 * The printed report's length in A4 pages, for the N18 fixture (81 cases):
 * the summary alone, and with the case appendix. Chromium's own PDF, with
 * the print styles, counted by its page objects.
 */
async function printedPages(browser, url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${url}#/import`);
  await page.getByLabel('Choose an exported assessment (a .json file)').setInputFiles(path.join(root, 'tests', 'fixtures', 'n18-northamptonshire-2018.json'));
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { level: 1, name: 'Cases' }).waitFor();
  const id = new URL(page.url()).hash.split('/')[2];
  await page.goto(`${url}#/a/${id}/report`);
  await page.getByRole('heading', { level: 2, name: 'Results' }).waitFor();
  const pages = async () => {
    const pdf = (await page.pdf({ format: 'A4', printBackground: true })).toString('latin1');
    return (pdf.match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
  };
  const summary = await pages();
  await page.getByLabel(/^Include the case appendix/).check();
  await page.getByRole('heading', { level: 2, name: 'Case appendix' }).waitFor();
  const withAppendix = await pages();
  await context.close();
  return { cases: 81, summary, with_appendix: withAppendix };
}

mkdirSync(out, { recursive: true });
// Served cross-origin isolated, so that performance.now() ticks in
// microseconds rather than tenths of a millisecond: the autosave's figures
// are under a millisecond, and in whole ticks their ratio was mostly noise.
// The app needs nothing from another origin, so it runs the same.
const ISOLATED = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };
const server = await serve(dist, { headers: ISOLATED });
const gzipServer = await serve(gzippedCopy(), { gzip: true, headers: ISOLATED });
const browser = await launch();
try {
  const report = {
    measured: new Date().toISOString(),
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.release()}`,
    chromium: browser.version(),
    sizes: sizes(),
    first_usable: await firstUsable(browser, server.url),
    first_usable_over_links: await firstUsableOverLinks(browser, gzipServer.url),
    scale: [],
    printed_pages_n18: await printedPages(browser, server.url),
  };
  for (const cases of SIZES) report.scale.push(await atScale(browser, server.url, cases));
  const [small, large] = report.scale;
  const ratio = (k) => round(large[k].median_ms / Math.max(small[k].median_ms, 0.01));
  const FIGURES = ['open', 'open_cases', 'change', 'autosave', 'autosave_main', 'results', 'export', 'import', 'import_engine'];
  report.ratios = Object.fromEntries(FIGURES.map((k) => [k, ratio(k)]));
  const total = report.sizes.total.gzip / 1024;
  const kib = (s) => round(report.sizes[s].gzip / 1024);
  const under = (value, budget) => ({ value, budget, met: value < budget });
  report.budgets = {
    total_gzip_kb: { value: round(total), budget: BUDGETS.total_gzip_kb, met: total < BUDGETS.total_gzip_kb },
    page_load_gzip_kb: under(kib('page_load'), BUDGETS.page_load_gzip_kb),
    case_page_gzip_kb: under(kib('case_page'), BUDGETS.case_page_gzip_kb),
    tasks_page_gzip_kb: under(kib('tasks_page'), BUDGETS.tasks_page_gzip_kb),
    other_case_pages_gzip_kb: under(kib('other_case_pages'), BUDGETS.other_case_pages_gzip_kb),
    lead_pages_gzip_kb: under(kib('lead_pages'), BUDGETS.lead_pages_gzip_kb),
    open_ms_1000: under(large.open.median_ms, BUDGETS.open_ms_1000),
    open_ratio: under(report.ratios.open, BUDGETS.open_ratio),
    autosave_main_p95_ms_1000: under(large.autosave_main.p95_ms, BUDGETS.autosave_main_p95_ms_1000),
    autosave_main_ratio: under(report.ratios.autosave_main, BUDGETS.autosave_main_ratio),
    first_usable_ms: { value: report.first_usable.cold.median_ms, budget: BUDGETS.first_usable_ms, met: report.first_usable.cold.median_ms < BUDGETS.first_usable_ms },
    change_p95_ms_1000: { value: large.change.p95_ms, budget: BUDGETS.change_p95_ms_1000, met: large.change.p95_ms < BUDGETS.change_p95_ms_1000 },
    change_ratio: { value: report.ratios.change, budget: BUDGETS.change_ratio, met: report.ratios.change < BUDGETS.change_ratio },
    export_ms_1000: { value: large.export.median_ms, budget: BUDGETS.export_ms_1000, met: large.export.median_ms < BUDGETS.export_ms_1000 },
    import_ms_1000: { value: large.import.median_ms, budget: BUDGETS.import_ms_1000, met: large.import.median_ms < BUDGETS.import_ms_1000 },
  };
  writeFileSync(path.join(out, 'app.json'), JSON.stringify(report, null, 2) + '\n');

  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  console.log(`\nMeasured ${report.measured} on ${report.machine}, ${report.chromium}\n`);
  console.log(`  ${'Sizes'.padEnd(46)} ${'bytes'.padStart(10)} ${'gzip -9'.padStart(10)} ${'brotli 11'.padStart(10)}`);
  const line = (name, f) =>
    console.log(`  ${name.padEnd(46)} ${kb(f.bytes).padStart(10)} ${kb(f.gzip).padStart(10)} ${kb(f.brotli).padStart(10)}`);
  for (const f of report.sizes.files) line(f.file, f);
  line('what the start page needs', report.sizes.page_load);
  line('what a stage of a case needs, opened directly', report.sizes.case_page);
  line('what the task list needs, opened directly', report.sizes.tasks_page);
  line("what a case's other pages need, opened", report.sizes.other_case_pages);
  line("what a lead's page needs, opened directly", report.sizes.lead_pages);
  line('total', report.sizes.total);
  console.log(
    `\nFirst usable page: ${report.first_usable.cold.median_ms} ms cold, ${report.first_usable.cached.median_ms} ms offline from the service worker's cache (medians of ${RUNS})`,
  );
  for (const l of report.first_usable_over_links) {
    console.log(`  over ${l.link}, gzipped: ${l.median_ms} ms (median of ${RUNS}; ${kb(l.transferred_bytes)} crossed the network${l.stalled ? `; ${l.stalled} stalled runs replaced` : ''})`);
  }
  console.log('\n                          33 cases             1,000 cases        ratio');
  console.log('                     median      p95      median      p95    (median)');
  for (const k of FIGURES) {
    const a = small[k];
    const b = large[k];
    const r = report.ratios[k];
    console.log(
      `  ${k.padEnd(14)} ${String(a.median_ms).padStart(9)} ${String(a.p95_ms).padStart(8)} ${String(b.median_ms).padStart(11)} ${String(b.p95_ms).padStart(8)} ${String(r).padStart(9)}`,
    );
  }
  console.log(`\nJS heap after opening: ${kb(small.js_heap_bytes)} (33 cases), ${kb(large.js_heap_bytes)} (1,000 cases)`);
  console.log(`wasm memory after opening: ${kb(small.wasm_memory_bytes)} (33 cases), ${kb(large.wasm_memory_bytes)} (1,000 cases)`);
  const printed = report.printed_pages_n18;
  console.log(`Printed report of the N18 fixture (${printed.cases} cases, A4): ${printed.summary} pages, ${printed.with_appendix} with the case appendix`);
  console.log('\nBudgets');
  for (const [k, v] of Object.entries(report.budgets)) {
    console.log(`  ${k.padEnd(22)} ${String(v.value).padStart(8)}  (budget ${v.budget})  ${v.met ? 'met' : 'NOT MET'}`);
  }
  console.log(`\nTimes in milliseconds. Figures written to ${path.relative(root, path.join(out, 'app.json'))}`);
} finally {
  await browser.close();
  await server.close();
  await gzipServer.close();
}
