// Shared set-up for the end-to-end tests: serve dist/ on 127.0.0.1, drive
// Debian's chromium with playwright-core, and scan pages with axe-core.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { after, before } from 'node:test';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import axe from 'axe-core';
import { chromium } from 'playwright-core';
import sirv from 'sirv';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The command-line tool, built if need be; its standard output. */
export function cpsa(...args) {
  return execFileSync('cargo', ['run', '--quiet', '--bin', 'cpsa', '--', ...args], { cwd: root, encoding: 'utf8' });
}

/** Directories made by `tempDir`, removed when this test file's process exits. */
const tempDirs = [];
process.on('exit', () => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

/** A new directory in the system's temporary folder, removed when this test file's process exits. */
export function tempDir(name) {
  const dir = mkdtempSync(path.join(os.tmpdir(), `cpsa-${name}-`));
  tempDirs.push(dir);
  return dir;
}

/** The export format version this build writes, read from the domain's constant. */
export const FORMAT_VERSION = Number(
  /pub const FORMAT_VERSION: u32 = (\d+);/.exec(readFileSync(path.join(root, 'src/domain/format/mod.rs'), 'utf8'))[1],
);

/**
 * Serves a build directory (dist/ by default) on a free port of 127.0.0.1,
 * optionally under a path `prefix` such as '/apps/cpsa/'. With `gzip`, a file's
 * `.gz` beside it is sent to browsers that accept gzip, as a compressing host
 * would. `headers` are sent with every answer. `setDir` switches to another
 * build (a newer version); `close` stops it (the network is gone).
 */
export async function serve(dir = path.join(root, 'dist'), { prefix = '/', gzip = false, headers = {} } = {}) {
  const options = { dev: false, etag: true, gzip };
  let files = sirv(dir, options);
  const server = createServer((req, res) => {
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    const notFound = () => {
      res.statusCode = 404;
      res.end('not found');
    };
    if (!req.url.startsWith(prefix)) return notFound();
    req.url = '/' + req.url.slice(prefix.length);
    files(req, res, notFound);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  // A test that fails before it closes its server must not keep the test
  // file's process alive: the run would hang until CI's time runs out.
  server.unref();
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    setDir: (d) => {
      files = sirv(d, options);
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(resolve);
      }),
  };
}

/** Launches headless Debian chromium with no outside network chatter. */
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/**
 * For a describe block: serves dist/ and launches Chromium before its tests,
 * and closes both after them. `app.server` and `app.browser` are set by the
 * time the tests run.
 */
export function servedApp() {
  const app = {};
  before(async () => {
    app.server = await serve();
    app.browser = await launch();
  });
  after(async () => {
    await app.browser?.close();
    await app.server?.close();
  });
  return app;
}

/**
 * Opens a page that records console errors, uncaught exceptions and every
 * request, so tests can assert that nothing went wrong and nothing left the
 * app's own origin. `contextOptions` go to Playwright's `newContext`.
 */
export async function openPage(browser, baseUrl, contextOptions = {}) {
  const context = await browser.newContext(contextOptions);
  const page = await context.newPage();
  const problems = [];
  const requests = [];
  page.on('console', (msg) => {
    // A failed load is reported below with its address; the console line has none.
    if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) {
      problems.push(`console error: ${msg.text()}`);
    }
  });
  page.on('pageerror', (err) => problems.push(`uncaught: ${err.message}`));
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()} for ${res.url()}`);
  });
  // On the context, so requests made by the service worker are seen too.
  context.on('request', (req) => requests.push(req.url()));
  page.problems = problems;
  page.requests = requests;
  page.origin = new URL(baseUrl).origin;
  return page;
}

/** Asserts no console errors or uncaught exceptions, and no request to another origin. */
export function assertHealthy(page) {
  assert.deepEqual(page.problems, [], 'the page logged errors');
  const foreign = page.requests.filter((u) => !u.startsWith(page.origin + '/'));
  assert.deepEqual(foreign, [], 'the page requested something from another origin');
}

/** Runs axe-core (WCAG 2.2 A and AA, and best practice) and fails on any violation. */
export async function assertAccessible(page, label) {
  await page.evaluate(axe.source);
  const result = await page.evaluate(() =>
    window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    }),
  );
  const found = result.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`,
  );
  assert.deepEqual(found, [], `axe found accessibility violations on ${label}`);
  assert.ok(result.passes.length > 0, 'axe ran its checks');
  await assertFitsPhone(page, label);
}

/**
 * At a phone's width (390 px), and at the 320 px WCAG 2.2's reflow asks for,
 * the page scrolls only up and down: a wide table scrolls inside its own box.
 * Names what sticks out when something does.
 */
export async function assertFitsPhone(page, label) {
  const size = page.viewportSize() ?? { width: 1280, height: 720 };
  for (const phone of [390, 320]) {
    await page.setViewportSize({ width: phone, height: size.height });
    const wide = await page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      const scroll = document.documentElement.scrollWidth;
      if (scroll <= width) return [];
      const named = [...document.querySelectorAll('body *')]
        .filter((el) => el.getBoundingClientRect().right > width + 1 && !el.parentElement.closest('.table-box'))
        .slice(0, 5)
        .map((el) => `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}.${el.className} (${Math.round(el.getBoundingClientRect().right)} px)`);
      // What sticks out from inside a table's box (text placed absolutely,
      // say) stretches the page as much as anything else.
      return named.length > 0 ? named : [`the page, ${scroll} px wide, from inside a table's box`];
    });
    await page.setViewportSize(size);
    assert.deepEqual(wide, [], `${label} is wider than a phone's screen (${phone} px)`);
  }
}

/** Waits until the focused element matches a CSS selector. */
export async function waitForFocus(page, selector) {
  await page.waitForFunction((sel) => document.activeElement?.matches(sel), selector, { timeout: 5000 });
}

/** Fixes the page's clock (Date only; timers still run), so saved times and screenshots are stable. */
export async function fixClock(page, iso = '2026-03-02T10:00:00') {
  await page.clock.setFixedTime(new Date(iso));
}

/** Starts an assessment from the start page; leaves the browser on its task list. */
export async function startAssessment(page, baseUrl, { force = 'Testshire Police', framework } = {}) {
  await page.goto(baseUrl);
  await page.getByRole('link', { name: 'Start a new assessment' }).click();
  await page.getByLabel('Force').fill(force);
  if (framework) await page.getByLabel(framework).check();
  await page.getByLabel('Period starts').fill('2025-04-01');
  await page.getByLabel('Period ends').fill('2026-03-31');
  await page.getByRole('button', { name: 'Start the assessment' }).click();
  await page.getByRole('heading', { level: 1, name: 'Cases' }).waitFor();
}

/** Adds a case of domestic abuse with this reference, from the task list; ends on the case page. */
export async function addCase(page, reference = '24/0100/DA') {
  await page.getByRole('button', { name: 'Add a case of domestic abuse' }).click();
  await page.getByLabel('Case reference').fill(reference);
  await page.getByRole('button', { name: 'Save the case details' }).click();
  await page.getByRole('heading', { level: 1, name: reference }).waitFor();
}

/** Waits until the open assessment says it is saved. */
export async function waitSaved(page) {
  await page.waitForFunction(() => /^Saved/.test(document.getElementById('saved-status')?.textContent ?? ''), null, {
    timeout: 10000,
  });
}

/**
 * Audits one case from the task list: adds it, gives a reference (and
 * answers yes to a condition question still open), answers every criterion
 * of every stage (`answerFor(criterionId)` picks the label,
 * "Met" by default; not met and partly met get a note, and so does every
 * answer to a key criterion), confirms the suggested grade and marks the
 * case complete.
 */
export async function auditCase(page, { addButton, reference, answerFor, onStage }) {
  await page.getByRole('button', { name: addButton }).click();
  await answerCase(page, { reference, answerFor, onStage });
}

/**
 * Audits a case already on the task list (one allocated in a work pack):
 * opens it by its link, gives it a reference, and answers, grades and
 * completes it as `auditCase` does.
 */
export async function auditListed(page, { link, reference, answerFor, onStage }) {
  await page.getByRole('link', { name: link, exact: true }).click();
  await page.getByRole('link', { name: 'Change the case details' }).click();
  await answerCase(page, { reference, answerFor, onStage });
}

/**
 * From a case's details form: the reference and any condition question its
 * type asks (answered yes where still open, so the criteria it brings stay
 * in the audit, as they are while it is open, and the case can be
 * completed), then every stage, the grade and completion.
 */
async function answerCase(page, { reference, answerFor = () => 'Met', onStage }) {
  await page.getByRole('heading', { level: 1, name: 'Case details' }).waitFor();
  await page.getByLabel('Case reference').fill(reference);
  const yes = page.locator('input[type=radio][name^="condition-"][value="yes"]');
  for (let i = 0, n = await yes.count(); i < n; i++) {
    const name = await yes.nth(i).getAttribute('name');
    if ((await page.locator(`input[type=radio][name="${name}"]:checked`).count()) === 0) await yes.nth(i).check();
  }
  await page.getByRole('button', { name: 'Save the case details' }).click();
  await page.getByRole('heading', { level: 1, name: reference }).waitFor();
  await page.getByRole('link', { name: 'Initial contact' }).click();
  for (;;) {
    await page.getByRole('heading', { level: 1 }).waitFor();
    // Each criterion is a group with a legend (a <details> is a group too).
    const groups = page.getByRole('group').filter({ has: page.locator('legend') });
    const count = await groups.count();
    for (let i = 0; i < count; i++) {
      const group = groups.nth(i);
      const legend = (await group.locator('legend').textContent()) ?? '';
      const id = legend.trim().split(/\s+/)[0];
      const label = answerFor(id);
      await group.getByRole('radio', { name: label, exact: true }).check();
      if (label === 'Not met' || label === 'Partly met') {
        await page.getByLabel(`Evidence for ${id}`, { exact: true }).fill(`Gap found in the file for ${id}.`);
      } else if (legend.includes('Key criterion')) {
        await page.getByLabel(`Evidence for ${id}`, { exact: true }).fill(`Seen in the file for ${id}.`);
      }
    }
    if (onStage) await onStage(page);
    const next = page.getByRole('link', { name: /^Next stage: / });
    if (await next.count()) {
      await next.click();
    } else {
      await page.getByRole('link', { name: 'Next: the grade' }).click();
      break;
    }
  }
  await page.getByRole('heading', { level: 1, name: 'Grade the case' }).waitFor();
  await page.getByRole('button', { name: 'Confirm the grade' }).click();
  await page.getByRole('heading', { level: 1, name: 'Check your answers' }).waitFor();
  await page.getByRole('button', { name: 'Mark the case complete' }).click();
  await page.getByRole('heading', { level: 1, name: 'Cases' }).waitFor();
}

/** The grade table of the results page, as rows of cell texts. */
export async function gradeTable(page) {
  return page.locator('#grades-by-type tr').evaluateAll((rows) =>
    rows.map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent.trim())),
  );
}

/** Deletes the app's IndexedDB database (the app's connection closes itself). */
export async function clearStorage(page) {
  await page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const req = indexedDB.deleteDatabase('cpsa');
        req.onsuccess = () => resolve();
        req.onerror = () => reject(req.error);
        req.onblocked = () => reject(new Error('blocked'));
      }),
  );
}

/** Reads or writes a raw record of the app's IndexedDB database. */
export async function idb(page, op, store, key, value) {
  return page.evaluate(
    ([op, store, key, value]) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('cpsa');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(store, op === 'put' ? 'readwrite' : 'readonly');
          const s = tx.objectStore(store);
          // 'range': every record whose key is an array starting with `key`.
          const req =
            op === 'get'
              ? s.get(key)
              : op === 'all'
                ? s.getAll()
                : op === 'range'
                  ? s.getAll(IDBKeyRange.bound([key], [key, []], false, true))
                  : s.put(value, key);
          req.onsuccess = () => {
            const result = req.result;
            db.close();
            resolve(result);
          };
          req.onerror = () => reject(req.error);
        };
      }),
    [op, store, key, value],
  );
}

/**
 * Makes every IndexedDB write fail as a full disk would while the tab's
 * `sessionStorage` says so (kept across reloads): `diskFull(page, true)`.
 */
export async function diskFullSwitch(page) {
  await page.addInitScript(() => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (...args) {
      if (sessionStorage.getItem('cpsaDiskFull') === 'yes') {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }
      return put.apply(this, args);
    };
  });
}

export async function diskFull(page, full) {
  await page.evaluate((full) => sessionStorage.setItem('cpsaDiskFull', full ? 'yes' : 'no'), full);
}

/**
 * What is stored of an assessment, as one parsed export file: its frame's
 * file with its case records put back in the order its order record gives
 * (the layout of `src/domain/save.rs`), or its record in the layout before
 * version 2.
 */
export async function stored(page, id) {
  const frame = await idb(page, 'get', 'frames', id);
  if (frame === undefined) {
    const text = await idb(page, 'get', 'assessments', id);
    return text === undefined ? undefined : JSON.parse(text);
  }
  const { file } = JSON.parse(frame);
  const order = JSON.parse(await idb(page, 'get', 'orders', id));
  const records = await idb(page, 'range', 'cases', id);
  const byId = new Map(records.map((text) => JSON.parse(text).case).map((c) => [c.id, c]));
  file.assessment.cases = order.map((caseId) => byId.get(caseId));
  return file;
}

/** Drops a file onto the import page's drop zone, as dragging it from the desktop would. */
export async function dropFile(page, name, content) {
  const dataTransfer = await page.evaluateHandle(
    ([name, content]) => {
      const dt = new DataTransfer();
      dt.items.add(new File([content], name, { type: 'application/json' }));
      return dt;
    },
    [name, content],
  );
  // The drop zone has no role of its own: it wraps the labelled file input.
  await page.dispatchEvent('.drop-zone', 'drop', { dataTransfer });
}

let jsonDir;
/** Writes a value as JSON to a file of its own in a temporary folder; its path. */
export async function writeJson(name, value) {
  jsonDir ??= tempDir('json');
  const file = path.join(jsonDir, name);
  await writeFile(file, JSON.stringify(value));
  return file;
}

/** Imports a file as a new assessment from the start page; ends on its task list. */
export async function importNew(page, baseUrl, file) {
  await page.goto(`${baseUrl}#/import`);
  await page.getByLabel('Choose an exported assessment (a .json file)').setInputFiles(file);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { level: 1, name: 'Cases' }).waitFor();
  await waitSaved(page);
}

/** The text of the file a click downloads. */
export async function downloadText(page, click) {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  return readFile(await file.path(), 'utf8');
}
