// Programme admin end to end, as hr-admin: set up a mentoring programme, enrol ten people from
// the directory (five mentees, five mentors), run matching in it and publish the pairs; a
// mentee of one pair logs a session (with a private note) and sets a goal at risk, and the
// admin's health view shows both; the CSV exports and the printable report carry no private
// field.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import {
  axeViolations,
  demoSuite,
  openAs,
  synced,
  waitOutboxEmpty,
  widget,
} from './harness.mjs';

const nav = (page, name) => widget(page).getByRole('navigation').getByRole('button', { name }).click();

const PROGRAMME = 'Future leaders 2027';
// Grade 2–3 people and grade 8 directors: every mentee has a mentor above them outside their
// reporting line.
const MENTEES = ['Fatima Zayed', 'Hassan Aziz', 'Tom Ashworth', 'Aisha Khan', 'Lena Fischer'];
const MENTORS = ['James Whitfield', 'Omar Farouk', 'Daniel Brooks', 'Elena Petrova', 'Samuel Osei'];
const PRIVATE_NOTE = 'Private worry about the reorganisation, not for HR';
const SESSION_WORDS = 'Agreed to rehearse the pipeline review';
const GOAL = 'Lead the quarterly pipeline review';

/** Ticks the people named in the enrolment search, one search each. */
async function pick(page, names) {
  const w = widget(page);
  for (const name of names) {
    await w.getByLabel('Search by name or job title').fill(name);
    await w.getByRole('checkbox', { name }).check();
  }
  await w.getByLabel('Search by name or job title').fill('');
}

/** The proposed pairs' titles on the matching screen ("Mentee with Mentor"). */
const pairTitles = (page) =>
  page.evaluate(() =>
    [...document.querySelector('mentoring-widget').shadowRoot.querySelectorAll('.mw-pair .mw-card-title')].map((h) =>
      h.firstChild.textContent.trim(),
    ),
  );

/** A pair's card in the admin's health view. */
const healthCard = (page, mentor, mentee) =>
  widget(page).locator('.mw-card', { hasText: `Mentor: ${mentor} · Mentee: ${mentee}` }).first();

describe('programme admin', () => {
  const demo = demoSuite();

  it('is offered to programme admins only', async () => {
    const context = await demo.browser.newContext();
    const page = await openAs(context, demo.portal.url, 'amira');
    await synced(page);
    const tab = widget(page).getByRole('navigation').getByRole('button', { name: 'Programme admin' });
    assert.equal(await tab.count(), 0);
    await context.close();
  });

  it('sets up a mentoring programme and enrols ten people from the directory', async () => {
    const context = await demo.browser.newContext();
    const page = await openAs(context, demo.portal.url, 'hr-admin');
    await synced(page);
    await nav(page, 'Programme admin');
    const w = widget(page);
    await w.getByRole('button', { name: 'New programme' }).click();
    await w.getByLabel('Name').fill(PROGRAMME);
    await w.getByLabel('Ends (optional)').fill('2027-12-31');
    await w.getByRole('button', { name: 'Save programme' }).click();
    await w.getByText('Programme saved.').waitFor();

    await pick(page, MENTEES);
    await w.getByRole('button', { name: 'Enrol 5 people' }).click();
    await w.getByText('5 enrolled, 0 invited.').waitFor();
    // Mentors who said yes already: someone only invited is not matched until they accept.
    await w.getByLabel('Enrol as').selectOption({ label: 'Mentor (enrolled, has said yes)' });
    await w.getByLabel('Capacity: people at a time').fill('1');
    await pick(page, MENTORS);
    await w.getByRole('button', { name: 'Enrol 5 people' }).click();
    await w.getByText('5 enrolled, 0 invited.').waitFor();
    await w.locator('.mw-participants li').nth(9).waitFor();
    await waitOutboxEmpty(page);
    // The portal took every op: a fresh device of hr-admin sees the programme and its people.
    const again = await demo.browser.newContext();
    const fresh = await openAs(again, demo.portal.url, 'hr-admin');
    await synced(fresh);
    await nav(fresh, 'Programme admin');
    await widget(fresh).getByLabel('Programme', { exact: true }).selectOption({ label: PROGRAMME });
    await widget(fresh).locator('.mw-participants li').nth(9).waitFor();
    assert.equal(await widget(fresh).locator('.mw-participants li').count(), 10);
    await again.close();
    await context.close();
  });

  it('matches the enrolled people, and the health view follows a pair\'s session and goal; exports carry nothing private', async () => {
    const admin = await demo.browser.newContext({ acceptDownloads: true });
    const page = await openAs(admin, demo.portal.url, 'hr-admin');
    await synced(page);
    const w = widget(page);

    // Matching in the new programme: only its enrolled people are in the run.
    await nav(page, 'Matching');
    await w.getByLabel('Programme').selectOption({ label: PROGRAMME });
    await w.getByRole('button', { name: 'Run matching' }).click();
    await w.getByRole('button', { name: 'Run again' }).and(w.locator(':not([aria-disabled="true"])')).waitFor();
    // "Mentor: … · Mentee: …", as [mentee, mentor].
    const pairs = (await pairTitles(page)).map((title) =>
      title.replace(/^Mentor: /, '').split(' · Mentee: ').reverse(),
    );
    assert.ok(pairs.length >= 3, `most of the five mentees are paired: ${JSON.stringify(pairs)}`);
    for (const [mentee, mentor] of pairs) {
      assert.ok(MENTEES.includes(mentee), `${mentee} is an enrolled mentee`);
      assert.ok(MENTORS.includes(mentor), `${mentor} is an enrolled mentor`);
    }
    assert.equal(new Set(pairs.map(([, mentor]) => mentor)).size, pairs.length, 'each mentor takes one (capacity 1)');
    await w.getByRole('button', { name: `Publish ${pairs.length} proposed relationships` }).click();
    await w.getByRole('button', { name: 'Yes, publish' }).click();
    await w.getByText(`${pairs.length} proposed relationships created`, { exact: false }).waitFor();
    await waitOutboxEmpty(page);

    // The health view lists every published pair, none with a session or a goal yet.
    await nav(page, 'Programme admin');
    await w.getByLabel('Programme', { exact: true }).selectOption({ label: PROGRAMME });
    const [mentee, mentor] = pairs[0];
    const card = healthCard(page, mentor, mentee);
    await card.getByText('No sessions yet, 0 goals').waitFor();
    assert.equal(await w.locator('.mw-card', { hasText: ' · ' }).count(), pairs.length);
    assert.equal(await card.getByText('goals at risk').count(), 0);
    // A published pair waits for its admins: starting it makes it active for the pair.
    await card.getByRole('button', { name: 'Start this relationship' }).click();
    await card.getByText(`Relationship started: Mentor: ${mentor} · Mentee: ${mentee}.`, { exact: true }).waitFor();
    await waitOutboxEmpty(page);

    // The mentee, signed in through the demo, logs a session and sets a goal of the pair at risk.
    const directory = await page.evaluate(async () => (await fetch('/api/mentoring/v1/directory')).json());
    const menteeId = directory.people.find((p) => p.name === mentee).id;
    const participant = await demo.browser.newContext();
    const them = await openAs(participant, demo.portal.url, menteeId);
    await synced(them);
    const m = widget(them);
    const openPair = async () => {
      await nav(them, 'My relationships');
      await m.getByRole('button', { name: `Open Mentoring with ${mentor}` }).click();
    };
    await openPair();
    await m.getByRole('button', { name: 'Log a session' }).click();
    await m.locator('#mw-grow-3').fill(SESSION_WORDS);
    await m.getByLabel('Private note (not shared with your partner)').fill(PRIVATE_NOTE);
    await m.getByRole('button', { name: 'Save session' }).click();
    // Saved, the form closes on the session as the relationship's page lists it.
    await m.locator('#mw-grow-3').waitFor({ state: 'detached' });
    await openPair();
    await m.getByRole('button', { name: 'New goal in this relationship' }).click();
    await m.getByLabel('Title', { exact: true }).fill(GOAL);
    for (let step = 0; step < 3; step += 1) await m.getByRole('button', { name: 'Next step' }).click();
    await m.getByRole('button', { name: 'Save goal' }).click();
    await m.getByRole('radio', { name: 'At risk' }).check();
    // A status is stored by its button alone (moving through the radios stores nothing).
    const saveStatus = m.getByRole('button', { name: 'Save status' });
    await saveStatus.click();
    await saveStatus.and(them.locator('[aria-disabled="true"]')).waitFor();
    await m.getByRole('radio', { name: 'At risk' }).and(them.locator(':checked')).waitFor();
    // Saved changes may still be leaving the device: wait until the portal holds them all.
    await waitOutboxEmpty(them);
    await participant.close();

    await w.getByRole('button', { name: 'Refresh figures' }).click();
    await card.getByText(/^1 session \(last .+\), 1 goal$/).waitFor();
    await card.getByText('goals at risk').waitFor();
    // One pair is two people: the month's session count is not shown (the small-group rule).
    const sessions = w.locator('figure', { hasText: 'Sessions per month' });
    await sessions.getByText('hidden: fewer than 5').first().waitFor();

    const html = await page.evaluate(() => document.querySelector('mentoring-widget').shadowRoot.innerHTML);
    assert.ok(!html.includes(PRIVATE_NOTE), 'no private note in the admin view');
    // Each chart bar is drawn at the height its figure gives it (no stylesheet rule overrides it).
    const bars = await page.evaluate(() => [...document.querySelector('mentoring-widget').shadowRoot
      .querySelectorAll('figure.mw-chart rect')].map((r) => [r.getAttribute('height'), getComputedStyle(r).height]));
    assert.ok(bars.length > 0, 'the dashboard draws bars');
    for (const [drawn, shown] of bars) assert.equal(shown, `${drawn}px`, `bars: ${JSON.stringify(bars)}`);
    for (const colorScheme of ['dark', 'light']) {
      await page.emulateMedia({ colorScheme });
      assert.deepEqual(await axeViolations(page), [], `the health view and dashboard, ${colorScheme}`);
    }

    const download = async (name, saved) => {
      const [file] = await Promise.all([page.waitForEvent('download'), w.getByRole('button', { name }).click()]);
      // Saved under the programme's name, not its id.
      assert.equal(file.suggestedFilename(), saved);
      return readFile(await file.path(), 'utf8');
    };
    const slug = PROGRAMME.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '');
    const relationships = await download('Download relationships (CSV)', `${slug}-relationships.csv`);
    // Starting with a byte-order mark, for Excel to read it as UTF-8.
    assert.match(relationships, /^\uFEFFprogramme,relationship,kind,mentor,mentor_name,mentee,mentee_name,lifecycle,starts,planned_end,ended,goals,sessions,last_session,signals\r\n/);
    assert.ok(relationships.split('\r\n')[1].startsWith(`${PROGRAMME},`), relationships);
    const row = relationships.split('\r\n').find((line) => line.includes(`,${mentee},`));
    assert.ok(row, `a row for ${mentee}: ${relationships}`);
    assert.match(row, /,active,/);
    const aggregates = await download('Download figures (CSV)', `${slug}-aggregates.csv`);
    assert.match(aggregates, /^\uFEFFprogramme,figure,period,part,value,status\r\n/);
    // Every row names the programme it counts.
    for (const line of aggregates.split('\r\n').slice(1, -1)) assert.ok(line.startsWith(`${PROGRAMME},`), line);
    for (const [name, csv] of [['relationships', relationships], ['aggregates', aggregates]]) {
      for (const secret of [PRIVATE_NOTE, SESSION_WORDS, GOAL]) {
        assert.ok(!csv.includes(secret), `the ${name} export must not carry “${secret}”`);
      }
    }

    // The printable report: the aggregates alone, and on paper nothing else of the widget.
    await w.getByRole('button', { name: 'Printable report' }).click();
    const report = w.locator('.mw-report');
    await report.getByRole('heading', { name: `Programme report: ${PROGRAMME}` }).waitFor();
    const printed = await report.innerText();
    assert.ok(printed.includes('Sessions per month') && printed.includes('hidden: fewer than 5'), printed);
    for (const absent of [PRIVATE_NOTE, SESSION_WORDS, GOAL, `Mentor: ${mentor} · Mentee: ${mentee}`]) {
      assert.ok(!printed.includes(absent), `the report must not carry “${absent}”`);
    }
    // The browser announces printing: the widget hides the host's page around it on paper
    // (a stylesheet adopted on the host's document until afterprint).
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    await page.emulateMedia({ media: 'print' });
    assert.ok(await report.getByText('Sessions per month').isVisible(), 'the report prints');
    assert.equal(await w.getByRole('navigation').isVisible(), false, 'the tabs do not print');
    assert.equal(await report.getByRole('button', { name: 'Print' }).isVisible(), false, 'its buttons do not print');
    for (const furniture of ['.portal-header', '.portal-nav', 'h1', '.languages', '#demo-heading']) {
      assert.equal(await page.locator(furniture).isVisible(), false, `the host's ${furniture} does not print`);
    }
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    assert.ok(await page.locator('.portal-header').isVisible(), "after printing, the host's page is its own again");
    await page.emulateMedia({ media: null });
    await admin.close();
  });
});
