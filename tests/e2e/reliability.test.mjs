// Reliability and security in real Chromium: every file of the bad-import
// corpus gives its message and changes nothing; hostile text is only ever
// text, on screen, in print and in CSV.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { assertAccessible, assertHealthy, idb, launch, openPage, serve, startAssessment, waitSaved } from './support.mjs';

const corpus = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../bad-imports');
const expected = JSON.parse(await readFile(path.join(corpus, 'expected.json'), 'utf8'));
const MARKUP_FILE = 'markup-in-every-text-field.json';

/** Everything the app keeps on the device, as one string to compare. */
async function snapshot(page) {
  const stores = {};
  for (const store of ['assessments', 'index', 'quarantine']) stores[store] = await idb(page, 'all', store);
  const local = await page.evaluate(() =>
    Object.fromEntries(Object.keys(localStorage).map((k) => [k, localStorage.getItem(k)])),
  );
  return JSON.stringify({ stores, local });
}

/** Fails if markup from a file became elements, or its script ran (alert opens a dialog). */
async function assertOnlyText(page, dialogs, where) {
  assert.deepEqual(dialogs, [], `a dialog opened on ${where}`);
  const injected = await page.evaluate(() => document.querySelectorAll('body img, body script, body b, [onerror]').length);
  assert.equal(injected, 0, `markup became elements on ${where}`);
}

describe('bad input and hostile text', () => {
  let server;
  let browser;

  before(async () => {
    server = await serve();
    browser = await launch();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('every file in the bad-import corpus gives its own message, and nothing on the device changes', async () => {
    const page = await openPage(browser, server.url);
    await startAssessment(page, server.url, { force: 'Corpus Police' });
    await waitSaved(page);
    const before = await snapshot(page);

    await page.goto(`${server.url}#/import`);
    const input = page.getByLabel('Choose an exported assessment (a .json file)');
    const summary = page.getByRole('alert').filter({ has: page.locator('#import-error-title') });
    const refused = Object.entries(expected.files).filter(([, want]) => !want.accepted);
    for (const [name, want] of refused) {
      await input.setInputFiles(path.join(corpus, name));
      await summary.getByRole('heading', { name: `${name} cannot be imported` }).waitFor();
      const first = (await summary.locator('li').first().textContent()).trim();
      assert.equal(first, `${want.at}: ${want.message}`, name);
    }
    await assertAccessible(page, 'an import refused');

    // Far over the size limit: refused by its size, before it is read.
    const [name, want] = Object.entries(expected.generated)[0];
    const dataTransfer = await page.evaluateHandle(
      ([name, bytes]) => {
        const dt = new DataTransfer();
        dt.items.add(new File([new Uint8Array(bytes)], name, { type: 'application/json' }));
        return dt;
      },
      [name, want.bytes],
    );
    await page.dispatchEvent('.drop-zone', 'drop', { dataTransfer });
    await summary.getByRole('heading', { name: `${name} cannot be imported` }).waitFor();
    assert.equal((await summary.locator('li').first().textContent()).trim(), `${want.at}: ${want.message}`);

    assert.equal(await snapshot(page), before);
    assertHealthy(page);
  });

  test('HTML and script from a file are shown as text on every page and in print, and CSV cells cannot run as formulas', async () => {
    const page = await openPage(browser, server.url);
    const dialogs = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      d.dismiss();
    });
    const file = path.join(corpus, MARKUP_FILE);
    const hostile = JSON.parse(await readFile(file, 'utf8')).assessment;

    await page.goto(`${server.url}#/import`);
    await page.getByLabel('Choose an exported assessment (a .json file)').setInputFiles(file);
    await page.locator('#import-markup').getByText(expected.files[MARKUP_FILE].note).waitFor();
    await page.locator('#import-preview').getByText(hostile.force, { exact: true }).waitFor();
    await assertAccessible(page, 'the preview of a file with markup');
    await assertOnlyText(page, dialogs, 'the import preview');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { level: 1, name: 'Cases' }).waitFor();
    await waitSaved(page);
    const id = hostile.id;
    const [first, second] = hostile.cases;

    // Each page that shows the file's text, with a piece of that text to find.
    const pages = [
      [`#/a/${id}`, first.reference],
      [`#/a/${id}/case/${first.id}`, first.auditor],
      [`#/a/${id}/case/${first.id}/grade`, hostile.force],
      [`#/a/${id}/case/${second.id}/check`, second.reference],
      [`#/a/${id}/results`, second.refer_back.reason],
      [`#/a/${id}/export`, hostile.force],
      [`#/a/${id}/report`, first.answers[0].note],
    ];
    for (const [route, text] of pages) {
      await page.goto(`${server.url}${route}`);
      await page
        .getByText(text, { exact: false })
        .first()
        .waitFor({ timeout: 10000 })
        .catch(async (e) => {
          throw new Error(`${route} does not show ${text}: ${await page.locator('main').innerText()}`, { cause: e });
        });
      await assertOnlyText(page, dialogs, route);
    }
    // Forms show the text as the value of their fields, as typed.
    const fields = [
      [`#/a/${id}/case/${first.id}/stage/assessment-and-help`, first.answers[0].note],
      [`#/a/${id}/case/${second.id}/refer`, second.refer_back.owner],
    ];
    for (const [route, text] of fields) {
      await page.goto(`${server.url}${route}`);
      await page.locator('main textarea').first().waitFor();
      const values = await page.locator('main input, main textarea').evaluateAll((all) => all.map((f) => f.value));
      assert.ok(values.includes(text), `${route}: ${values.join('\n')}`);
      await assertOnlyText(page, dialogs, route);
    }
    // The printed report is the same document under print styles.
    await page.goto(`${server.url}#/a/${id}/report`);
    const caseHeading = page.getByRole('heading', { level: 3, name: `${first.reference} – Domestic abuse` });
    await caseHeading.waitFor();
    await page.emulateMedia({ media: 'print' });
    assert.equal(await caseHeading.isVisible(), true);
    await assertOnlyText(page, dialogs, 'the printed report');
    await page.emulateMedia({ media: 'screen' });

    // CSV: a cell that starts like a formula is made text with a leading apostrophe.
    await page.goto(`${server.url}#/a/${id}/export`);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download cases (CSV)' }).click(),
    ]);
    const csv = await readFile(await download.path(), 'utf8');
    for (const text of [first.reference, second.reference, first.auditor, second.auditor]) {
      assert.ok(csv.includes(`'${text.replaceAll('"', '""')}`), `${text} is not neutralised in\n${csv}`);
    }
    assert.doesNotMatch(csv, /(^|,)"?[=+\-@]/m);
    assertHealthy(page);
  });
});
