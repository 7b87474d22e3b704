// Calibration, topic judgments and the action plan in real Chromium: a
// reviewer grades blind from their review pack and the force brings the grades back
// and reads its calibration; the force judges a topic from the evidence and
// draws up an action plan from the suggestions; an earlier assessment
// becomes the baseline for progress; all of it is in the printed report and
// the JSON export.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import { FORMAT_VERSION, assertAccessible, assertHealthy, openPage, servedApp, waitForFocus, waitSaved, downloadText, importNew, writeJson } from './support.mjs';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures');
const base = JSON.parse(await readFile(path.join(fixtures, 'small-export.json'), 'utf8'));

const answer = (criterion, value) => ({ criterion, value, note: value === 'met' ? '' : `Gap in ${criterion}.` });
const grade = (grade, suggested, reason = '') => ({ grade, suggested, reason });

/** The force's assessment (2024 framework): three domestic abuse cases. */
function forceFile() {
  const f = structuredClone(base);
  const a = f.assessment;
  a.id = 'judged';
  a.force = 'Judgeshire Police';
  a.framework = { id: 'ncpi-2024', version: '1.0.0' };
  const [one, two] = a.cases;
  one.answers = [answer('IC1', 'not-met'), answer('IC2', 'met')];
  one.force_grade = grade('good', 'inadequate', 'The child was safe in the end.');
  one.reviewer_grade = null;
  two.answers = [answer('IC1', 'met'), answer('IC2', 'met')];
  two.force_grade = grade('requires-improvement', 'good', 'Supervision thin.');
  const three = structuredClone(two);
  three.id = 'case-3';
  three.reference = 'GC/10002/25';
  three.refer_back = null;
  three.answers = [answer('IC1', 'not-met'), answer('IC2', 'not-met')];
  three.force_grade = grade('requires-improvement', 'inadequate', 'Risk managed by partners.');
  a.cases.push(three);
  return f;
}

/** Imports a file into the open assessment with one of the import page's choices. */
async function importInto(page, file, choice) {
  await page.getByRole('link', { name: 'Import', exact: true }).click();
  await page.getByLabel('Choose an exported assessment (a .json file)').setInputFiles(file);
  await page.getByLabel(choice).check();
  await page.getByRole('button', { name: 'Continue' }).click();
}

describe('calibration, topic judgments and the action plan', () => {
  const app = servedApp();

  test('a reviewer grades blind from their review pack; the force brings the grades back and reads its calibration', async () => {
    const forceJson = await writeJson('force.json', forceFile());

    // The force's device: the reviewer joins the team and takes a blind pack.
    const force = await openPage(app.browser, app.server.url);
    await importNew(force, app.server.url, forceJson);
    await force.getByRole('link', { name: /^The team: share cases out/ }).click();
    await force.getByLabel('Name or role').fill('Peer force');
    await force.getByLabel('Reviews every case, blind').check();
    await force.getByRole('button', { name: 'Add to the team' }).click();
    await force.getByRole('alert').filter({ hasText: 'Peer force added to the team' }).waitFor();
    const pack = JSON.parse(
      await downloadText(force, () => force.getByRole('button', { name: 'Download the work pack for Peer force' }).click()),
    );
    // Blind: every case, with none of the force's answers or grades.
    assert.deepEqual(
      pack.assessment.cases.map((c) => [c.id, c.answers.length, c.force_grade ?? null]),
      [['case-1', 0, null], ['case-2', 0, null], ['case-3', 0, null]],
    );
    assert.doesNotMatch(JSON.stringify(pack), /safe in the end|Supervision thin/);

    // The reviewer's device: the pack opens with one import.
    const reviewer = await openPage(app.browser, app.server.url);
    await reviewer.goto(`${app.server.url}#/import`);
    await reviewer.getByLabel('Choose an exported assessment (a .json file)').setInputFiles(await writeJson('pack.json', pack));
    await reviewer.getByLabel('Open this work pack on this device').check();
    await reviewer.getByRole('button', { name: 'Continue' }).click();
    await reviewer.locator('#pack-banner').getByText(/Peer force/).waitFor();
    // Calibration needs the force's grades, which the pack does not hold
    // (found in review: the reviewer's grades read as ones the force lacked).
    await reviewer.getByRole('link', { name: 'Calibration' }).click();
    await reviewer.locator('#calibration-not-here').getByText(/^Your review pack holds none of the force's grades/).waitFor();
    await reviewer.getByRole('link', { name: 'Blind review' }).click();
    await reviewer.locator('#review-progress').getByText('You have graded 0 of 3 cases.').waitFor();
    await assertAccessible(reviewer, 'the blind review list in a review pack');

    await reviewer.getByRole('link', { name: 'GC/10000/25' }).click();
    await reviewer.getByRole('heading', { level: 1, name: 'Review case GC/10000/25' }).waitFor();
    assert.doesNotMatch(await reviewer.locator('main').innerText(), /\(suggested\)|safe in the end/);
    await reviewer.getByText('Initial contact (').click();
    await reviewer.getByText(/IC1 Was the first report risk-assessed/).waitFor();
    await assertAccessible(reviewer, 'a case to review, before grading');

    // The reviewer's name is the one the lead gave; a grade is needed.
    assert.equal(await reviewer.getByLabel('Who is reviewing').inputValue(), 'Peer force');
    await reviewer.getByRole('button', { name: 'Save my grade' }).click();
    const summary = reviewer.getByRole('alert').filter({ hasText: 'There is a problem' });
    await summary.getByRole('link', { name: 'Select your grade for this case' }).waitFor();
    await reviewer.getByLabel('Inadequate').check();
    await reviewer.getByLabel('Your reasons (optional)').fill('Child not seen for ten days.');
    await reviewer.getByRole('button', { name: 'Save my grade' }).click();
    const saved = reviewer.locator('#review-comparison');
    await saved.getByText('Your review pack holds no force grades.', { exact: false }).waitFor();
    await saved.getByText('Child not seen for ten days.').waitFor();
    await waitForFocus(reviewer, '#review-comparison-heading');
    await assertAccessible(reviewer, 'a reviewed case in a review pack');

    await reviewer.getByRole('link', { name: 'Review the next case' }).click();
    await reviewer.getByRole('heading', { level: 1, name: 'Review case GC/10001/25' }).waitFor();
    // A grade given by mistake is taken back, and the case is as if never graded.
    await reviewer.getByLabel('Good', { exact: true }).check();
    await reviewer.getByRole('button', { name: 'Save my grade' }).click();
    await reviewer.getByRole('button', { name: 'Remove my grade' }).click();
    await reviewer.getByRole('button', { name: 'Yes, remove my grade' }).click();
    await reviewer.getByRole('alert').filter({ hasText: 'Your grade is removed' }).waitFor();
    await waitForFocus(reviewer, '#review-reviewer');
    assert.equal(await reviewer.getByLabel('Good', { exact: true }).isChecked(), false);
    await reviewer.getByLabel('Requires improvement').check();
    await reviewer.getByRole('button', { name: 'Save my grade' }).click();
    await reviewer.locator('#review-comparison').waitFor();
    await reviewer.getByRole('link', { name: 'Back to the cases to review' }).click();
    await reviewer.locator('#review-progress').getByText('You have graded 2 of 3 cases.').waitFor();
    await waitSaved(reviewer);

    const theirs = JSON.parse(
      await downloadText(reviewer, () => reviewer.getByRole('button', { name: 'Download your grades to return (JSON)' }).click()),
    );
    assert.equal(theirs.version, FORMAT_VERSION);
    assert.deepEqual(
      theirs.assessment.cases.map((c) => [c.id, c.reviewer_grade?.grade ?? null, c.answers.length, c.force_grade ?? null]),
      [
        ['case-1', 'inadequate', 0, null],
        ['case-2', 'requires-improvement', 0, null],
        ['case-3', null, 0, null],
      ],
    );
    assertHealthy(reviewer);

    // The force's device: the grades come back by case, and nothing of the
    // force's work changes.
    await force.getByRole('link', { name: 'Import', exact: true }).click();
    await force.getByLabel('Choose an exported assessment (a .json file)').setInputFiles(await writeJson('review.json', theirs));
    await force.locator('#pack-file').getByText(/a work pack for Peer force/).waitFor();
    // A pack only comes back: replacing with it, or opening a copy, would lose work.
    const offered = await force.getByRole('radio').evaluateAll((all) => all.map((r) => r.value));
    assert.deepEqual(offered, ['bring']);
    await force.getByRole('button', { name: 'Continue' }).click();
    await force.locator('#bring-back-summary').getByText(/review\.json: 2 reviewer grades taken/).waitFor();
    await force.getByRole('button', { name: 'Bring the work in' }).click();
    await force.getByRole('alert').filter({ hasText: 'Work brought back from 1 file' }).waitFor();

    await force.getByRole('link', { name: 'Calibration' }).click();
    const figure1 = force.getByRole('table', { name: 'Cases graded by both (2)' });
    assert.match(await figure1.locator('tbody tr').nth(0).innerText(), /The force\s*1\s*1\s*0\s*2/);
    assert.match(await figure1.locator('tbody tr').nth(1).innerText(), /The reviewer\s*0\s*1\s*1\s*2/);
    await force.locator('#agreement').getByText(/Same grade in 1 of 2 cases \(50%\)\. Linear-weighted kappa -?\d\.\d\d \(n = 2\)\. On average the force graded 1\.00 grades kinder than the reviewer\./).waitFor();
    const cross = force.getByRole('table', { name: "Case by case: the force's grade (rows) against the reviewer's (columns)" });
    assert.match(await cross.locator('tbody tr').nth(0).innerText(), /Good\s*0\s*0\s*1/);
    const differ = force.getByRole('table', { name: '1 case graded differently, two grades apart first' });
    assert.match(await differ.locator('tbody tr').nth(0).innerText(), /GC\/10000\/25.*Good\s*Inadequate\s*Two grades/s);
    // Both sides' reasons, beside the grades they explain (found in review,
    // the twenty-second session: the reviewer's were kept and shown nowhere).
    await differ.locator('tbody tr').nth(0).getByText('The reviewer: Child not seen for ten days.').waitFor();
    assert.match(
      await force.locator('#drift-by-type tbody tr').nth(0).innerText(),
      /Domestic abuse\s*2\s*1\s*1\s*0\s*1\.00 grades kinder than the reviewer/,
    );
    await force.locator('#overrides').getByText('Of 3 grades confirmed, 0 took the suggestion, 2 changed it to a better grade and 1 to a worse one.').waitFor();
    // The rule itself against the independent grade (left off the page
    // until the twenty-first session, though docs/grading.md listed it).
    // Both cases' answers suggest inadequate; the reviewer found one
    // inadequate and one requires improvement (the reviewer's row above).
    await force.locator('#suggestion-vs-reviewer').getByText("The grade the tool suggested was the reviewer's in 1 of 2 cases (50%); it was kinder in 0 and harsher in 1.").waitFor();
    const suggestion = force.getByRole('table', { name: "Case by case: the suggested grade (rows) against the reviewer's (columns)" });
    assert.match(await suggestion.locator('tbody tr').nth(2).innerText(), /Inadequate\s*0\s*1\s*1/);
    await assertAccessible(force, 'the calibration page');
    assertHealthy(force);
  });

  test('the force judges a topic from the evidence and draws up its action plan; both print', async () => {
    const page = await openPage(app.browser, app.server.url);
    const file = forceFile();
    file.assessment.id = 'planned';
    await importNew(page, app.server.url, await writeJson('plan.json', file));

    await page.getByRole('link', { name: 'Topics' }).click();
    await page.getByRole('table', { name: 'Our judgments' }).waitFor();
    await page.locator('#not-judged').getByText(/^Not yet judged: Leadership of child protection arrangements; .*; Investigating/).waitFor();
    await assertAccessible(page, 'the topic judgments');

    await page.getByRole('link', { name: 'Leadership of child protection arrangements' }).click();
    await page.locator('#topic-evidence').getByText(/3 of 6 judged answers are met \(50%\), 0 partly met and 3 not met/).waitFor();
    // What failed, once per criterion with how many cases, the cases a click away.
    const failures = page.locator('#criteria-not-met > li');
    const summaries = await failures.locator('summary').allInnerTexts();
    assert.equal(summaries.length, 2);
    assert.match(summaries[0], /^IC1 Was the first report risk-assessed .*: not met in 2 cases, key in each$/);
    assert.match(summaries[1], /^IC2 Before anyone was sent, .*: not met in 1 case$/);
    await failures.nth(0).locator('summary').click();
    assert.deepEqual(await failures.nth(0).getByRole('link').allInnerTexts(), ['GC/10000/25', 'GC/10002/25']);
    // Named by its label alone: the meaning is its description.
    await page.getByRole('radio', { name: 'Adequate', exact: true }).check();
    await page.getByRole('button', { name: 'Save the judgment' }).click();
    await page.getByRole('link', { name: 'Enter the reasoning for the grade, from the evidence' }).waitFor();
    await assertAccessible(page, 'a topic judgment with an error');
    await page.getByLabel('Why this grade').fill('Risk assessment at first contact failed in two of three cases.');
    await page.getByRole('textbox', { name: 'Areas for improvement' }).fill('Record the voice of the child\nTrain control room staff in THRIVE');
    await page.getByLabel('Promising practice').fill('Operation Satin');
    await page.getByRole('button', { name: 'Save the judgment' }).click();
    await page.getByText('Judgment saved').waitFor();
    const table = page.getByRole('table', { name: 'Our judgments' });
    assert.match(await table.locator('tbody td').nth(2).innerText(), /Leadership of child protection arrangements/);

    // The plan: due eight weeks after the report (2024 framework).
    await page.getByRole('link', { name: 'Action plan' }).click();
    await page.locator('#plan-due').getByText('The plan is due 8 weeks after the report; no report date is set.').waitFor();
    // The report's date is entered once, on the inspection page.
    await page.getByRole('link', { name: 'Inspection', exact: true }).click();
    await page.getByLabel('Date the report was published').fill('2026-01-05');
    await page.getByRole('button', { name: 'Save the date' }).click();
    await page.getByText('Report date saved').waitFor();
    await page.getByRole('link', { name: 'Action plan' }).click();
    await page.locator('#plan-due').getByText('The plan is due on 2 March 2026, 8 weeks after the report of 5 January 2026.').waitFor();

    const suggestions = page.locator('#suggestions > li');
    const texts = await suggestions.allInnerTexts();
    assert.match(texts[0], /^IC1 \(Initial contact\)/);
    assert.match(texts[0], /Key criterion\. Not met in 2 of 3 cases that judged it \(67%\)\. Suggested timescale: immediately\./);
    assert.ok(texts.some((t) => t.startsWith('Record the voice of the child')), texts.join('\n'));
    await assertAccessible(page, 'the action plan with suggestions');

    await page.getByRole('button', { name: /^Add to the plan: IC1/ }).click();
    await page.getByText('Action added to the plan').waitFor();
    // The button went with its suggestion; focus is on the new action.
    await waitForFocus(page, '#plan-action-2');
    const immediately = page.getByRole('table', { name: 'Immediately (1 action)' });
    await immediately.getByText('From: IC1').waitFor();
    assert.equal(await page.getByRole('button', { name: /^Add to the plan: IC1/ }).count(), 0, 'an added suggestion goes');

    // Edit it: blank text is refused; owner, due date and status are kept.
    await immediately.getByRole('link', { name: /^IC1/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Edit the action' }).waitFor();
    await page.getByLabel('What is to be done').fill(' ');
    await page.getByRole('button', { name: 'Save the action' }).click();
    await page.getByRole('link', { name: 'Enter what is to be done' }).waitFor();
    await assertAccessible(page, 'an action with an error');
    await page.getByLabel('What is to be done').fill('Audit THRIVE grading of child reports every month.');
    await page.getByLabel('Owner (optional)').fill('Supt Public Protection');
    await page.getByLabel('Due date (optional)').fill('2026-02-01');
    await page.getByLabel('In progress').check();
    await page.getByRole('button', { name: 'Save the action' }).click();
    await page.getByText('Action saved').waitFor();
    assert.match(
      await immediately.locator('tbody tr').nth(0).innerText(),
      /Audit THRIVE grading.*Supt Public Protection\s*1 February 2026\s*In progress/s,
    );
    await waitSaved(page);

    // An action of the force's own.
    await page.getByRole('link', { name: 'Add an action of your own' }).click();
    await page.getByRole('heading', { level: 1, name: 'Add an action' }).waitFor();
    await page.getByLabel('What is to be done').fill('Share MARAC minutes with the MASH.');
    await page.getByRole('button', { name: 'Save the action' }).click();
    await page.getByRole('link', { name: 'Select when it must be done' }).waitFor();
    await page.getByLabel('Within six months').check();
    await page.getByRole('button', { name: 'Save the action' }).click();
    await page.getByRole('table', { name: 'Within six months (1 action)' }).getByText('Share MARAC minutes with the MASH.').waitFor();

    const csv = await downloadText(page, () => page.getByRole('button', { name: 'Download the plan (CSV)' }).click());
    const lines = csv.trim().split(/\r?\n/);
    assert.equal(lines[0], 'action_id,action,timescale,owner,due,status,evidence,criteria,topics,recommendations,statements');
    assert.ok(lines.includes('action-2,Audit THRIVE grading of child reports every month.,immediately,Supt Public Protection,2026-02-01,in-progress,,IC1,,,'), lines.join('\n'));

    // The printed report carries the calibration, the judgments and the plan.
    await page.goto(`${app.server.url}#/a/planned/report`);
    await page.getByRole('heading', { level: 2, name: 'Calibration' }).waitFor();
    const report = page.locator('main');
    await report.getByRole('table', { name: 'Our judgments' }).waitFor();
    await report.getByRole('heading', { name: 'Leadership of child protection arrangements: Adequate' }).waitFor();
    await report.getByText('Operation Satin').waitFor();
    await report.getByRole('table', { name: 'Immediately (1 action)' }).getByText('Audit THRIVE grading of child reports every month.').waitFor();
    await report.getByText('The plan is due on 2 March 2026').waitFor();
    await assertAccessible(page, 'the printed report with topics and plan');
    assertHealthy(page);
  });

  test('an earlier assessment becomes the baseline; progress shows per case type, stage and topic, and travels in the export', async () => {
    const page = await openPage(app.browser, app.server.url);
    const now = forceFile();
    now.assessment.id = 'later';
    now.assessment.topic_judgments = [
      { topic: 'leadership', grade: 'adequate', reasoning: 'r', areas_for_improvement: [], promising_practice: [] },
    ];
    await importNew(page, app.server.url, await writeJson('later.json', now));

    await page.getByRole('link', { name: 'Progress' }).click();
    await page.locator('#no-baseline').getByText(/There is no baseline yet/).waitFor();
    await assertAccessible(page, 'progress with no baseline');

    const earlier = forceFile();
    earlier.assessment.id = 'earlier';
    earlier.assessment.period = { start: '2024-04-01', end: '2025-03-31' };
    for (const c of earlier.assessment.cases) {
      c.force_grade = grade('inadequate', 'inadequate');
      c.answers = [answer('IC1', 'not-met'), answer('IC2', 'not-met')];
    }
    earlier.assessment.topic_judgments = [
      { topic: 'leadership', grade: 'inadequate', reasoning: 'r', areas_for_improvement: [], promising_practice: [] },
    ];
    await importInto(page, await writeJson('earlier.json', earlier), /^Use it as the baseline/);
    await page.getByText('Baseline set: Judgeshire Police, 1 April 2024 to 31 March 2025').waitFor();
    await page.getByRole('heading', { level: 1, name: 'Progress' }).waitFor();
    assert.match(
      await page.locator('#progress-by-type tbody tr').nth(0).innerText(),
      /Domestic abuse\s*0 good, 0 requires improvement, 3 inadequate\s*1 good, 2 requires improvement, 0 inadequate\s*0%\s*33%\s*Better/,
    );
    assert.match(await page.locator('#progress-by-stage tbody tr').nth(0).innerText(), /Initial contact\s*0%\s*50%\s*Better/);
    assert.match(await page.locator('#progress-by-topic tbody tr').nth(0).innerText(), /Leadership of child protection arrangements\s*Inadequate\s*Adequate\s*Better/);
    await assertAccessible(page, 'progress against a baseline');
    await waitSaved(page);

    await page.getByRole('link', { name: 'Export and print' }).click();
    const json = JSON.parse(
      await downloadText(page, () => page.getByRole('button', { name: 'Download the assessment (JSON)' }).click()),
    );
    assert.equal(json.version, FORMAT_VERSION);
    assert.equal(json.assessment.baseline.force, 'Judgeshire Police');
    assert.deepEqual(json.assessment.baseline.by_case_type, [
      { case_type: 'domestic-abuse', good: 0, requires_improvement: 0, inadequate: 3 },
    ]);
    assert.deepEqual(json.assessment.action_plan, { report_date: null, not_met_percent: 25 });

    // Removing asks first, and says so to a screen reader too: a changed
    // label alone is not announced by every one.
    await page.getByRole('link', { name: 'Progress' }).click();
    const status = page.getByRole('status').filter({ hasText: 'again to confirm' });
    assert.equal(await status.count(), 0);
    await page.getByRole('button', { name: 'Remove the baseline' }).click();
    await status.waitFor();
    assert.equal(await page.getByRole('button', { name: 'Yes, remove the baseline' }).evaluate((b) => b === document.activeElement), true);
    await page.getByRole('button', { name: 'Yes, remove the baseline' }).click();
    await page.locator('#no-baseline').waitFor();
    assertHealthy(page);
  });
});
