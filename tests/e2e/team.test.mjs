// The audit as a team in real Chromium: a lead and two auditors on three
// devices (browser contexts) and a reviewer on a fourth complete a 33-case
// sample in two rounds. The lead names the team and allocates cases by type,
// each auditor opens their work pack and audits, and the lead brings the
// files back several at once: every case once, with who audited it, the one
// case changed on both sides resolved as the lead chose on screen, and the
// same files through `cpsa merge` giving the same assessment. Merged work
// keeps the storage-fault and two-tab guarantees.
import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, test } from 'node:test';
import {
  assertAccessible,
  assertHealthy,
  auditListed,
  cpsa,
  diskFull,
  diskFullSwitch,
  openPage,
  servedApp,
  startAssessment,
  stored,
  tempDir,
  waitForFocus,
  waitSaved,
} from './support.mjs';

const dir = tempDir('team');

let downloads = 0;
/**
 * Clicks a download button; the file's name, where it is kept (a folder of
 * its own, as a browser keeps "(1)" beside a file of the same name) and its JSON.
 */
async function download(page, click) {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  const folder = path.join(dir, String(++downloads));
  await mkdir(folder);
  const at = path.join(folder, file.suggestedFilename());
  await file.saveAs(at);
  return { at, json: JSON.parse(await readFile(at, 'utf8')), name: file.suggestedFilename() };
}

/** Goes to a page of the assessment's navigation, unless already on it. */
async function goTo(page, name, heading = name) {
  const link = page.getByRole('navigation', { name: 'This assessment' }).getByRole('link', { name, exact: true });
  if (await link.count()) await link.click();
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

/** Goes to the task list from any page of the assessment, as its Back links would. */
async function toCases(page) {
  const [, , id] = new URL(page.url()).hash.split('/');
  const url = new URL(page.url());
  url.hash = `#/a/${id}`;
  await page.goto(url.href);
  await page.getByRole('heading', { level: 1, name: 'Cases' }).waitFor();
}

/** The open assessment's complete JSON, from the Export page. */
async function exportAll(page) {
  await goTo(page, 'Export and print');
  await waitSaved(page);
  return download(page, () => page.getByRole('button', { name: /^Download (the assessment|your work to return) \(JSON\)$/ }).click());
}

/** Imports one file from the start page and opens it as a work pack. */
async function openPack(page, baseUrl, file) {
  await page.goto(`${baseUrl}#/import`);
  await page.getByLabel('Choose an exported assessment (a .json file)').setInputFiles(file);
  await page.locator('#pack-file').waitFor();
  await assertAccessible(page, 'the preview of a work pack');
  await page.getByLabel('Open this work pack on this device').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { level: 1, name: 'Cases' }).waitFor();
  await waitSaved(page);
}

/** Adds each [name, role] (an auditor unless said) on the team page; waits for each to be added. */
async function addMembers(page, members) {
  for (const [name, role = 'Audits the cases allocated to them'] of members) {
    await page.getByLabel('Name or role').fill(name);
    await page.getByLabel(role).check();
    await page.getByRole('button', { name: 'Add to the team' }).click();
    await page.getByRole('alert').filter({ hasText: `${name} added to the team` }).waitFor();
  }
}

/**
 * A lead's new assessment with DS Ash in the team and two domestic abuse
 * cases allocated to him; his work pack downloaded, and the lead's page saved.
 */
async function leadWithAshsPack(app, force) {
  const lead = await openPage(app.browser, app.server.url);
  await startAssessment(lead, app.server.url, { force });
  await lead.getByRole('link', { name: /^The team: share cases out/ }).click();
  await addMembers(lead, [['DS Ash']]);
  await allocate(lead, 'DS Ash', 'Domestic abuse', 2);
  const pack = await download(lead, () => lead.getByRole('button', { name: 'Download the work pack for DS Ash' }).click());
  await waitSaved(lead);
  return { lead, pack };
}

/** Chooses several files on the open assessment's Import page and continues to the bring-back view. */
async function bringBack(page, files) {
  await page.getByRole('link', { name: 'Import', exact: true }).click();
  await page.getByLabel('Choose an exported assessment (a .json file)').setInputFiles(files);
  await page.getByRole('heading', { name: 'What bringing the work back does' }).waitFor();
}

/** The lines of the bring-back summary, one per file. */
async function summaryLines(page) {
  return page.locator('#bring-back-summary li').allInnerTexts();
}

/** Allocates `n` cases of a type to an auditor on the team page. */
async function allocate(page, member, type, n) {
  await page.getByRole('group', { name: 'To which auditor?' }).getByLabel(member, { exact: true }).check();
  await page.getByRole('group', { name: 'Which case type?' }).getByLabel(type, { exact: true }).check();
  await page.getByLabel('How many cases?').fill(String(n));
  await page.getByRole('button', { name: 'Allocate the cases' }).click();
  await page.getByRole('alert').filter({ hasText: `allocated to ${member}` }).last().waitFor();
}

/** The team page's table, as rows of cell texts. */
async function teamTable(page) {
  return page.locator('#team tbody tr').evaluateAll((rows) =>
    rows.map((r) => [...r.querySelectorAll('th, td')].slice(0, 4).map((c) => c.textContent.trim())),
  );
}

/** Audits the listed cases `ids` (case-N) of a pack, each given its reference. */
async function auditAll(page, cases) {
  for (const [id, reference] of cases) {
    await auditListed(page, { link: `Case ${id} (no reference yet)`, reference });
  }
}

/** Changes one answer of a case: from the case page, its stage, a value and a note. */
async function changeAnswer(page, reference, stage, criterion, value, note) {
  await toCases(page);
  await page.getByRole('link', { name: reference, exact: true }).click();
  await page.getByRole('link', { name: stage, exact: true }).click();
  const group = page.getByRole('group').filter({ has: page.locator('legend', { hasText: new RegExp(`^\\s*${criterion}\\b`) }) });
  await group.getByRole('radio', { name: value, exact: true }).check();
  await page.getByLabel(`Evidence for ${criterion}`, { exact: true }).fill(note);
  await waitSaved(page);
}

/** Confirms the grade again and marks the case complete, from its case page. */
async function completeAgain(page, reference) {
  await toCases(page);
  await page.getByRole('link', { name: reference, exact: true }).click();
  await page.getByRole('link', { name: 'Confirm or change the grade' }).click();
  await page.getByRole('button', { name: 'Confirm the grade' }).click();
  await page.getByRole('heading', { level: 1, name: 'Check your answers' }).waitFor();
  await page.getByRole('button', { name: 'Mark the case complete' }).click();
  await page.getByRole('heading', { level: 1, name: 'Cases' }).waitFor();
}

const pad = (n) => String(n).padStart(4, '0');
/** Case ids `from` to `to` with references 24/00NN/<suffix>. */
const refs = (from, to, suffix) =>
  Array.from({ length: to - from + 1 }, (_, i) => [from + i, `24/${pad(from + i)}/${suffix}`]);

describe('the audit as a team', () => {
  const app = servedApp();

  test('a lead and two auditors on three devices and a reviewer on a fourth complete a 33-case sample in two rounds', async () => {
    // ── The lead's device: the assessment, the team and round 1's allocation.
    const lead = await openPage(app.browser, app.server.url);
    await diskFullSwitch(lead);
    await startAssessment(lead, app.server.url, { force: 'Teamshire Police' });
    await waitSaved(lead);
    const id = decodeURIComponent(new URL(lead.url()).hash.split('/')[2]);
    await lead.getByRole('link', { name: /^The team: share cases out/ }).click();
    await lead.getByRole('heading', { level: 1, name: 'The team' }).waitFor();
    await lead.locator('#team-empty').waitFor();
    await assertAccessible(lead, 'the team page, with no one yet');

    // A member needs a name and a role; the form says which, and adds no one.
    await lead.getByRole('button', { name: 'Add to the team' }).click();
    const problem = lead.getByRole('alert').filter({ hasText: 'There is a problem' });
    await problem.waitFor();
    await waitForFocus(lead, '.error-summary');
    assert.equal(await problem.getByRole('link').count(), 2);
    await assertAccessible(lead, 'the team page with the form\'s errors');
    assert.equal(await lead.locator('#team').count(), 0);

    await addMembers(lead, [['DS Ash'], ['DS Birch'], ['Peer reviewer', 'Reviews every case, blind']]);
    // Round 1: DS Ash takes domestic abuse, s.47, general concern and police
    // protection (18); DS Birch missing, CSE and online abuse (9). Sex
    // offender management and custody wait for round 2.
    for (const [member, type, n] of [
      ['DS Ash', 'Domestic abuse', 5],
      ['DS Ash', 'Section 47 enquiry', 5],
      ['DS Ash', 'General concern with a referral', 5],
      ['DS Ash', 'Police protection (s.46)', 3],
      ['DS Birch', 'Missing children', 3],
      ['DS Birch', 'Child sexual exploitation', 3],
      ['DS Birch', 'Online sexual abuse', 3],
    ]) {
      await allocate(lead, member, type, n);
    }
    assert.deepEqual(await teamTable(lead), [
      ['DS Ash (auditor)', '18', '0', '0'],
      ['DS Birch (auditor)', '9', '0', '0'],
      ['Peer reviewer (reviewer)', '27', '0 graded', '–'],
    ]);
    await assertAccessible(lead, 'the team page with members and cases allocated');
    const ashPack = await download(lead, () => lead.getByRole('button', { name: 'Download the work pack for DS Ash' }).click());
    const birchPack = await download(lead, () => lead.getByRole('button', { name: 'Download the work pack for DS Birch' }).click());
    assert.equal(ashPack.json.assessment.cases.length, 18);
    assert.equal(birchPack.json.assessment.cases.length, 9);
    assert.notEqual(ashPack.name, birchPack.name, 'each pack has a name of its own');

    // ── DS Ash's device: one import opens the pack; only his cases show.
    const ash = await openPage(app.browser, app.server.url);
    await openPack(ash, app.server.url, ashPack.at);
    await ash.locator('#pack-banner').getByText(/^Work pack for DS Ash: the cases of Teamshire Police's assessment allocated to you/).waitFor();
    await ash.locator('#progress').getByText('0 of your 18 cases complete').waitFor();
    assert.equal(await ash.getByRole('heading', { level: 2, name: 'Missing children' }).count(), 0);
    assert.equal(await ash.getByRole('button', { name: /^Add a case/ }).count(), 0, 'a pack cannot add cases');
    // An auditor's pack returns the audit: no blind review is offered in it
    // (found in review, the twenty-second session: a grade given there was
    // dropped, unsaid, when the pack came back).
    assert.equal(await ash.getByRole('navigation', { name: 'This assessment' }).getByRole('link', { name: 'Blind review' }).count(), 0);
    await ash.goto(ash.url().replace(/#\/a\/([^/]+).*$/, '#/a/$1/review'));
    await ash.locator('#review-not-here').getByText(/^This is an auditor's work pack/).waitFor();
    await ash.goBack();
    await ash.locator('#progress').waitFor();
    await assertAccessible(ash, 'a work pack\'s task list');
    await auditAll(ash, [...refs(1, 5, 'DA'), ...refs(6, 10, 'S47')]);
    await ash.locator('#progress').getByText('10 of your 18 cases complete').waitFor();
    await ash.getByRole('link', { name: 'Export and print' }).click();
    await ash.locator('#pack-return').waitFor();
    await assertAccessible(ash, 'a work pack\'s export page');
    const ash1 = await exportAll(ash);
    assert.match(ash1.name, /work-of-ds-ash/);

    // ── DS Birch's device: all nine of his.
    const birch = await openPage(app.browser, app.server.url);
    await openPack(birch, app.server.url, birchPack.at);
    await auditAll(birch, [...refs(19, 21, 'MIS'), ...refs(22, 24, 'CSE'), ...refs(25, 27, 'ONL')]);
    const birch1 = await exportAll(birch);

    // ── The lead brings both back at once, and keeps a copy of what it had.
    const leadBefore1 = await exportAll(lead);
    await bringBack(lead, [ash1.at, birch1.at]);
    assert.deepEqual(await summaryLines(lead), [
      `${ash1.name}: 10 cases taken, newer than this assessment's; 8 cases the same already`,
      `${birch1.name}: 9 cases taken, newer than this assessment's`,
    ]);
    await assertAccessible(lead, 'bringing two files back, with no conflict');
    await lead.getByRole('button', { name: 'Bring the work in' }).click();
    await lead.getByRole('alert').filter({ hasText: 'Work brought back from 2 files: 19 cases changed' }).waitFor();
    await waitSaved(lead);
    const afterRound1 = await exportAll(lead);
    // The same files through the command line give the same assessment.
    const cli1 = path.join(dir, 'cli-round-1.json');
    cpsa('merge', leadBefore1.at, ash1.at, birch1.at, '-o', cli1);
    assert.deepEqual(JSON.parse(await readFile(cli1, 'utf8')).assessment, afterRound1.json.assessment);

    // ── Between rounds. The reviewer's blind pack goes out.
    await toCases(lead);
    await lead.getByRole('link', { name: /^The team: share cases out/ }).click();
    const reviewPack = await download(lead, () => lead.getByRole('button', { name: 'Download the work pack for Peer reviewer' }).click());
    // The lead reads one of DS Ash's cases and disagrees with an answer:
    // the case reopens on the lead's side.
    await changeAnswer(lead, '24/0003/DA', 'Initial contact', 'IC1', 'Partly met', 'Lead: no risk assessment of the children on the log.');
    // Round 2: sex offender management and custody to DS Birch, in a new pack.
    await toCases(lead);
    await lead.getByRole('link', { name: /^The team: share cases out/ }).click();
    await allocate(lead, 'DS Birch', 'Sex offender management', 3);
    await allocate(lead, 'DS Birch', 'Child in custody', 3);
    const birchPack2 = await download(lead, () => lead.getByRole('button', { name: 'Download the work pack for DS Birch' }).click());
    assert.equal(birchPack2.json.assessment.cases.length, 15);

    // ── The reviewer's device: blind grades for three cases.
    const reviewer = await openPage(app.browser, app.server.url);
    await openPack(reviewer, app.server.url, reviewPack.at);
    await reviewer.locator('#pack-banner').getByText(/^Work pack for Peer reviewer: the cases of Teamshire Police's assessment for you to grade blind/).waitFor();
    // The cases are to grade, not to audit: the list says how many are
    // graded, and a case's page offers the grade, none of the audit.
    await reviewer.locator('#progress').getByText('You have graded 0 of 27 cases').waitFor();
    await reviewer.getByRole('link', { name: '24/0001/DA', exact: true }).click();
    await reviewer.getByRole('heading', { level: 1, name: 'Review case 24/0001/DA' }).waitFor();
    await reviewer.goto(reviewer.url().replace('/review/', '/case/'));
    await reviewer.getByRole('link', { name: 'Grade this case' }).waitFor();
    for (const gone of ['Delete this case', 'Confirm or change the grade', 'Check answers and complete the case']) {
      assert.equal(await reviewer.getByRole('link', { name: gone }).count(), 0, gone);
    }
    await assertAccessible(reviewer, "a case's page in a reviewer's pack");
    await reviewer.goto(reviewer.url().replace(/\/case\/.*$/, '/review'));
    for (const [reference, grade] of [
      ['24/0001/DA', 'Requires improvement'],
      ['24/0019/MIS', 'Inadequate'],
      ['24/0022/CSE', 'Good'],
    ]) {
      await reviewer.getByRole('link', { name: reference, exact: true }).click();
      await reviewer.getByRole('heading', { level: 1, name: `Review case ${reference}` }).waitFor();
      await reviewer.getByRole('radio', { name: new RegExp(`^${grade}`) }).check();
      await reviewer.getByRole('button', { name: 'Save my grade' }).click();
      await reviewer.locator('#review-comparison').waitFor();
      await reviewer.getByRole('link', { name: 'Back to the cases to review' }).click();
    }
    await reviewer.locator('#review-progress').getByText('You have graded 3 of 27 cases.').waitFor();
    await waitSaved(reviewer);
    const review = await download(reviewer, () => reviewer.getByRole('button', { name: 'Download your grades to return (JSON)' }).click());

    // ── DS Birch takes the lead's new pack into his own: his work stays.
    await birch.getByRole('link', { name: 'Import', exact: true }).click();
    await birch.getByLabel('Choose an exported assessment (a .json file)').setInputFiles(birchPack2.at);
    await birch.getByLabel("Take the lead's new work pack into yours").check();
    await birch.getByRole('button', { name: 'Continue' }).click();
    await birch.getByRole('heading', { name: 'What bringing the work back does' }).waitFor();
    assert.deepEqual(await summaryLines(birch), [`${birchPack2.name}: 6 cases added; 9 cases the same already`]);
    await assertAccessible(birch, 'an auditor taking the lead\'s newer pack');
    await birch.getByRole('button', { name: 'Bring the work in' }).click();
    await birch.locator('#progress').getByText('9 of your 15 cases complete').waitFor();
    await auditAll(birch, [...refs(28, 30, 'SO'), ...refs(31, 33, 'CUS')]);
    const birch2 = await exportAll(birch);

    // ── DS Ash finishes his, and revises 24/0003/DA, which the lead changed too.
    await toCases(ash);
    await auditAll(ash, [...refs(11, 15, 'GC'), ...refs(16, 18, 'PP')]);
    await changeAnswer(ash, '24/0003/DA', 'Initial contact', 'IC2', 'Partly met', 'Ash: the call was graded late.');
    await completeAgain(ash, '24/0003/DA');
    await ash.locator('#progress').getByText('18 of your 18 cases complete').waitFor();
    const ash2 = await exportAll(ash);
    for (const p of [ash, birch, reviewer]) assertHealthy(p);

    // ── The lead, round 2: a second tab is open on the assessment, and the
    // disk fills just as the work comes in.
    const second = await lead.context().newPage();
    second.problems = [];
    await second.goto(`${app.server.url}#/a/${id}`);
    await second.getByRole('heading', { level: 1, name: 'Cases' }).waitFor();
    const leadBefore2 = await exportAll(lead);
    // DS Ash's first file again, by mistake, with the rest: nothing twice.
    const files = [ash2.at, birch2.at, review.at, ash1.at];
    await bringBack(lead, files);
    const lines = await summaryLines(lead);
    assert.deepEqual(lines, [
      `${ash2.name}: 8 cases taken, newer than this assessment's; 9 cases the same already; 1 conflict waiting for your choice`,
      `${birch2.name}: 6 cases taken, newer than this assessment's; 9 cases the same already`,
      `${review.name}: 3 reviewer grades taken`,
      // Its cases are older than what came back since: kept, none added.
      `${ash1.name}: 9 cases kept, this assessment's being newer; 9 cases the same already`,
    ]);
    // The conflict, side by side, criterion by criterion.
    const conflict = lead.getByRole('region', { name: 'Case 24/0003/DA' });
    const table = conflict.getByRole('table');
    const rows = await table.locator('tbody tr').allInnerTexts();
    assert.ok(rows.some((r) => /^IC1\s+Partly met: Lead: no risk assessment/.test(r)), rows.join('\n'));
    assert.ok(rows.some((r) => /^IC2\tMet[^\t]*\tPartly met: Ash: the call was graded late\.$/.test(r)), rows.join('\n'));
    assert.ok(rows.some((r) => /^Complete\s+Not complete\s+Complete/.test(r)), rows.join('\n'));
    await assertAccessible(lead, 'bringing four files back, with a conflict waiting');
    // Nothing comes in without a choice.
    await lead.getByRole('button', { name: 'Bring the work in' }).click();
    const waiting = lead.getByRole('alert').filter({ hasText: 'There is a problem' });
    await waiting.getByRole('link', { name: 'Choose what to keep of case 24/0003/DA' }).waitFor();
    await assertAccessible(lead, 'a conflict with no choice made');
    assert.equal((await stored(lead, id)).assessment.cases.length, 33);
    assert.equal((await stored(lead, id)).assessment.cases.filter((c) => c.completed).length, 18);
    // The lead takes DS Ash's copy; the disk is full as it comes in.
    await diskFull(lead, true);
    await conflict.getByLabel("Take the file's copy").check();
    await lead.getByRole('button', { name: 'Bring the work in' }).click();
    await lead.getByRole('heading', { name: 'Your latest changes are not saved' }).waitFor();
    await lead.locator('#progress').getByText('33 of 33 planned cases complete').waitFor();
    assert.equal((await stored(lead, id)).assessment.cases.filter((c) => c.completed).length, 18, 'nothing written while the disk is full');
    await assertAccessible(lead, 'brought-back work not yet saved');
    await diskFull(lead, false);
    await lead.getByRole('button', { name: 'Try saving again' }).click();
    await waitSaved(lead);

    // The second tab shows the merged work.
    await second.getByText('This assessment was changed in another tab or window: this is that newer version').waitFor();
    await second.locator('#progress').getByText('33 of 33 planned cases complete').waitFor();

    // Every case once, with who audited it; the conflict as the lead chose.
    const final = await exportAll(lead);
    const cases = final.json.assessment.cases;
    assert.equal(cases.length, 33);
    assert.equal(new Set(cases.map((c) => c.reference)).size, 33);
    assert.ok(cases.every((c) => c.completed));
    const by = Object.fromEntries(cases.map((c) => [c.reference, c.auditor]));
    assert.equal(by['24/0001/DA'], 'DS Ash');
    assert.equal(by['24/0018/PP'], 'DS Ash');
    assert.equal(by['24/0019/MIS'], 'DS Birch');
    assert.equal(by['24/0033/CUS'], 'DS Birch');
    const three = cases.find((c) => c.reference === '24/0003/DA');
    const answer = (c, k) => c.answers.find((a) => a.criterion === k);
    assert.equal(answer(three, 'IC2').value, 'partly-met');
    assert.equal(answer(three, 'IC1').value, 'met');
    assert.ok(answer(three, 'IC2').changed_at, 'each answer says when it last changed');
    assert.deepEqual(
      cases.filter((c) => c.reviewer_grade).map((c) => [c.reference, c.reviewer_grade.grade]),
      [['24/0001/DA', 'requires-improvement'], ['24/0019/MIS', 'inadequate'], ['24/0022/CSE', 'good']],
    );
    // The task list counts each member's cases.
    await toCases(lead);
    const progress = await lead.locator('#team-progress tbody tr').allInnerTexts();
    assert.deepEqual(progress.map((r) => r.split('\t').map((c) => c.trim())), [
      ['DS Ash (auditor)', '18', '18', '18'],
      ['DS Birch (auditor)', '15', '15', '15'],
      ['Peer reviewer (reviewer)', '33', '3 graded', '–'],
    ]);
    // Who did what on the check-answers page.
    await lead.getByRole('link', { name: '24/0003/DA', exact: true }).click();
    await lead.getByRole('link', { name: /^Check/ }).click();
    await lead.getByText(/Partly met: Ash: the call was graded late\. .*\(Last changed /).first().waitFor();

    // And in the printed report.
    await toCases(lead);
    await goTo(lead, 'Export and print');
    await lead.getByRole('link', { name: 'Open the printable report' }).click();
    await lead.getByLabel('Include the case appendix (33 cases)').check();
    const printed = lead.getByRole('article', { name: /^24\/0003\/DA/ });
    await printed.getByText(/^Audited by DS Ash\./).waitFor();
    await printed.getByRole('row', { name: /^IC2 / }).getByText(/Last changed /).waitFor();

    // The same files through the command line, with the same choice.
    const cli2 = path.join(dir, 'cli-round-2.json');
    cpsa('merge', leadBefore2.at, ...files, '--keep', 'theirs', three.id, '-o', cli2);
    assert.deepEqual(JSON.parse(await readFile(cli2, 'utf8')).assessment, final.json.assessment);

    lead.problems.length = 0; // the full disk's failed writes were logged by design
    assertHealthy(lead);
  });

  test('a file of another assessment, or made with another framework version, is refused with a message saying so, and nothing changes', async () => {
    const { lead, pack } = await leadWithAshsPack(app, 'Refusing Police');
    const id = decodeURIComponent(new URL(lead.url()).hash.split('/')[2]);
    const before = await stored(lead, id);

    const other = structuredClone(pack.json);
    other.assessment.id = 'another-assessment';
    other.assessment.force = 'Other Police';
    const otherAt = path.join(dir, 'other-assessment.json');
    await writeFile(otherAt, JSON.stringify(other));
    const older = structuredClone(pack.json);
    older.assessment.framework.version = '1.0.0';
    const olderAt = path.join(dir, 'older-framework.json');
    await writeFile(olderAt, JSON.stringify(older));

    // One file: the preview says why it cannot come back, and does not offer to.
    await lead.getByRole('link', { name: 'Import', exact: true }).click();
    await lead.getByLabel('Choose an exported assessment (a .json file)').setInputFiles(otherAt);
    await lead
      .locator('#import-refused')
      .getByText(/It cannot be brought back into the assessment for Refusing Police: the file is from a different assessment \(Other Police, .*\), not this one \(Refusing Police, .*\)\./)
      .waitFor();
    assert.equal(await lead.getByLabel(/^Bring its work back/).count(), 0);
    await assertAccessible(lead, 'a work pack of another assessment');

    // Several files: the one made with another framework version is named.
    await lead.getByRole('button', { name: 'Choose another file' }).click();
    await lead.getByLabel('Choose an exported assessment (a .json file)').setInputFiles([pack.at, olderAt]);
    const refused = lead.getByRole('alert').filter({ hasText: 'older-framework.json cannot be brought back' });
    await refused.getByText(/^The file was made with .*1\.0\.0, but this assessment uses .*2\.0\.0\.$/).waitFor();
    await refused.getByText('Nothing has been changed.').waitFor();
    await assertAccessible(lead, 'files refused on bringing back');
    assert.deepEqual(await stored(lead, id), before);
    assertHealthy(lead);
  });
  test('bringing several files back says, for each, which complete cases reading it reopened', async () => {
    const { lead, pack } = await leadWithAshsPack(app, 'Reopening Police');
    // Two copies of the pack: on the laptop, the first case answered in
    // part and marked complete (as a file edited by hand, or from a build
    // that asked for less, could hold it); the desktop's unchanged.
    const copy = (device, edit) => {
      const f = structuredClone(pack.json);
      f.assessment.copy_id = device;
      edit(f.assessment);
      return f;
    };
    const laptop = copy('laptop', (a) => {
      const c = a.cases[0];
      c.reference = '24/0700/DA';
      c.answers = [{ criterion: 'IC2', value: 'met', note: 'History given to officers.' }];
      c.completed = true;
      c.versions = { ...c.versions, [`${a.pack.member}@laptop`]: 1 };
    });
    const desktop = copy('desktop', () => {});
    const laptopAt = path.join(dir, 'reopening-laptop.json');
    const desktopAt = path.join(dir, 'reopening-desktop.json');
    await writeFile(laptopAt, JSON.stringify(laptop));
    await writeFile(desktopAt, JSON.stringify(desktop));

    await toCases(lead);
    await bringBack(lead, [laptopAt, desktopAt]);
    const [first, second] = await lead.locator('#bring-back-summary > li').all();
    await first.getByText('1 case marked complete in the file will be reopened, every answer kept, because this version asks for more before a case is complete:').waitFor();
    assert.deepEqual(await first.getByRole('listitem').allTextContents(), [
      "24/0700/DA was complete and is reopened: the force has not graded it; and it lacks something else a complete case needs, which its check page lists.",
    ]);
    assert.equal(await second.getByRole('listitem').count(), 0, 'the desktop copy reopens nothing');
    assert.doesNotMatch(await second.innerText(), /reopened/);
    await assertAccessible(lead, 'bringing back several files, one with cases reading reopened');
    await lead.getByRole('button', { name: 'Bring the work in' }).click();
    await lead.getByRole('heading', { level: 1, name: 'Cases' }).waitFor();
    await waitSaved(lead);
    const id = decodeURIComponent(new URL(lead.url()).hash.split('/')[2]);
    const brought = (await stored(lead, id)).assessment.cases.find((c) => c.reference === '24/0700/DA');
    assert.equal(brought.completed, false, 'the case came in reopened');
    assertHealthy(lead);
  });

  test('a newer pack takes off the auditor\'s list what the lead gave someone else; an older pack, or one for someone taken off the team, is refused in its preview', async () => {
    const lead = await openPage(app.browser, app.server.url);
    await startAssessment(lead, app.server.url, { force: 'Withdrawing Police' });
    await lead.getByRole('link', { name: /^The team: share cases out/ }).click();
    await addMembers(lead, [['DS Ash'], ['DS Birch']]);
    await allocate(lead, 'DS Ash', 'Domestic abuse', 2);
    const first = await download(lead, () => lead.getByRole('button', { name: 'Download the work pack for DS Ash' }).click());
    await allocate(lead, 'DS Birch', 'Domestic abuse', 1);
    const birchPack = await download(lead, () => lead.getByRole('button', { name: 'Download the work pack for DS Birch' }).click());
    const id = first.json.assessment.id;
    const ash = await openPage(app.browser, app.server.url);
    await openPack(ash, app.server.url, first.at);
    await ash.locator('#progress').getByText('0 of your 2 cases complete').waitFor();

    // The lead gives one of Ash's cases, not begun, to DS Birch.
    const moved = first.json.assessment.cases[0].id;
    await lead.goto(`${app.server.url}#/a/${id}/case/${moved}/details`);
    await lead.getByLabel('Case reference').fill('24/0900/DA');
    await lead.getByRole('group', { name: 'Allocated to' }).getByLabel('DS Birch', { exact: true }).check();
    await lead.getByRole('button', { name: 'Save the case details' }).click();
    await lead.getByRole('heading', { level: 1, name: '24/0900/DA' }).waitFor();
    assert.match(await lead.locator('.summary-list').innerText(), /Allocated to\s+DS Birch/);
    await toCases(lead);
    await lead.getByRole('link', { name: /^The team: share cases out/ }).click();
    await allocate(lead, 'DS Ash', 'Domestic abuse', 1);
    const second = await download(lead, () => lead.getByRole('button', { name: 'Download the work pack for DS Ash' }).click());

    await ash.getByRole('link', { name: 'Import', exact: true }).click();
    await ash.getByLabel('Choose an exported assessment (a .json file)').setInputFiles(second.at);
    await ash.getByLabel("Take the lead's new work pack into yours").check();
    await ash.getByRole('button', { name: 'Continue' }).click();
    await ash.getByRole('heading', { name: 'What bringing the work back does' }).waitFor();
    const [line] = await summaryLines(ash);
    const label = `${moved.replace('case-', 'Case ')} (no reference yet)`;
    assert.ok(line.endsWith(`1 case taken off your list, the lead having given them to someone else or deleted them: ${label}`), line);
    await ash.getByRole('button', { name: 'Bring the work in' }).click();
    await ash.locator('#progress').getByText('0 of your 2 cases complete').waitFor();

    // The first pack again, now older than the one open: refused before
    // Continue, saying why.
    await ash.getByRole('link', { name: 'Import', exact: true }).click();
    await ash.getByLabel('Choose an exported assessment (a .json file)').setInputFiles(first.at);
    await ash.locator('#import-refused').getByText(/earlier than the one open here/).waitFor();
    assert.equal(await ash.getByRole('button', { name: 'Continue' }).count(), 0);
    await assertAccessible(ash, 'an older pack refused in its preview');

    // DS Birch taken off the team: his pack is refused by his name, and
    // the lead is not told to open the assessment they are on.
    await toCases(lead);
    await lead.getByRole('link', { name: /^The team: share cases out/ }).click();
    // Taking someone off asks first, saying what it costs (found in review).
    const takeOff = lead.getByRole('button', { name: 'Take off the team: DS Birch', exact: true });
    await takeOff.click();
    const asking = lead.locator('#remove-member');
    await asking.getByText('Once DS Birch is off the team, the work pack they hold can no longer be brought back: bring their work back first. Their 2 cases will be allocated to no one.').waitFor();
    await waitForFocus(lead, '#remove-member');
    await assertAccessible(lead, 'taking a member off the team, asked first');
    await asking.getByRole('button', { name: 'Cancel' }).click();
    await waitForFocus(lead, `#remove-${birchPack.json.assessment.pack.member}`);
    assert.equal(await lead.locator('#remove-member').count(), 0);
    await takeOff.click();
    await lead.getByRole('button', { name: 'Yes, take DS Birch off the team' }).click();
    await lead.getByRole('alert').filter({ hasText: 'DS Birch taken off the team' }).waitFor();
    await lead.getByRole('link', { name: 'Import', exact: true }).click();
    await lead.getByLabel('Choose an exported assessment (a .json file)').setInputFiles(birchPack.at);
    await lead
      .locator('#import-refused')
      .getByText(/the file is a work pack for "DS Birch", who is not in this assessment's team: taken off it since the pack was made, or added to another copy of the assessment/)
      .waitFor();
    assert.equal(await lead.getByText(/open that assessment/i).count(), 0);
    for (const p of [lead, ash]) assertHealthy(p);
  });

  test('each case in conflict is asked about once, whatever the files and kinds; cases allocated on their own page; files dropped together', async () => {
    const lead = await openPage(app.browser, app.server.url);
    await startAssessment(lead, app.server.url, { force: 'Twice Police' });
    await lead.getByRole('link', { name: /^The team: share cases out/ }).click();
    await addMembers(lead, [['DS Ash'], ['Peer reviewer', 'Reviews every case, blind']]);
    // Two cases, each allocated on its own details page.
    for (const reference of ['24/0500/DA', '24/0501/DA']) {
      await toCases(lead);
      await lead.getByRole('button', { name: 'Add a case of domestic abuse' }).click();
      await lead.getByLabel('Case reference').fill(reference);
      await lead.getByRole('group', { name: 'Allocated to' }).getByLabel('DS Ash', { exact: true }).check();
      await assertAccessible(lead, 'allocating a case on its own details page');
      await lead.getByRole('button', { name: 'Save the case details' }).click();
      await lead.getByRole('heading', { level: 1, name: reference }).waitFor();
      assert.match(await lead.locator('.summary-list').innerText(), /Allocated to\s+DS Ash/);
    }
    await toCases(lead);
    await lead.getByRole('link', { name: /^The team: share cases out/ }).click();
    const pack = await download(lead, () => lead.getByRole('button', { name: 'Download the work pack for DS Ash' }).click());
    const reviewPack = await download(lead, () => lead.getByRole('button', { name: 'Download the work pack for Peer reviewer' }).click());
    const id = pack.json.assessment.id;
    const byRef = (f, reference) => f.assessment.cases.find((x) => x.reference === reference);

    // DS Ash worked on the pack on two computers, a little differently on
    // each: each copy counts its changes under its own id.
    const worked = (device, note) => {
      const f = structuredClone(pack.json);
      const key = `${f.assessment.pack.member}@${device}`;
      f.assessment.copy_id = device;
      const c = byRef(f, '24/0500/DA');
      c.answers = [{ criterion: 'IC2', value: 'partly-met', note }];
      c.versions = { ...c.versions, [key]: 1 };
      if (device === 'laptop') {
        const d = byRef(f, '24/0501/DA');
        d.answers = [{ criterion: 'IC2', value: 'met', note: 'Laptop: graded at once.' }];
        d.versions = { ...d.versions, [key]: 1 };
      }
      return JSON.stringify(f);
    };
    // The reviewer's pack, opened on two computers too, graded differently.
    const graded = (device, grade) => {
      const f = structuredClone(reviewPack.json);
      f.assessment.copy_id = device;
      const c = byRef(f, '24/0500/DA');
      c.reviewer_grade = { grade, reviewer: 'Peer reviewer', note: '' };
      c.review_versions = { [`${f.assessment.pack.member}@${device}`]: 1 };
      return JSON.stringify(f);
    };
    const files = [
      ['ash-laptop.json', worked('laptop', 'Laptop: graded late.')],
      ['ash-desktop.json', worked('desktop', 'Desktop: graded an hour late.')],
      ['review-office.json', graded('office', 'good')],
      ['review-home.json', graded('home', 'inadequate')],
    ];
    const drop = async () => {
      await toCases(lead);
      await lead.getByRole('link', { name: 'Import', exact: true }).click();
      const dt = await lead.evaluateHandle((list) => {
        const t = new DataTransfer();
        for (const [name, content] of list) t.items.add(new File([content], name, { type: 'application/json' }));
        return t;
      }, files);
      await lead.dispatchEvent('.drop-zone', 'drop', { dataTransfer: dt });
      await lead.getByRole('heading', { name: 'What bringing the work back does' }).waitFor();
    };

    // Meanwhile the lead answers the same criterion of one case, and deletes the other.
    await changeAnswer(lead, '24/0500/DA', 'Initial contact', 'IC2', 'Not met', 'Lead: the call was not graded.');
    await toCases(lead);
    await lead.getByRole('link', { name: '24/0501/DA', exact: true }).click();
    await lead.getByRole('link', { name: 'Delete this case' }).click();
    await lead.getByRole('button', { name: 'Delete the case' }).click();
    await lead.getByText('Case 24/0501/DA deleted').waitFor();
    await waitSaved(lead);

    await drop();
    assert.deepEqual(await summaryLines(lead), [
      'ash-laptop.json: 2 conflicts waiting for your choice',
      'ash-desktop.json: 1 case deleted here, with nothing newer in the file; 1 conflict waiting for your choice',
      'review-office.json: 1 reviewer grade taken',
      'review-home.json: 1 conflict waiting for your choice',
    ]);
    // One case, one choice: each file's copy beside the lead's, and the other grade.
    assert.equal(await lead.locator('section.conflict').count(), 2);
    const conflict = lead.getByRole('region', { name: 'Case 24/0500/DA', exact: true });
    const tables = conflict.getByRole('table');
    assert.equal(await tables.count(), 2);
    assert.match(await tables.nth(0).innerText(), /IC2\s+Not met: Lead: the call was not graded\.\s+Partly met: Laptop: graded late\./);
    assert.match(await tables.nth(1).innerText(), /IC2\s+Not met: Lead: the call was not graded\.\s+Partly met: Desktop: graded an hour late\./);
    // The grade set against review-home.json's is review-office.json's, taken in above: named as
    // that file's, not this assessment's.
    await conflict.getByText('review-office.json gives the reviewer grade Good; review-home.json gives Inadequate.').waitFor();
    await conflict.getByLabel("Keep this assessment's copy, with the work review-office.json brought", { exact: true }).waitFor();
    // One case has one reviewer grade: keeping both copies cannot resolve review-home.json's.
    assert.equal(await conflict.getByLabel('Keep both, as two cases').count(), 0);
    assert.equal(await lead.getByRole('group', { name: 'What to keep of case 24/0500/DA' }).count(), 1);
    // Taking the files' copies takes each in turn: the order decides, and the page says so.
    await conflict.getByText("In the order the files are listed: where they differ, the last one's stands.").waitFor();
    const deleted = lead.getByRole('region', { name: 'Case 24/0501/DA', exact: true });
    await deleted.getByText('You deleted this case, and ash-laptop.json holds work done on it since.').waitFor();
    await assertAccessible(lead, 'cases in conflict in several files, of every kind');
    await conflict.getByLabel("Keep this assessment's copy, with the work review-office.json brought").check();
    await deleted.getByLabel('Leave it deleted').check();
    await lead.getByRole('button', { name: 'Bring the work in' }).click();
    await lead.getByRole('heading', { level: 1, name: 'Cases' }).waitFor();
    await waitSaved(lead);
    const cases = (await stored(lead, id)).assessment.cases;
    assert.deepEqual(cases.map((c) => c.reference), ['24/0500/DA']);
    assert.deepEqual(cases[0].answers.map((a) => [a.criterion, a.value, a.note]), [['IC2', 'not-met', 'Lead: the call was not graded.']]);
    assert.equal(cases[0].reviewer_grade.grade, 'good');

    // The same files again: every choice holds, nothing is asked twice.
    await drop();
    assert.deepEqual(await summaryLines(lead), [
      "ash-laptop.json: 1 case kept, this assessment's being newer; 1 case deleted here, with nothing newer in the file",
      "ash-desktop.json: 1 case kept, this assessment's being newer; 1 case deleted here, with nothing newer in the file",
      'review-office.json: nothing in it to bring back',
      "review-home.json: 1 reviewer grade kept, this assessment's being newer",
    ]);
    assert.equal(await lead.locator('section.conflict').count(), 0);
    assertHealthy(lead);
  });
});
