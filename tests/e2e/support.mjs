// Shared set-up for the end-to-end tests: serve dist/ on 127.0.0.1, drive
// Debian's chromium with playwright-core, and scan pages with axe-core.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import axe from 'axe-core';
import { chromium } from 'playwright-core';
import sirv from 'sirv';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Serves a build directory (dist/ by default) on a free port of 127.0.0.1. */
export async function serve(dir = path.join(root, 'dist')) {
  const files = sirv(dir, { dev: false, etag: true });
  const server = createServer((req, res) =>
    files(req, res, () => {
      res.statusCode = 404;
      res.end('not found');
    }),
  );
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((resolve) => server.close(resolve)),
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
 * Opens a page that records console errors, uncaught exceptions and every
 * request, so tests can assert that nothing went wrong and nothing left the
 * app's own origin.
 */
export async function openPage(browser, baseUrl) {
  const context = await browser.newContext();
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
  page.on('request', (req) => requests.push(req.url()));
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
}

/** Waits until the focused element matches a CSS selector. */
export async function waitForFocus(page, selector) {
  await page.waitForFunction((sel) => document.activeElement?.matches(sel), selector, { timeout: 5000 });
}
