// Offline and updates in real Chromium: after one visit the app works with
// the host gone; a new version waits for the user; a sub-path host works.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { withIntegrity } from '../../scripts/hashes.mjs';
import {
  assertAccessible,
  assertHealthy,
  fixClock,
  idb,
  launch,
  openPage,
  serve,
  startAssessment,
  tempDir,
  waitSaved,
} from './support.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dist = path.join(root, 'dist');
const subpathDist = path.join(root, 'target/e2e/apps-cpsa');

/** Waits until the service worker has installed the app and controls the page. */
async function controlled(page) {
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 15000 });
}

/**
 * A newer build, as a build names its files: this one with its scripts (the
 * boot script, wasm-bindgen's module and the loader of the parts, which name
 * one another) under other names, the names changed wherever they appear,
 * the page's integrity hashes made again, and sw.js made again for it.
 */
function newerBuild() {
  const dir = tempDir('newer');
  cpSync(dist, dir, { recursive: true });
  const scripts = readdirSync(dir).filter((f) => /^(boot|cpsa-web|split)-[0-9a-f]+\.js$/.test(f));
  assert.equal(scripts.length, 3, `the build's scripts: ${scripts}`);
  const next = (f) => f.replace(/\.js$/, '-next.js');
  for (const f of scripts) renameSync(path.join(dir, f), path.join(dir, next(f)));
  for (const f of [...scripts.map(next), 'index.html']) {
    const p = path.join(dir, f);
    let text = readFileSync(p, 'utf8');
    for (const s of scripts) text = text.replace(new RegExp(`/${s.replaceAll('.', '\\.')}(['"])`, 'g'), `/${next(s)}$1`);
    writeFileSync(p, text);
  }
  const index = path.join(dir, 'index.html');
  let html = readFileSync(index, 'utf8');
  // The page loads the boot script and wasm-bindgen's module; the loader of
  // the parts is imported by the latter.
  for (const f of scripts.map(next).filter((f) => !f.startsWith('split-'))) {
    html = withIntegrity(html, f, readFileSync(path.join(dir, f)));
  }
  writeFileSync(index, html);
  execFileSync(process.execPath, [path.join(root, 'scripts/sw.mjs'), dir], { stdio: 'ignore' });
  return dir;
}

/** The address of the script the page runs, which names its build. */
const ownScript = (page) => page.evaluate(() => document.querySelector('link[rel=modulepreload]').href);

/** The cache names the app's service worker keeps. */
const cacheNames = (page) => page.evaluate(() => caches.keys());

/** Waits until the app keeps exactly one cache, and not `old`. */
async function oneCacheOtherThan(page, old, timeout = 15000) {
  const end = Date.now() + timeout;
  for (;;) {
    const names = await cacheNames(page);
    if (names.length === 1 && names[0] !== old) return;
    if (Date.now() > end) assert.fail(`still the caches ${JSON.stringify(names)}, expected one other than ${old}`);
    await page.waitForTimeout(100);
  }
}

describe('offline and updates', () => {
  let browser;

  before(async () => {
    browser = await launch();
  });

  after(async () => {
    await browser?.close();
  });

  test('after one visit the app works with no network: start and audit a case, reload, the work is there', async () => {
    const server = await serve(dist);
    const page = await openPage(browser, server.url);
    await page.goto(server.url);
    await page.getByRole('heading', { level: 1, name: 'Child protection self-assessment' }).waitFor();
    await controlled(page);
    assert.equal((await cacheNames(page)).length, 1);

    // The host is gone and the browser is offline.
    await server.close();
    await page.context().setOffline(true);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Child protection self-assessment' }).waitFor();

    await startAssessment(page, server.url, { force: 'Offline Police' });
    await page.getByRole('button', { name: 'Add a case of missing children' }).click();
    await page.getByLabel('Case reference').fill('MIS/OFF/1');
    await page.getByRole('button', { name: 'Save the case details' }).click();
    await page.getByRole('link', { name: 'Initial contact' }).click();
    await page.getByRole('group', { name: /^MI1 / }).getByRole('radio', { name: 'Not met', exact: true }).check();
    await page.getByLabel('Evidence for MI1', { exact: true }).fill('Graded medium despite a CSE flag.');
    await waitSaved(page);
    await assertAccessible(page, 'a stage of a case, offline');

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Initial contact' }).waitFor();
    assert.equal(
      await page.getByRole('group', { name: /^MI1 / }).getByRole('radio', { name: 'Not met', exact: true }).isChecked(),
      true,
    );
    assert.equal(await page.getByLabel('Evidence for MI1', { exact: true }).inputValue(), 'Graded medium despite a CSE flag.');
    assertHealthy(page);
  });

  test('when the host answers with an error instead of the page, the installed app still opens', async () => {
    const server = await serve(dist);
    const page = await openPage(browser, server.url);
    await page.goto(server.url);
    await controlled(page);
    // A maintenance window: every request gets a 404 page.
    server.setDir(tempDir('empty'));
    await page.goto(`${server.url}#/about`);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'About this tool and your data' }).waitFor();
    assertHealthy(page);
    await server.close();
  });

  test('a part of the app that cannot be fetched says so, and is fetched when asked again', async () => {
    const server = await serve(dist);
    // A first visit on a failing connection: no part arrives, neither for the
    // page nor in the background (so nothing arrives by itself later). The
    // service worker is kept out: its own fetches pass by `page.route`, so
    // once it took control it would bring the parts from its cache.
    const page = await openPage(browser, server.url, { serviceWorkers: 'block' });
    const parts = /\/(split|chunk)_[a-z0-9]+-[0-9a-f]+\.wasm$/;
    await page.route(parts, (route) => route.abort('internetdisconnected'));
    await page.goto(server.url);
    await page.getByRole('heading', { level: 1, name: 'Child protection self-assessment' }).waitFor();
    await page.getByRole('link', { name: 'About this tool and your data' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'This page could not be loaded' }).waitFor();
    await assertAccessible(page, 'a page whose part could not be fetched');

    // The connection is back: asking again brings the page, with focus on it.
    await page.unroute(parts);
    await page.getByRole('button', { name: 'Try again' }).click();
    await page.getByRole('heading', { level: 1, name: 'About this tool and your data' }).waitFor();
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
    // The only errors are the refused fetches, reported by the loader.
    assert.ok(page.problems.every((p) => /(split|chunk)_|Failed to fetch|TypeError/.test(p)), page.problems.join('\n'));
    await server.close();
  });

  test('a host that serves .wasm with another type than application/wasm still runs every page', async () => {
    const server = await serve(dist);
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.route(/\.wasm$/, async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, headers: { ...response.headers(), 'content-type': 'application/octet-stream' } });
    });
    await page.goto(server.url);
    await page.getByRole('heading', { level: 1, name: 'Child protection self-assessment' }).waitFor();
    await page.getByRole('link', { name: 'About this tool and your data' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'About this tool and your data' }).waitFor();
    await startAssessment(page, server.url, { force: 'Old Host Police' });
    assert.deepEqual(errors, []);
    await context.close();
    await server.close();
  });

  test('a newer build waits for the user: a banner, no reload until asked, then the old cache goes', async () => {
    const newer = newerBuild();
    const server = await serve(dist);
    const page = await openPage(browser, server.url);
    await page.goto(server.url);
    await controlled(page);
    const [first] = await cacheNames(page);

    // Work in progress: a form half filled in.
    await page.getByRole('link', { name: 'Start a new assessment' }).click();
    await page.getByLabel('Force').fill('Half-typed Constabulary');
    await page.evaluate(() => {
      window.__stillHere = true;
    });

    // The check the app makes every 30 minutes finds the new version.
    server.setDir(newer);
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
    const banner = page.getByRole('region', { name: 'A new version is ready' });
    await banner.waitFor({ timeout: 15000 });
    await assertAccessible(page, 'the new-assessment form with the update banner');
    // Nothing reloaded: the page and the half-typed form are as they were.
    await page.waitForTimeout(1000);
    assert.equal(await page.evaluate(() => window.__stillHere), true);
    assert.equal(await page.getByLabel('Force').inputValue(), 'Half-typed Constabulary');
    assert.ok((await cacheNames(page)).includes(first), 'the old version still serves this page');

    await Promise.all([page.waitForEvent('load'), banner.getByRole('button', { name: 'Use the new version' }).click()]);
    await page.getByRole('heading', { level: 1 }).waitFor();
    assert.equal(await page.evaluate(() => window.__stillHere), undefined, 'the page reloaded when asked');
    assert.match(await ownScript(page), /-next\.js$/);
    await oneCacheOtherThan(page, first);
    assert.equal(await page.getByRole('region', { name: 'A new version is ready' }).count(), 0);
    assertHealthy(page);
    await server.close();
  });

  test('after a deploy, a reload runs the new build, whose worker takes over quietly; offline, that build opens', async () => {
    const newer = newerBuild();
    const server = await serve(dist);
    const page = await openPage(browser, server.url);
    await page.goto(server.url);
    await controlled(page);
    const [first] = await cacheNames(page);

    server.setDir(newer);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Child protection self-assessment' }).waitFor();
    assert.match(await ownScript(page), /-next\.js$/, 'the page is fetched network first');
    // The new worker serves the build this page already runs: no banner, no
    // reload, and the old version's cache goes.
    await oneCacheOtherThan(page, first);
    await page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated');
    assert.equal(await page.getByRole('region', { name: 'A new version is ready' }).count(), 0);

    await server.close();
    await page.context().setOffline(true);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Child protection self-assessment' }).waitFor();
    assert.match(await ownScript(page), /-next\.js$/, 'offline, the build the page last ran');
    assertHealthy(page);
  });

  // The default build is relative and works under any path; `make dist
  // PUBLIC_URL=/apps/cpsa/` pins one (the Makefile's test-e2e builds both).
  for (const [which, dir] of [
    ['the default build', dist],
    ['a build for /apps/cpsa/', subpathDist],
  ]) {
    test(`hosted under a sub-path, ${which} works, offline too`, async () => {
      const server = await serve(dir, { prefix: '/apps/cpsa/' });
      const page = await openPage(browser, server.url);
      await page.goto(server.url);
      await page.getByRole('heading', { level: 1, name: 'Child protection self-assessment' }).waitFor();
      await controlled(page);
      const scope = await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.scope));
      assert.equal(new URL(scope).pathname, '/apps/cpsa/');
      assert.equal(
        await page.evaluate(() => document.querySelector('link[rel=manifest]').href),
        `${server.url}manifest.webmanifest`,
      );

      await server.close();
      await page.context().setOffline(true);
      await page.goto(`${server.url}#/about`);
      await page.getByRole('heading', { level: 1, name: 'About this tool and your data' }).waitFor();
      assertHealthy(page);
    });
  }

  test('the manifest and its icons make the app installable', async () => {
    const server = await serve(dist);
    const page = await openPage(browser, server.url);
    await page.goto(server.url);
    const manifest = await page.evaluate(async () => (await fetch(document.querySelector('link[rel=manifest]').href)).json());
    assert.equal(manifest.name, 'Child protection self-assessment');
    assert.equal(manifest.display, 'standalone');
    const sizes = manifest.icons.map((i) => i.sizes);
    assert.ok(sizes.includes('192x192') && sizes.includes('512x512') && sizes.includes('any'));
    // Each icon is served and decodes at the size the manifest gives (the
    // PNGs are palette images written by scripts/icons.mjs).
    for (const icon of manifest.icons) {
      const got = await page.evaluate(async (src) => {
        const url = new URL(src, location.href);
        const { status } = await fetch(url);
        const image = new Image();
        image.src = url;
        await image.decode();
        return { status, size: `${image.naturalWidth}x${image.naturalHeight}` };
      }, icon.src);
      assert.equal(got.status, 200, icon.src);
      if (icon.sizes !== 'any') assert.equal(got.size, icon.sizes, icon.src);
    }
    const touch = await page.evaluate(async () => {
      const image = new Image();
      image.src = document.querySelector('link[rel=apple-touch-icon]').href;
      await image.decode();
      return `${image.naturalWidth}x${image.naturalHeight}`;
    });
    assert.equal(touch, '180x180');
    assertHealthy(page);
    await server.close();
  });

  test('changes not exported for longer than the setting bring a reminder that offers the export', async () => {
    const server = await serve(dist);
    const page = await openPage(browser, server.url);
    await fixClock(page, '2026-03-02T10:00:00');
    await startAssessment(page, server.url, { force: 'Reminder Police' });
    await waitSaved(page);
    const reminder = page.getByRole('region', { name: 'Time to export a backup' });
    assert.equal(await reminder.count(), 0);

    // Eight days later, nothing exported.
    await fixClock(page, '2026-03-10T11:00:00');
    await page.reload();
    await reminder.getByText(/have not been exported for 8 days/).waitFor();
    await assertAccessible(page, 'the task list with the backup reminder');
    await reminder.getByRole('link', { name: 'Export the assessment now' }).click();
    await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download the assessment (JSON)' }).click(),
    ]);
    await page.getByRole('link', { name: 'Cases', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Cases' }).waitFor();
    assert.equal(await reminder.count(), 0, 'the export answered the reminder');
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Cases' }).waitFor();
    assert.equal(await reminder.count(), 0, 'and the answer is kept on this device');

    // A new change starts the wait again; the setting decides how long it is.
    await page.getByRole('button', { name: 'Add a case of domestic abuse' }).click();
    await page.getByLabel('Case reference').fill('24/0900/DA');
    await page.getByRole('button', { name: 'Save the case details' }).click();
    await waitSaved(page);
    await fixClock(page, '2026-03-20T11:00:00');
    await page.reload();
    await reminder.getByText(/have not been exported for 10 days/).waitFor();
    await page.goto(server.url);
    const setting = page.getByLabel(/Remind me to export an assessment/);
    assert.equal(await setting.inputValue(), '7');
    await setting.fill('0');
    await page.getByRole('button', { name: 'Save the reminder' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await summary.getByRole('link', { name: 'The number of days must be between 1 and 365' }).waitFor();
    await assertAccessible(page, 'the reminder setting with an error');
    assert.equal(await page.evaluate(() => localStorage.getItem('cpsa.settings')), null, 'nothing saved');
    await setting.fill('30');
    await page.getByRole('button', { name: 'Save the reminder' }).click();
    await page.getByText('You will be reminded to export after 30 days').waitFor();
    await page.getByRole('link', { name: 'Reminder Police', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Cases' }).waitFor();
    assert.equal(await reminder.count(), 0);
    await page.goto(server.url);
    await page.reload();
    await setting.waitFor();
    assert.equal(await setting.inputValue(), '30', 'the setting is kept on this device');
    assertHealthy(page);
    await server.close();
  });

  test('clear all data offers each export first, asks, then leaves nothing on the device', async () => {
    const server = await serve(dist);
    const page = await openPage(browser, server.url);
    await startAssessment(page, server.url, { force: 'First Police' });
    await waitSaved(page);
    await startAssessment(page, server.url, { force: 'Second Police' });
    await waitSaved(page);
    // A third that cannot be read, so it is kept aside when opened.
    await startAssessment(page, server.url, { force: 'Broken Police' });
    await waitSaved(page);
    const broken = new URL(page.url()).hash.split('/')[2];
    await idb(page, 'put', 'frames', broken, '{"format":"cpsa-assessment"');
    await page.goto(server.url);
    await page.reload();
    await page.getByRole('link', { name: 'Broken Police', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'This assessment could not be read' }).waitFor();

    await page.goto(server.url);
    await page.getByRole('link', { name: 'Clear all data on this device' }).click();
    await page.getByRole('link', { name: 'Export the assessment for First Police' }).waitFor();
    await page.getByRole('link', { name: 'Export the assessment for Second Police' }).waitFor();
    // What was kept aside is offered too: it is deleted with everything else.
    const kept = page.getByRole('region', { name: 'Saved data that could not be read' });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      kept.getByRole('button', { name: 'Download kept data 1' }).click(),
    ]);
    assert.equal(download.suggestedFilename(), 'cpsa-kept-aside-1.txt');
    await assertAccessible(page, 'clear all data');
    await page.getByRole('button', { name: 'Yes, clear all data on this device' }).click();
    await page.getByText('All data on this device has been deleted').waitFor();
    await page.getByText('There are no assessments on this device yet.').waitFor();
    for (const store of ['frames', 'orders', 'cases', 'lines', 'index', 'assessments', 'quarantine']) {
      assert.deepEqual(await idb(page, 'all', store), [], store);
    }
    assert.deepEqual(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('cpsa.'))), []);
    await page.reload();
    await page.getByText('There are no assessments on this device yet.').waitFor();
    assertHealthy(page);
    await server.close();
  });
});
