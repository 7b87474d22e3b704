// The app shell in real Chromium: it loads, lists the case types, routes by
// link, moves focus and title on every route change, and passes axe.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertAccessible, assertHealthy, openPage, servedApp, waitForFocus } from './support.mjs';

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
