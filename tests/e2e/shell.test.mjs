// The app shell in real Chromium: it loads, lists the case types, routes by
// link, moves focus and title on every route change, and passes axe.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';
import { pageLoads } from '../../scripts/page-load.mjs';
import { assertAccessible, assertHealthy, openPage, root, servedApp, addCase, startAssessment, waitForFocus, waitSaved } from './support.mjs';

/**
 * A stage's criteria show what good looks like, where it comes from and the
 * glossary's terms they use: the texts only the answers' part (and the
 * lead's) brings, which a case's other pages do without.
 */
async function assertStageTexts(page) {
  const first = page.locator('.criterion').first();
  assert.match(await first.locator('.criterion__source').textContent(), /^Source: \S/);
  assert.match(await first.textContent(), /Good looks like: \w/);
  const terms = page.locator('.criterion summary', { hasText: /^Terms used: \w/ });
  assert.ok((await terms.count()) > 0, 'a criterion names the glossary terms it uses');
}

describe('app shell', () => {
  const app = servedApp();

  test('the start page offers to start or import, and says where the data lives', async () => {
    const page = await openPage(app.browser, app.server.url);
    await page.goto(app.server.url);
    await page.getByRole('heading', { level: 1, name: 'Child protection self-assessment' }).waitFor();
    assert.equal(await page.title(), 'Child protection self-assessment');
    await page.getByText('There are no assessments on this device yet.').waitFor();
    await page.getByRole('link', { name: 'Start a new assessment' }).waitFor();
    await page.getByRole('link', { name: 'Import an assessment' }).waitFor();
    await page.getByText(/Do not enter the names of children/).waitFor();
    await page.locator('#storage-persistence').waitFor();

    await assertAccessible(page, 'the start page');
    assertHealthy(page);
  });

  // What the size check counts as a page load (scripts/page-load.mjs) must be
  // all the page waits for: with every other wasm module held back, the start
  // page lists what is stored, names its framework and can be used, a stage
  // of a case opened directly is drawn, answered and saved, and the task list
  // opened directly lists its cases.
  test('the start page and a stage of a case need only the modules the size check counts', async () => {
    const loads = pageLoads(path.join(root, 'dist'));
    const context = await app.browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await startAssessment(page, app.server.url, { force: 'Held Back Police' });
    const tasksUrl = page.url();
    await addCase(page, '24/0900/DA');
    await page.getByRole('link', { name: 'Initial contact' }).click();
    await page.getByRole('heading', { level: 1, name: 'Initial contact' }).waitFor();
    const stageUrl = page.url();
    await waitSaved(page);

    // Holds back every wasm module but `needed`, and says which it held.
    const holdAllBut = async (needed) => {
      const held = [];
      await page.unrouteAll();
      await page.route(/\.wasm$/, (route) => {
        const file = new URL(route.request().url()).pathname.split('/').pop();
        if (needed.includes(file)) return route.continue();
        held.push(file);
      });
      return held;
    };

    let held = await holdAllBut(loads.start);
    await page.goto(`${app.server.url}#/`);
    await page.reload();
    await page.getByRole('link', { name: 'Held Back Police', exact: true }).waitFor();
    await page.getByText(/(Child's journey case audit|National Child Protection Inspections from 2024).*\(version \d/).first().waitFor();
    await page.getByRole('link', { name: 'Start a new assessment' }).waitFor();
    // The background fetch of the parts began, and nothing waited for it.
    assert.ok(held.some((f) => f.startsWith('split_cases-')), 'the cases part was asked for in the background');

    held = await holdAllBut(loads.case);
    // What this app stored reads at once: the full reader's part (older
    // versions, problems to place) is not fetched for it.
    await page.goto(stageUrl);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Initial contact' }).waitFor();
    await assertStageTexts(page);
    const first = page.locator('.criterion').first();
    await first.getByRole('radio', { name: 'Met', exact: true }).check();
    await waitSaved(page);
    // The answer was stored: read back once every module may come.
    await page.unrouteAll();
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Initial contact' }).waitFor();
    assert.ok(await page.locator('.criterion').first().getByRole('radio', { name: 'Met', exact: true }).isChecked());
    // The background fetch of the parts began (one at a time, the cases
    // first: held back here, it holds back the rest).
    assert.ok(held.some((f) => f.startsWith('split_cases-')), 'the cases part was asked for in the background');
    assert.ok(!held.some((f) => f.startsWith('split_full_read-')), "the full reader's part was not asked for");

    // The task list, a figure of `make bench`, opened directly.
    held = await holdAllBut(loads.tasks);
    await page.goto(tasksUrl);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Cases' }).waitFor();
    await page.getByRole('link', { name: '24/0900/DA' }).waitFor();
    assert.ok(held.some((f) => f.startsWith('split_answers-')), 'the answers part was asked for in the background');

    // A case's other pages do without the texts only a stage shows: the
    // check page opened directly opens the assessment with the answers'
    // part held back, and a stage reached from it then shows those texts
    // once the part arrives.
    await page.unrouteAll();
    const waiting = [];
    await page.route(/split_answers-[0-9a-f]+\.wasm$/, (route) => { waiting.push(route); });
    await page.goto(`${stageUrl.split('/stage/')[0]}/check`);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Check your answers' }).waitFor();
    await page.goto(stageUrl);
    await page.getByText('Loading this page').waitFor();
    for (let i = 0; waiting.length === 0 && i < 200; i += 1) await page.waitForTimeout(50);
    assert.ok(waiting.length > 0, 'the answers part was asked for');
    for (const route of waiting) await route.continue();
    await page.getByRole('heading', { level: 1, name: 'Initial contact' }).waitFor();
    await assertStageTexts(page);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('following a link moves to its page, sets the title and focuses the heading', async () => {
    const page = await openPage(app.browser, app.server.url);
    await page.goto(app.server.url);
    await page.getByRole('link', { name: 'About this tool and your data' }).click();

    await page.getByRole('heading', { level: 1, name: 'About this tool and your data' }).waitFor();
    assert.equal(new URL(page.url()).hash, '#/about');
    assert.equal(await page.title(), 'About this tool and your data – Child protection self-assessment');
    await waitForFocus(page, 'main h1');

    // The case types of each framework, with the standard sample's counts.
    const table = page.getByRole('table', { name: /^Case types in the standard sample \(Child's journey/ });
    const rows = table.locator('tbody tr');
    assert.equal(await rows.count(), 9);
    assert.match(await rows.first().textContent(), /^Domestic abuse/);
    assert.equal(await table.locator('tfoot td').textContent(), '33');
    const later = page.getByRole('table', { name: /^Case types in the standard sample \(National Child Protection Inspections from 2024/ });
    assert.equal(await later.locator('tbody tr').count(), 11);

    await assertAccessible(page, 'the about page');
    assertHealthy(page);
  });

  test('an assessment opened from the start page: the heading that takes focus names its page, not the step of opening it', async () => {
    const page = await openPage(app.browser, app.server.url);
    await startAssessment(page, app.server.url, { force: 'Focus Police' });
    await waitSaved(page);
    // Loaded afresh, the assessment is not open: it is read from storage
    // while a page says so, under a heading of its own.
    await page.goto(app.server.url);
    await page.reload();
    await page.getByRole('link', { name: 'Focus Police', exact: true }).waitFor();
    // What a screen reader announces is the focused element as it is when
    // focus arrives, not the text it changes to later.
    await page.evaluate(() => {
      window.focusedHeadings = [];
      document.addEventListener('focusin', (e) => {
        if (e.target.tagName === 'H1') window.focusedHeadings.push(e.target.textContent);
      });
    });
    await page.getByRole('link', { name: 'Focus Police', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Cases' }).waitFor();
    await waitForFocus(page, 'main h1');
    // The route change focused the page saying the assessment is being
    // opened (read from storage after that), then the page's own heading.
    assert.deepEqual(await page.evaluate(() => window.focusedHeadings), ['Opening the assessment', 'Cases']);
    assertHealthy(page);
  });

  test('the skip link is the first stop and moves focus to the main content without changing the route', async () => {
    const page = await openPage(app.browser, app.server.url);
    await page.goto(app.server.url);
    await page.getByRole('heading', { level: 1 }).waitFor();
    const routeBefore = new URL(page.url()).hash;

    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement.textContent);
    assert.equal(focused, 'Skip to main content');
    await page.keyboard.press('Enter');

    await waitForFocus(page, 'main');
    assert.equal(new URL(page.url()).hash, routeBefore);
    await page.getByRole('heading', { level: 1, name: 'Child protection self-assessment' }).waitFor();
    assertHealthy(page);
  });

  test('the skip link\'s own address, opened directly, shows the start page with focus on the main content', async () => {
    // From a bookmark or a new tab: the address ends in #main-content, not a route.
    const page = await openPage(app.browser, app.server.url);
    await page.goto(`${app.server.url}#main-content`);
    await page.getByRole('heading', { level: 1, name: 'Child protection self-assessment' }).waitFor();
    await waitForFocus(page, 'main');
    assert.equal(new URL(page.url()).hash, '#/');
    await page.getByRole('link', { name: 'About this tool and your data' }).click();
    await page.getByRole('heading', { level: 1, name: 'About this tool and your data' }).waitFor();
    assert.equal(new URL(page.url()).hash, '#/about');
    assertHealthy(page);
  });

  test('an unknown address shows the not-found page', async () => {
    const page = await openPage(app.browser, app.server.url);
    await page.goto(`${app.server.url}#/no-such-page`);
    await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
    assert.equal(await page.title(), 'Page not found – Child protection self-assessment');
    await page.getByRole('link', { name: 'Go to the start page' }).click();
    await page.getByRole('heading', { level: 1, name: 'Child protection self-assessment' }).waitFor();

    await assertAccessible(page, 'the home page after not found');

    await page.goto(`${app.server.url}#/a/no-such-assessment`);
    await page.getByRole('heading', { level: 1, name: 'Assessment not found' }).waitFor();
    await assertAccessible(page, 'an assessment that is not on this device');
    await page.goto(`${app.server.url}#/import`);
    await page.getByRole('heading', { level: 1, name: 'Import an assessment' }).waitFor();
    await assertAccessible(page, 'the import page');
    assertHealthy(page);
  });
});
