// Auditing cases in real Chromium: forms and their errors, the keyboard
// alone, reloading mid-audit, overrides, refer-backs and deletes, each page
// and state scanned with axe-core.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  addCase,
  assertAccessible,
  assertHealthy,
  fixClock,
  openPage,
  servedApp,
  startAssessment,
  waitForFocus,
  waitSaved,
} from './support.mjs';

/** Presses Tab until the focused element matches `selector` (keyboard only). */
async function tabTo(page, selector, limit = 400) {
  for (let i = 0; i < limit; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** Tabs to the button or link whose text is `text`. */
async function tabToText(page, text, limit = 400) {
  for (let i = 0; i < limit; i++) {
    const t = await page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
    if (t === text) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached "${text}"`);
}

describe('auditing cases', () => {
  const app = servedApp();

  test('the new-assessment form lists its errors, links each to its field, and changes nothing', async () => {
    const page = await openPage(app.browser, app.server.url);
    await page.goto(app.server.url);
    await page.getByRole('link', { name: 'Start a new assessment' }).click();
    // The form's part may still be loading: scan the form, not the wait
    // (under load axe once found no level-one heading).
    await page.getByLabel('Period starts').waitFor();
    await assertAccessible(page, 'the new assessment form');
    await page.getByLabel('Period starts').fill('2025-06-01');
    await page.getByLabel('Period ends').fill('2025-01-01');
    await page.getByRole('button', { name: 'Start the assessment' }).click();

    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await summary.waitFor();
    await waitForFocus(page, '.error-summary');
    const items = await summary.getByRole('listitem').allTextContents();
    assert.deepEqual(items, [
      'Enter the name of the force',
      'The date the period ends must be the same as or after the date it starts',
    ]);
    await assertAccessible(page, 'the new assessment form with errors');
    // The tab's title says so first, as GOV.UK's pattern has it.
    assert.equal(await page.title(), 'Error: Start a new assessment – Child protection self-assessment');
    await summary.getByRole('link', { name: 'Enter the name of the force' }).click();
    await waitForFocus(page, '#force');
    // The field says it too, and is described by its error.
    assert.match(await page.locator('#force').getAttribute('aria-describedby'), /force-error/);

    await page.goto(app.server.url);
    await page.getByText('There are no assessments on this device yet.').waitFor();
    assertHealthy(page);
  });

  test('a case can be audited with the keyboard alone', async () => {
    const page = await openPage(app.browser, app.server.url);
    await startAssessment(page, app.server.url, { force: 'Keyboard Constabulary' });

    await tabToText(page, 'Add a case of domestic abuse');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Case details' }).waitFor();
    await tabTo(page, '#reference');
    await page.keyboard.type('24/0200/DA');
    await tabToText(page, 'Save the case details');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: '24/0200/DA' }).waitFor();

    await tabToText(page, 'Initial contact');
    await page.keyboard.press('Enter');
    let stages = 0;
    for (;;) {
      await page.getByRole('heading', { level: 1 }).waitFor();
      stages++;
      const criteria = await page
        .locator('.criterion')
        .evaluateAll((els) => els.map((e) => [e.id.replace('criterion-', ''), !!e.querySelector('.tag--key')]));
      for (const [i, [id, key]] of criteria.entries()) {
        // Tab into the group lands on its first radio; Space chooses "Met".
        await tabTo(page, `input[type=radio][name="${id}"]`);
        await page.keyboard.press('Space');
        if (key) {
          // A key criterion met says what in the file shows it.
          await tabTo(page, `#${id}-note`);
          await page.keyboard.type('Recorded on the crime report.');
        }
        if (stages === 1 && i === 1) {
          // Arrow keys move within the group: Met, Partly met, Not met.
          await page.keyboard.press('ArrowRight');
          await page.keyboard.press('ArrowRight');
          await tabTo(page, `#${id}-note`);
          await page.keyboard.type('Supervisor did not review the grade.');
        }
      }
      const next = await page.getByRole('link', { name: /^Next stage: / }).count();
      if (next) {
        const name = await page.getByRole('link', { name: /^Next stage: / }).textContent();
        await tabToText(page, name);
        await page.keyboard.press('Enter');
      } else {
        await tabToText(page, 'Next: the grade');
        await page.keyboard.press('Enter');
        break;
      }
    }
    assert.ok(stages >= 5, `went through ${stages} stages`);
    await page.getByRole('heading', { level: 1, name: 'Grade the case' }).waitFor();
    await tabToText(page, 'Confirm the grade');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Check your answers' }).waitFor();
    await tabToText(page, 'Mark the case complete');
    await page.keyboard.press('Enter');
    await page.getByText('1 of 33 planned cases complete').waitFor();
    // The one not-met answer, with its evidence, made it through.
    await page.getByRole('link', { name: '24/0200/DA' }).click();
    await page.getByRole('link', { name: 'Check answers' }).click();
    await page.getByText('Not met: Supervisor did not review the grade.').waitFor();
    assertHealthy(page);
  });

  test('reloading in the middle of an audit keeps the last answer and note', async () => {
    const page = await openPage(app.browser, app.server.url);
    await startAssessment(page, app.server.url, { force: 'Reload Police' });
    await addCase(page);
    await page.getByRole('link', { name: 'Initial contact' }).click();
    const ic7 = page.getByRole('group', { name: /^IC7 / });
    await ic7.getByRole('radio', { name: 'Not met', exact: true }).check();
    await page.getByLabel('Evidence for IC7', { exact: true }).fill('Children were upstairs and not spoken to.');
    await waitSaved(page);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Initial contact' }).waitFor();
    assert.equal(await page.getByRole('group', { name: /^IC7 / }).getByRole('radio', { name: 'Not met', exact: true }).isChecked(), true);
    assert.equal(await page.getByLabel('Evidence for IC7', { exact: true }).inputValue(), 'Children were upstairs and not spoken to.');
    // The box stops at the longest note a stored assessment may hold: a
    // longer one would stop the assessment opening again.
    assert.equal(await page.getByLabel('Evidence for IC7', { exact: true }).getAttribute('maxlength'), '20000');

    // A change made just before the reload is saved when the page is hidden.
    await page.getByRole('group', { name: /^IC8 / }).getByRole('radio', { name: 'Partly met', exact: true }).check();
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Initial contact' }).waitFor();
    assert.equal(await page.getByRole('group', { name: /^IC8 / }).getByRole('radio', { name: 'Partly met', exact: true }).isChecked(), true);

    // A paste longer than the box takes is cut at its limit, as before, and
    // the box now says so (found in review: it was cut without a word).
    const note = page.getByLabel('Evidence for IC7', { exact: true });
    assert.equal(await page.locator('#IC7-note-full').count(), 0);
    await note.focus();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.insertText('Seen. '.repeat(3400));
    await page.locator('#IC7-note-full').getByText(/^The box is full: it holds 20000 characters/).waitFor();
    assert.equal((await note.inputValue()).length, 20000);
    await assertAccessible(page, 'a stage with a note box full');
    await note.fill('Children were upstairs and not spoken to.');
    assert.equal(await page.locator('#IC7-note-full').count(), 0);
    assertHealthy(page);
  });

  test('typing in a form saved by a button is kept when the page is left, and closing the tab asks first', async () => {
    const page = await openPage(app.browser, app.server.url);
    await startAssessment(page, app.server.url, { force: 'Draft Police' });
    await addCase(page, '24/0400/DA');
    await page.getByRole('link', { name: 'Initial contact' }).click();
    await page.getByRole('group', { name: /^IC7 / }).getByRole('radio', { name: 'Not met', exact: true }).check();
    await page.getByLabel('Evidence for IC7', { exact: true }).fill('Children were not spoken to.');
    await waitSaved(page);
    /** Whether leaving the page now would ask first (the app's `beforeunload`). */
    const asks = () =>
      page.evaluate(() => {
        const e = new Event('beforeunload', { cancelable: true });
        window.dispatchEvent(e);
        return e.defaultPrevented;
      });
    assert.equal(await asks(), false, 'everything is saved');

    await page.getByRole('link', { name: 'Back to the case' }).click();
    await page.getByRole('link', { name: 'Confirm or change the grade' }).click();
    await page.getByRole('heading', { level: 1, name: 'Grade the case' }).waitFor();
    const reason = page.getByLabel('Why does the grade differ from the suggestion?');
    await page.getByRole('radio', { name: 'Requires improvement', exact: true }).check();
    await reason.fill('Seen by a social worker the same day.');
    // While typing, nothing is said; leaving would ask.
    assert.equal(await page.locator('#draft-kept').count(), 0);
    assert.equal(await asks(), true, 'a grade and reason typed, not saved');

    // Leaving by a link keeps what was typed, unsaved: coming back shows it, and says so.
    await page.getByRole('link', { name: 'Back', exact: true }).click();
    await page.getByText("The force's grade is not confirmed yet.").waitFor();
    await page.getByRole('link', { name: 'Confirm or change the grade' }).click();
    await page.locator('#draft-kept').getByText(/^Not saved yet/).waitFor();
    assert.equal(await page.getByRole('radio', { name: 'Requires improvement', exact: true }).isChecked(), true);
    assert.equal(await reason.inputValue(), 'Seen by a social worker the same day.');
    await assertAccessible(page, 'the grade page showing typing kept from before');

    // Discarding it shows what is saved: the suggestion, no reason.
    await page.getByRole('button', { name: 'Discard what I typed' }).click();
    assert.equal(await page.locator('#draft-kept').count(), 0);
    assert.equal(await page.getByRole('radio', { name: 'Inadequate (suggested)', exact: true }).isChecked(), true);
    assert.equal(await reason.count(), 0);
    assert.equal(await asks(), false, 'the typing was discarded');
    // Typing again is new typing: the notice does not come back over it
    // (found in review: it did, on the first key).
    await page.getByRole('radio', { name: 'Good', exact: true }).check();
    await reason.fill('Seen');
    assert.equal(await page.locator('#draft-kept').count(), 0);
    // Typing back to what is saved is no typing.
    await page.getByRole('radio', { name: 'Inadequate (suggested)', exact: true }).check();
    assert.equal(await asks(), false, 'back to what is saved');

    // The case's details, typed and left, then saved: nothing is kept after the save.
    await page.getByRole('link', { name: 'Back', exact: true }).click();
    await page.getByRole('link', { name: 'Change the case details' }).click();
    await page.getByLabel('Case reference').fill('24/0401/DA');
    await page.getByRole('link', { name: 'Back', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: '24/0400/DA' }).waitFor();
    assert.equal(await asks(), true, 'a reference typed, not saved');
    await page.getByRole('link', { name: 'Change the case details' }).click();
    assert.equal(await page.getByLabel('Case reference').inputValue(), '24/0401/DA');
    await page.getByRole('button', { name: 'Save the case details' }).click();
    await page.getByRole('heading', { level: 1, name: '24/0401/DA' }).waitFor();
    assert.equal(await asks(), false, 'the details were saved');
    await page.getByRole('link', { name: 'Change the case details' }).click();
    await page.getByRole('heading', { level: 1, name: 'Case details' }).waitFor();
    assert.equal(await page.locator('#draft-kept').count(), 0);
    assertHealthy(page);
  });

  test('typing kept on one page is not saved from another that shares its record', async () => {
    const page = await openPage(app.browser, app.server.url);
    await startAssessment(page, app.server.url, { force: 'Shared Record Police' });
    // The report's date typed on the inspection page, and left unsaved.
    await page.getByRole('link', { name: 'Inspection', exact: true }).click();
    await page.getByLabel('Date the report was published').fill('2026-01-05');
    // The share of cases set and saved on the action plan page.
    await page.getByRole('link', { name: 'Action plan' }).click();
    const share = page.getByLabel('Suggest an action for a criterion not met in at least this share of cases (%)');
    await share.fill('40');
    await page.getByRole('button', { name: 'Save the settings' }).click();
    await page.getByText('Plan settings saved').waitFor();
    // Back on the inspection page the date typed is there; saving it saves
    // the date only (found in review: it put the share back to 25).
    await page.getByRole('link', { name: 'Inspection', exact: true }).click();
    await page.locator('#draft-kept').getByText(/^Not saved yet/).waitFor();
    assert.equal(await page.locator('#draft-changed').count(), 0, 'the share is not this page\'s');
    await page.getByRole('button', { name: 'Save the date' }).click();
    await page.getByText('Report date saved').waitFor();
    await page.getByRole('link', { name: 'Action plan' }).click();
    await page.locator('#plan-due').getByText(/5 January 2026/).waitFor();
    assert.equal(await share.inputValue(), '40');
    assertHealthy(page);
  });

  test('an override needs a reason, a refer-back goes to the top, and check answers lists what is missing', async () => {
    const page = await openPage(app.browser, app.server.url);
    await startAssessment(page, app.server.url, { force: 'Override Police' });
    await addCase(page, '24/0300/DA');
    await page.getByRole('link', { name: 'Initial contact' }).click();
    await page.getByRole('group', { name: /^IC1 / }).getByRole('radio', { name: 'Met', exact: true }).check();
    await page.getByRole('group', { name: /^IC7 / }).getByRole('radio', { name: 'Not met', exact: true }).check();
    await page.locator('#suggested-grade-value').getByText('Inadequate').waitFor();
    await page.getByText(/Key criterion IC7 .* is not met\./).waitFor();

    // Check answers before finishing: the problems are listed, with links.
    await page.getByRole('link', { name: 'Back to the case' }).click();
    await page.getByRole('link', { name: 'Check answers and complete the case' }).click();
    await page.getByRole('button', { name: 'Mark the case complete' }).click();
    const problems = page.getByRole('alert').filter({ hasText: 'The case cannot be completed yet' });
    await problems.waitFor();
    await problems.getByRole('link', { name: 'Add the evidence for criterion IC7' }).waitFor();
    await problems.getByRole('link', { name: 'Confirm the force\'s grade' }).waitFor();
    await assertAccessible(page, 'check answers with problems');

    // Each link leads to its field, as GOV.UK's error summary does (found in
    // review, the twentieth session: they led to the page's heading).
    const caseTitle = '24/0300/DA – Override Police – Domestic abuse – Child protection self-assessment';
    assert.equal(await page.title(), `Error: Check your answers – ${caseTitle}`);
    await problems.getByRole('link', { name: 'Add the evidence for criterion IC7' }).click();
    await page.getByRole('heading', { level: 1, name: 'Initial contact' }).waitFor();
    await waitForFocus(page, '#IC7-note');
    // A stage's title names its case, so two cases' stages never read the same.
    assert.equal(await page.title(), `Initial contact – ${caseTitle}`);
    await page.goBack();
    await page.getByRole('button', { name: 'Mark the case complete' }).click();
    // A link opened in another tab leaves nothing waiting in this one: the
    // next page reached here another way starts at its heading.
    const [other] = await Promise.all([
      page.context().waitForEvent('page'),
      problems.getByRole('link', { name: 'Add the evidence for criterion IC7' }).click({ modifiers: ['Control'] }),
    ]);
    await other.close();
    await page.getByRole('link', { name: 'Change the answer to IC7', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Initial contact' }).waitFor();
    await waitForFocus(page, 'h1');
    await page.goBack();
    await page.getByRole('button', { name: 'Mark the case complete' }).click();
    await problems.getByRole('link', { name: 'Confirm the force\'s grade' }).click();
    await page.getByRole('heading', { level: 1, name: 'Grade the case' }).waitFor();
    await waitForFocus(page, '#grade');
    // Each grade is named by its label alone; what it means is its description, read once.
    const grade = page.getByRole('radio', { name: 'Requires improvement', exact: true });
    assert.match(await page.locator(`#${await grade.getAttribute('aria-describedby')}`).innerText(), /\w/);
    await grade.check();
    await page.getByRole('button', { name: 'Save the grade and reason' }).click();
    await page.getByRole('alert').filter({ hasText: 'Enter why the grade differs from the suggestion' }).waitFor();
    await assertAccessible(page, 'the grade page with an override and no reason');
    await page.getByLabel('Why does the grade differ from the suggestion?').fill('The child was seen by a social worker the same day.');
    await page.getByRole('button', { name: 'Save the grade and reason' }).click();
    await page.getByRole('heading', { level: 1, name: 'Check your answers' }).waitFor();
    await page.getByText(/Requires improvement \(the suggestion was inadequate\)/).waitFor();

    // Refer back: reason and owner are required.
    await page.getByRole('link', { name: 'Change the refer-back' }).click();
    await page.getByRole('button', { name: 'Save the refer-back' }).click();
    await page.getByRole('alert').filter({ hasText: 'Enter why the case is referred back' }).waitFor();
    await assertAccessible(page, 'the refer-back form with errors');
    await page.getByLabel('A child is at immediate risk of significant harm').check();
    await page.getByLabel('Why the case is referred back').fill('Suspect still living at the address.');
    await page.getByLabel('Who owns the action').fill('DI Public Protection');
    await page.getByLabel('Deadline (optional)').fill('2030-01-10');
    await page.getByRole('button', { name: 'Save the refer-back' }).click();
    await page.getByText('Case referred back for urgent action').waitFor();
    await page.getByText('This case is referred back for urgent action.').waitFor();
    // Deleting it says what goes with it, the open refer-back above all
    // (found in review, the twentieth session: only the answers were named).
    await page.getByRole('link', { name: 'Delete this case' }).click();
    await page.getByText('This deletes the case and its 2 answers, grade and refer-back. It cannot be undone. Its refer-back is still open: the action it asks for leaves the list of refer-backs with it.').waitFor();
    await page.getByRole('link', { name: 'Cancel' }).click();
    await page.getByText('This case is referred back for urgent action.').waitFor();

    await page.getByRole('link', { name: 'Back', exact: true }).click();
    const banner = page.getByRole('region', { name: 'Referred back for urgent action' });
    await banner.getByText('1 case is referred back and not yet closed').waitFor();
    await banner.getByText(/Suspect still living at the address\. Owner: DI Public Protection\. Deadline: 10 January 2030\./).waitFor();
    await page.getByRole('link', { name: 'Results' }).click();
    await page.getByRole('region', { name: 'Referred back for urgent action' }).waitFor();
    await page.getByRole('link', { name: 'see the calibration' }).click();
    await page.locator('#overrides').getByText(/Of 1 grade confirmed, 0 took the suggestion, 1 changed it to a better grade and 0 to a worse one\./).waitFor();
    await page.getByText('The force has graded 1 case the reviewer has not graded yet.').waitFor();
    assertHealthy(page);
  });

  test("while an error summary shows, the tab's title starts 'Error:', even as the page's title changes under it", async () => {
    const a = await openPage(app.browser, app.server.url);
    await startAssessment(a, app.server.url, { force: 'Title Police' });
    await addCase(a, '24/0400/DA');
    await waitSaved(a);
    await a.getByRole('link', { name: 'Check answers and complete the case' }).click();
    await a.getByRole('button', { name: 'Mark the case complete' }).click();
    await a.getByRole('alert').filter({ hasText: 'The case cannot be completed yet' }).waitFor();
    const title = (reference) => `Error: Check your answers – ${reference} – Title Police – Domestic abuse – Child protection self-assessment`;
    assert.equal(await a.title(), title('24/0400/DA'));
    // Another tab renames the case: this one shows the newer version, its
    // summary still up (found in review, the twentieth session: the new
    // title lost its "Error:").
    const details = a.url().replace(/\/check$/, '/details');
    const b = await a.context().newPage();
    b.problems = [];
    await b.goto(details);
    await b.getByLabel('Case reference').fill('24/0401/DA');
    await b.getByRole('button', { name: 'Save the case details' }).click();
    await b.getByRole('heading', { level: 1, name: '24/0401/DA' }).waitFor();
    await waitSaved(b);
    await a.waitForFunction((want) => document.title === want, title('24/0401/DA'));
    // Leaving the page leaves the "Error:" behind.
    await a.getByRole('link', { name: 'Back', exact: true }).click();
    await a.getByRole('heading', { level: 1, name: '24/0401/DA' }).waitFor();
    assert.equal(await a.title(), '24/0401/DA – Title Police – Domestic abuse – Child protection self-assessment');
    assertHealthy(a);
  });

  test('a reference that looks like a name is warned about, and the plan and deletes ask first', async () => {
    const page = await openPage(app.browser, app.server.url);
    await startAssessment(page, app.server.url, { force: 'Warning Police' });
    await page.getByRole('button', { name: 'Add a case of missing children' }).click();
    await page.getByLabel('Case reference').fill('Amy Smith');
    await page.getByText(/This looks like a person's name/).waitFor();
    await assertAccessible(page, 'case details with the name warning');
    await page.getByLabel('Case reference').fill('MIS/2025/0042');
    await page.getByText(/This looks like a person's name/).waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Save the case details' }).click();
    await page.getByRole('heading', { level: 1, name: 'MIS/2025/0042' }).waitFor();
    await assertAccessible(page, 'a case overview');

    await page.getByRole('link', { name: 'Delete this case' }).click();
    await assertAccessible(page, 'delete a case');
    await page.getByRole('button', { name: 'Delete the case' }).click();
    await page.getByText('Case MIS/2025/0042 deleted').waitFor();
    await page.getByText('0 started, 0 added').waitFor();

    await page.getByRole('link', { name: 'Change the sample plan' }).click();
    await page.getByLabel('Domestic abuse').fill('two');
    await page.getByLabel('Missing children').fill('1001');
    await page.getByRole('button', { name: 'Save the plan' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    assert.deepEqual(await summary.getByRole('listitem').allTextContents(), [
      'The number of domestic abuse cases must be a whole number, like 3',
      'The number of missing children cases must be 1000 or fewer',
    ]);
    await assertAccessible(page, 'the plan with errors');
    await page.getByLabel('Domestic abuse').fill('8');
    await page.getByLabel('Missing children').fill('4');
    await page.getByRole('button', { name: 'Save the plan' }).click();
    await page.getByText('Sample plan changed').waitFor();
    await page.getByText('0 of 37 planned cases complete').waitFor();

    await page.getByRole('link', { name: 'Delete this assessment' }).click();
    await assertAccessible(page, 'delete an assessment');
    await page.getByRole('button', { name: 'Delete the assessment' }).click();
    await page.getByText('The assessment for Warning Police has been deleted from this device').waitFor();
    assert.equal(await page.getByRole('link', { name: 'Warning Police', exact: true }).count(), 0);
    assertHealthy(page);
  });

  test('the refer-back register lists every refer-back, overdue first and marked, and prints with the report', async () => {
    const page = await openPage(app.browser, app.server.url);
    await fixClock(page, '2026-03-02T10:00:00');
    await startAssessment(page, app.server.url, { force: 'Register Police' });
    const referBack = async (reference, deadline, closed) => {
      await addCase(page, reference);
      await page.goto(`${page.url()}/refer`);
      await page.getByLabel('Why the case is referred back').fill(`Concern about ${reference}`);
      await page.getByLabel('Who owns the action').fill('DI Public Protection');
      await page.getByLabel('Date raised').fill('2026-01-15');
      await page.getByLabel('Deadline (optional)').fill(deadline);
      await page.getByRole('button', { name: 'Save the refer-back' }).click();
      await page.getByText('This case is referred back for urgent action.').waitFor();
      if (closed) {
        await page.goto(`${page.url()}/refer`);
        await page.getByLabel('Date closed').fill(closed);
        await page.getByLabel('How it was closed').fill('Strategy meeting held; child safe');
        await page.getByRole('button', { name: 'Save the refer-back' }).click();
        await page.getByRole('heading', { level: 1, name: reference }).waitFor();
      }
      await page.getByRole('link', { name: 'Back', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Cases' }).waitFor();
    };
    await referBack('24/0301/DA', '2026-04-01');
    await referBack('24/0302/DA', '2026-02-20');
    await referBack('24/0303/DA', '2026-02-01', '2026-02-15');
    await waitSaved(page);

    await page.getByRole('link', { name: 'Refer-backs' }).click();
    await page.getByRole('heading', { level: 1, name: 'Refer-backs' }).waitFor();
    await page.locator('#register-summary').getByText('3 refer-backs: 2 open, 1 of them overdue, 1 closed.').waitFor();
    const rows = await page
      .locator('#refer-back-register tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent.trim())));
    assert.deepEqual(
      rows.map((r) => [r[0], r[3], r[4]]),
      [
        ['24/0302/DA Domestic abuse', '20 February 2026', 'Overdue by 10 days'],
        ['24/0301/DA Domestic abuse', '1 April 2026', 'Open'],
        ['24/0303/DA Domestic abuse', '1 February 2026', 'Closed 15 February 2026: Strategy meeting held; child safe'],
      ],
    );
    await assertAccessible(page, 'the refer-back register');
    await page.getByRole('link', { name: '24/0302/DA' }).click();
    await page.getByRole('heading', { level: 1, name: 'Refer the case back' }).waitFor();

    await page.goto(page.url().replace(/\/case\/.*$/, '/report'));
    await page.locator('#refer-back-register').getByText('Overdue by 10 days').waitFor();
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('#refer-back-register').isVisible(), true);
    await page.emulateMedia({ media: 'screen' });
    assertHealthy(page);
  });
});
