// Storage faults and imports in real Chromium: unreadable data is kept aside
// and offered for download, a failed write loses nothing, a bad file changes
// nothing, and a reviewer's grades merge by case.
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import {
  assertAccessible,
  assertHealthy,
  dropFile,
  idb,
  importNew,
  openPage,
  servedApp,
  startAssessment,
  stored,
  tempDir,
  waitForFocus,
  waitSaved,
  writeJson,
} from './support.mjs';

/** Adds a case of domestic abuse, answers IC1 and confirms a grade; back on the task list. */
async function gradedCase(page, reference) {
  await page.getByRole('button', { name: 'Add a case of domestic abuse' }).click();
  await page.getByLabel('Case reference').fill(reference);
  await page.getByRole('button', { name: 'Save the case details' }).click();
  await page.getByRole('link', { name: 'Initial contact' }).click();
  await page.getByRole('group', { name: /^IC1 / }).getByRole('radio', { name: 'Met', exact: true }).check();
  await page.getByRole('link', { name: 'Back to the case' }).click();
  await page.getByRole('link', { name: 'Confirm or change the grade' }).click();
  await page.getByRole('button', { name: 'Confirm the grade' }).click();
  await page.getByRole('heading', { level: 1, name: 'Check your answers' }).waitFor();
  await page.getByRole('link', { name: 'Back', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: reference }).waitFor();
  await page.getByRole('link', { name: 'Back', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Cases' }).waitFor();
}

/** Downloads the open assessment's JSON and returns its path and parsed content. */
async function exportJson(page) {
  await page.getByRole('link', { name: 'Export and print' }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download the assessment (JSON)' }).click(),
  ]);
  const file = await download.path();
  return { file, json: JSON.parse(await readFile(file, 'utf8')) };
}

describe('storage faults and imports', () => {
  const app = servedApp();

  test('stored data that cannot be read is kept aside, unchanged, and offered for download', async () => {
    const page = await openPage(app.browser, app.server.url);
    await startAssessment(page, app.server.url, { force: 'Corrupt Police' });
    await waitSaved(page);
    const id = new URL(page.url()).hash.split('/')[2];
    const garbage = '{"format":"cpsa-assessment","version":1,"assessment":{"id":"' + id + '", "force": 12';
    await idb(page, 'put', 'frames', id, garbage);

    await page.goto(app.server.url);
    await page.reload();
    await page.getByRole('link', { name: 'Corrupt Police', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'This assessment could not be read' }).waitFor();
    await page.getByText(/The problem: .*ends too early/).waitFor();
    await assertAccessible(page, 'an assessment that could not be read');

    await page.getByRole('link', { name: 'the list of assessments' }).click();
    const kept = page.getByRole('region', { name: 'Saved data that could not be read' });
    await kept.waitFor();
    await assertAccessible(page, 'the start page with kept-aside data');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      kept.getByRole('button', { name: 'Download kept data 1' }).click(),
    ]);
    assert.equal(await readFile(await download.path(), 'utf8'), garbage, 'the download is the stored text, unchanged');

    // Kept in its own store, not where it was; and a new assessment saved
    // afterwards does not touch it.
    assert.equal(await idb(page, 'get', 'frames', id), undefined);
    await startAssessment(page, app.server.url, { force: 'Next Police' });
    await waitSaved(page);
    const quarantine = await idb(page, 'all', 'quarantine');
    assert.equal(quarantine.length, 1);
    assert.equal(JSON.parse(quarantine[0]).raw, garbage);
    assertHealthy(page);
  });

  test('a failed write keeps the work in memory, says so, and export still works', async () => {
    const page = await openPage(app.browser, app.server.url);
    // From the moment the flag is set, every IndexedDB write fails as a full disk would.
    await page.addInitScript(() => {
      const put = IDBObjectStore.prototype.put;
      IDBObjectStore.prototype.put = function (...args) {
        if (window.__cpsaDiskFull) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        return put.apply(this, args);
      };
    });
    await startAssessment(page, app.server.url, { force: 'Full Disk Police' });
    await waitSaved(page);
    await page.evaluate(() => {
      window.__cpsaDiskFull = true;
    });
    await page.getByRole('button', { name: 'Add a case of domestic abuse' }).click();
    await page.getByLabel('Case reference').fill('24/0500/DA');
    await page.getByRole('button', { name: 'Save the case details' }).click();

    const banner = page.getByRole('alert').filter({ hasText: 'Your latest changes are not saved' });
    await banner.getByText("This device's storage is full").waitFor();
    await page.locator('#saved-status').getByText('Not saved on this device').waitFor();
    await assertAccessible(page, 'a case with a failed save');
    // The work is still here, and leaves through export.
    await page.getByRole('heading', { level: 1, name: '24/0500/DA' }).waitFor();

    // Opening another assessment now would lose the change: the app says so instead.
    await page.goto(`${app.server.url}#/a/not-this-one`);
    await page.getByRole('heading', { level: 1, name: 'Your changes are not saved' }).waitFor();
    await assertAccessible(page, 'another assessment while changes are unsaved');
    // Trying again while the disk is still full fails again, and says so.
    await banner.getByRole('button', { name: 'Try saving again' }).click();
    await banner.waitFor();

    // Export: the work leaves the device, and the block lifts.
    await banner.getByRole('link', { name: 'Export the assessment now' }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download the assessment (JSON)' }).click(),
    ]);
    const json = JSON.parse(await readFile(await download.path(), 'utf8'));
    assert.equal(json.assessment.cases[0].reference, '24/0500/DA');
    await page.goto(`${app.server.url}#/a/not-this-one`);
    await page.getByRole('heading', { level: 1, name: 'Assessment not found' }).waitFor();

    // Once the disk has room, trying again saves, and the warning goes.
    await page.evaluate(() => {
      window.__cpsaDiskFull = false;
    });
    await page.getByRole('link', { name: 'See the assessments on this device' }).click();
    await page.getByRole('link', { name: 'Full Disk Police', exact: true }).click();
    await banner.getByRole('button', { name: 'Try saving again' }).click();
    await banner.waitFor({ state: 'detached' });
    // The button went with its banner: focus goes to the page's heading,
    // not to nothing.
    await waitForFocus(page, '#main-content h1');
    await waitSaved(page);
    page.problems.length = 0; // the failed writes were logged by design
    assertHealthy(page);
  });

  test('a bad file changes nothing; replacing asks first; a reviewer\'s grades merge by case', async () => {
    const page = await openPage(app.browser, app.server.url);
    await startAssessment(page, app.server.url, { force: 'Merge Police' });
    await gradedCase(page, '24/0601/DA');
    await gradedCase(page, '24/0602/DA');
    await waitSaved(page);
    const { json } = await exportJson(page);

    // Not JSON at all: the engine's message with its place, and nothing changes.
    const dir = tempDir('storage');
    const bad = path.join(dir, 'not-an-export.json');
    await writeFile(bad, 'force,cases\nMerge Police,2\n');
    await page.getByRole('link', { name: 'Import' }).click();
    await page.getByLabel('Choose an exported assessment (a .json file)').setInputFiles(bad);
    const problem = page.getByRole('alert').filter({ hasText: 'not-an-export.json cannot be imported' });
    await problem.getByText('Nothing has been changed.').waitFor();
    await problem.getByText(/the file: it does not hold a JSON object, so it is not an export from this tool/).waitFor();
    await assertAccessible(page, 'an import that failed');

    // A future version is refused with its path.
    const future = path.join(dir, 'future.json');
    await writeFile(future, JSON.stringify({ ...json, version: 99 }));
    await page.getByLabel('Choose an exported assessment (a .json file)').setInputFiles(future);
    await page.getByText(/\$\.version: the file is format version 99/).waitFor();

    // A reviewer's file as versions before work packs wrote it (format 4,
    // "Download your grades"): each case with its reference and the
    // reviewer's grade only. It still comes back, by case.
    const reviewed = structuredClone(json);
    reviewed.version = 4;
    delete reviewed.assessment.team;
    reviewed.assessment.cases = reviewed.assessment.cases.map((c, i) => ({
      id: c.id, reference: c.reference, case_type: c.case_type, answers: [],
      reviewer_grade: { grade: ['inadequate', 'good'][i], reviewer: 'Peer force', note: '' },
    }));
    await dropFile(page, 'reviewer.json', JSON.stringify(reviewed));
    await page.getByRole('heading', { name: 'What reviewer.json holds' }).waitFor();
    await page.locator('#import-preview').getByText('2 of 2 cases').waitFor();
    // Only bringing back is offered: replacing with grades alone would lose the audit.
    assert.equal(await page.getByLabel(/^Replace the assessment/).count(), 0);
    await page.getByLabel(/^Bring its work back into the assessment for Merge Police/).check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.locator('#bring-back-summary').getByText('reviewer.json: 2 reviewer grades taken').waitFor();
    await assertAccessible(page, 'bringing back a reviewer\'s file from before work packs');
    await page.getByRole('button', { name: 'Bring the work in' }).click();
    await page.getByRole('alert').filter({ hasText: 'Work brought back from 1 file' }).waitFor();
    await page.getByRole('link', { name: 'Calibration' }).click();
    const calibration = page.getByRole('table', { name: 'Cases graded by both (2)' });
    await calibration.waitFor();
    assert.match(await calibration.locator('tbody tr').nth(1).textContent(), /The reviewer1\s*0\s*1\s*2/);
    await assertAccessible(page, 'calibration with a reviewer\'s grades');

    // Replace asks first, then takes the file's cases under this assessment's id.
    const replacement = structuredClone(json);
    replacement.assessment.cases = replacement.assessment.cases.slice(0, 1);
    replacement.assessment.id = 'some-other-id';
    const one = path.join(dir, 'one-case.json');
    await writeFile(one, JSON.stringify(replacement));
    await page.getByRole('link', { name: 'Import' }).click();
    await page.getByLabel('Choose an exported assessment (a .json file)').setInputFiles(one);
    await page.getByLabel('Replace the assessment for Merge Police with it').check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByText(/This replaces everything in the assessment for Merge Police \(2 cases\) with the file's 1 case\./).waitFor();
    await assertAccessible(page, 'the replace confirmation');
    await page.getByRole('button', { name: 'Yes, replace it' }).click();
    await page.getByText('Assessment replaced').waitFor();
    await page.getByText('0 started, 1 added').or(page.getByText('1 started, 1 added')).waitFor();
    assertHealthy(page);
  });

  test('duplicate makes a separate copy; the device shows what it keeps; print shows only the report', async () => {
    const page = await openPage(app.browser, app.server.url);
    await startAssessment(page, app.server.url, { force: 'Copy Police' });
    await gradedCase(page, '24/0701/DA');
    await waitSaved(page);
    await page.goto(app.server.url);
    await page.getByRole('button', { name: 'Duplicate Copy Police' }).click();
    await page.getByText('Copy made: Copy Police (copy)').waitFor();
    await page.getByRole('link', { name: 'Copy Police (copy)', exact: true }).waitFor();
    await page.locator('#storage-usage').getByText(/^Storage used: .* of .* available to this tool\.$/).waitFor();
    await assertAccessible(page, 'the start page with two assessments');

    await page.getByRole('link', { name: 'Copy Police (copy)', exact: true }).click();
    await page.getByRole('link', { name: 'Export and print' }).click();
    await page.getByRole('link', { name: 'Open the printable report' }).click();
    await page.getByLabel(/^Include the case appendix/).check();
    await page.getByRole('heading', { level: 3, name: /^24\/0701\/DA – Domestic abuse/ }).waitFor();
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.getByRole('button', { name: 'Print or save as PDF' }).isVisible(), false);
    assert.equal(await page.getByRole('group', { name: 'What to print' }).isVisible(), false);
    assert.equal(await page.getByRole('link', { name: 'Skip to main content' }).isVisible(), false);
    assert.equal(await page.getByRole('heading', { name: 'Results' }).isVisible(), true);
    await page.emulateMedia({ media: 'screen' });
    assertHealthy(page);
  });
  test('a large assessment opens at its task list from each case stored on its own, 25 cases of a type at a time', async () => {
    const page = await openPage(app.browser, app.server.url);
    // The N18 fixture with its 10 domestic abuse cases made 40.
    const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures');
    const file = JSON.parse(await readFile(path.join(fixtures, 'n18-northamptonshire-2018.json'), 'utf8'));
    const abuse = file.assessment.cases.filter((c) => c.case_type === 'domestic-abuse');
    for (let i = 0; i < 30; i++) {
      const copy = structuredClone(abuse[i % abuse.length]);
      copy.id = `case-copy-${i + 1}`;
      copy.reference = `DA/COPY/${i + 1}`;
      file.assessment.cases.push(copy);
    }
    await importNew(page, app.server.url, await writeJson('forty-abuse.json', file));
    const id = new URL(page.url()).hash.split('/')[2];
    // Each case is a record of its own, and the frame lists them in order.
    assert.equal((await idb(page, 'range', 'cases', id)).length, 111);
    const back = await stored(page, id);
    assert.deepEqual(back.assessment.cases.map((c) => c.id), file.assessment.cases.map((c) => c.id));

    // Opened afresh, the task list is drawn from the frame and the case lines.
    await page.goto(app.server.url);
    await page.reload();
    await page.getByRole('link', { name: file.assessment.force, exact: true }).click();
    const section = page.getByRole('region', { name: 'Domestic abuse' });
    await section.getByRole('button', { name: 'Show all 40 cases of domestic abuse' }).waitFor();
    assert.equal(await section.getByRole('listitem').count(), 25);
    await assertAccessible(page, 'the task list of a large assessment');
    const toggle = section.getByRole('button', { name: 'Show all 40 cases of domestic abuse' });
    await toggle.focus();
    await page.keyboard.press('Enter');
    await section.getByRole('link', { name: 'DA/COPY/30' }).waitFor();
    assert.equal(await section.getByRole('listitem').count(), 40);
    assert.equal(await section.getByRole('button', { name: 'Show the first 25 only' }).getAttribute('aria-expanded'), 'true');
    // A case row's plain link is followed by the app's router.
    await section.getByRole('link', { name: 'DA/COPY/30' }).click();
    await page.getByRole('heading', { level: 1, name: /DA\/COPY\/30/ }).waitFor();
    assertHealthy(page);
  });
});
