// The participants' flows end to end over the demo portal: a SMART goal with milestones, a
// GROW session with action items, two-way feedback, a coaching goal refused for want of an
// organisational objective, and a pair's agreement and pause. Each change is followed to the portal and to the other people
// (or devices) who should see it. Controls are found by their accessible names, which also
// checks that they are labelled.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  axeViolations,
  demoSuite,
  goalItems,
  openAs,
  reloadReady,
  storedGoals,
  synced,
  waitOutboxEmpty,
  widget,
} from './harness.mjs';

/** A date `days` from today, as a date field takes it. */
function daysFromNow(days) {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** Every op the portal holds that the page's person may read, through the adapter itself. */
async function portalOps(page) {
  return page.evaluate(async () => {
    const ops = [];
    for (let since = '0', more = true; more; ) {
      const reply = await (await fetch(`/api/mentoring/v1/ops?since=${since}`)).json();
      ops.push(...reply.ops);
      ({ cursor: since, more } = reply);
    }
    return ops;
  });
}

describe('the participants\' flows', () => {
  const demo = demoSuite();

  async function openRelationship(page, name) {
    await synced(page);
    await widget(page).getByRole('navigation').getByRole('button', { name: 'My relationships' }).click();
    await widget(page).getByRole('button', { name: `Open ${name}` }).click();
  }

  /** Moves the SMART form on to the step whose fields are wanted. */
  const nextStep = (page) => widget(page).getByRole('button', { name: 'Next step' }).click();

  it('amira\'s SMART goal with three milestones is 33 % done after one, here, after a reload and on another device', async () => {
    const title = 'Present the Gulf budget to the regional board';
    const context = await demo.browser.newContext();
    const page = await openAs(context, demo.portal.url, 'amira');
    await synced(page);
    const w = widget(page);
    await w.getByRole('button', { name: 'New SMART goal' }).click();
    await w.getByLabel('Title', { exact: true }).fill(title);
    await w.getByLabel('Part of').selectOption({ label: 'James Whitfield (Mentoring)' });
    await nextStep(page);
    await w.getByLabel('What you will count').fill('board presentations given');
    await w.getByLabel('Baseline').fill('0');
    await w.getByLabel('Target').fill('1');
    await w.getByLabel('Current').fill('0');
    await nextStep(page);
    await w.getByRole('button', { name: 'Add another milestone' }).click();
    await w.getByRole('button', { name: 'Add another milestone' }).click();
    const milestones = ['Draft the deck', 'Rehearse with James', 'Present to the board'];
    for (const [n, milestone] of milestones.entries()) {
      await w.getByLabel(`Milestone ${n + 1}`, { exact: true }).fill(milestone);
    }
    await nextStep(page);
    await w.getByLabel('Your own aspiration').fill('Be ready for a director role');
    await nextStep(page);
    await w.getByLabel('Due date').fill(daysFromNow(120));
    await w.getByRole('button', { name: 'Save goal' }).click();

    await w.getByRole('button', { name: 'Mark “Draft the deck” done' }).click();
    const bar = w.getByRole('progressbar', { name: `Progress of “${title}”` });
    await bar.and(page.locator('[aria-valuenow="33"]')).waitFor();
    await w.getByText('33%').first().waitFor();

    const [stored] = (await storedGoals(page)).filter((g) => g.title === title);
    assert.ok(stored, 'the goal is in IndexedDB');
    assert.equal(stored.relationship, 'rel-amira-james');
    await waitOutboxEmpty(page);

    await reloadReady(page);
    await synced(page);
    await goalItems(page, title).getByText('33%').waitFor();

    // A second device has nothing of its own: what it shows came from the portal.
    const other = await demo.browser.newContext();
    const second = await openAs(other, demo.portal.url, 'amira');
    await synced(second);
    await goalItems(second, title).getByText('33%').waitFor();
    await widget(second).getByRole('button', { name: `Edit goal “${title}”` }).click();
    await widget(second).getByText('Done on').first().waitFor();
    for (const milestone of milestones) await widget(second).getByText(milestone, { exact: true }).waitFor();

    // Her mentor follows the goal of their relationship.
    const mentorContext = await demo.browser.newContext();
    const james = await openAs(mentorContext, demo.portal.url, 'james');
    await openRelationship(james, 'Mentoring with Amira Haddad');
    await widget(james).getByRole('region', { name: 'Our goals' }).getByText(title).waitFor();
    await Promise.all([context.close(), other.close(), mentorContext.close()]);
  });

  it('sofia logs a GROW session with two action items for amira, who sees it after sync', async () => {
    const context = await demo.browser.newContext();
    const page = await openAs(context, demo.portal.url, 'sofia');
    await openRelationship(page, 'Coaching with Amira Haddad');
    const w = widget(page);
    await w.getByRole('button', { name: 'Log a session' }).click();
    await w.getByLabel('Length in minutes').fill('50');
    const notes = {
      Goal: 'Sign the second Gulf account this quarter',
      Reality: 'The pilot is booked; procurement is slow',
      Options: 'Escalate to the sponsor; offer phased pricing',
      Will: 'Amira calls the sponsor on Monday',
    };
    for (const [label, text] of Object.entries(notes)) await w.getByLabel(label, { exact: true }).fill(text);
    await w.getByRole('checkbox', { name: 'Questioning' }).check();
    await w.getByRole('checkbox', { name: 'Reframing' }).check();
    const items = [
      { text: 'Call the procurement sponsor', owner: 'Amira Haddad', due: daysFromNow(5) },
      { text: 'Send the phased-pricing example', owner: 'Sofia Marques (you)', due: daysFromNow(3) },
    ];
    for (const [n, item] of items.entries()) {
      await w.getByRole('button', { name: 'Add action item' }).click();
      const row = w.getByRole('listitem').filter({ has: page.getByLabel(`Action item ${n + 1}`, { exact: true }) });
      await row.getByLabel(`Action item ${n + 1}`, { exact: true }).fill(item.text);
      await row.getByLabel('Owner').selectOption({ label: item.owner });
      await row.getByLabel('Due date').fill(item.due);
    }
    await w.getByRole('button', { name: 'Save session' }).click();
    // Saved, the form closes on the session as the relationship's page lists it, with the
    // keyboard on it.
    await w.locator('.mw-card:focus').getByText('Send the phased-pricing example').waitFor();
    await waitOutboxEmpty(page);
    // Logged in one save: nothing says it was edited since.
    assert.doesNotMatch(await w.locator('.mw-card:focus').innerText(), /edited/);

    const sessions = (await portalOps(page)).filter((op) => op.entity === 'session' && op.field === 'grow-will');
    assert.deepEqual(
      sessions.map((op) => op.value).filter((v) => v === notes.Will),
      [notes.Will],
      'the portal holds the session once',
    );

    const amiraContext = await demo.browser.newContext();
    const amira = await openAs(amiraContext, demo.portal.url, 'amira');
    await openRelationship(amira, 'Coaching with Sofia Marques');
    const agenda = widget(amira).getByRole('region', { name: 'Agenda for the next session' });
    await agenda.getByText(items[0].text).waitFor();
    await agenda.getByText(items[1].text).waitFor();
    // Hers, with its due date as the browser's Intl shows a day in en-GB ("4 Dec 2026").
    const due = await amira.evaluate(
      (iso) =>
        new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-GB', {
          timeZone: 'UTC',
          day: 'numeric',
          month: 'short',
          year: 'numeric',
        }),
      items[0].due,
    );
    await agenda.getByText(`Amira Haddad, due ${due}`).waitFor();
    await widget(amira).getByText(notes.Will).first().waitFor();
    await Promise.all([context.close(), amiraContext.close()]);
  });

  it('amira gives james feedback with a strength and a development area, shared with the pair', async () => {
    const context = await demo.browser.newContext();
    const page = await openAs(context, demo.portal.url, 'amira');
    await openRelationship(page, 'Mentoring with James Whitfield');
    const w = widget(page);
    await w.getByRole('button', { name: 'Give feedback' }).click();
    await w.getByText('Your feedback goes to James Whitfield.').waitFor();
    const strength = 'Turns my numbers into a story the board follows';
    const development = 'Our sessions overrun, so the actions get rushed';
    await w.getByLabel('Strength 1', { exact: true }).fill(strength);
    await w.getByLabel('Example for strength 1').fill('The October budget rehearsal');
    await w.getByLabel('Development area 1', { exact: true }).fill(development);
    // Two lines, kept as typed when shown.
    const example = 'We agreed the actions\nin the last two minutes';
    await w.getByLabel('Example for development area 1').fill(example);
    await w.getByRole('radio', { name: 'The two of you, ratings counted in programme figures' }).check();
    await w.getByRole('button', { name: 'Save feedback' }).click();
    await w.locator('.mw-card:focus').getByText(strength).waitFor();
    await waitOutboxEmpty(page);

    const mentorContext = await demo.browser.newContext();
    const james = await openAs(mentorContext, demo.portal.url, 'james');
    await openRelationship(james, 'Mentoring with Amira Haddad');
    const received = widget(james).getByRole('region', { name: 'Feedback you received' });
    await received.getByText(strength).waitFor();
    await received.getByText(development).waitFor();
    const shownExample = received.locator('.mw-example').filter({ hasText: 'in the last two minutes' });
    assert.match(await shownExample.innerText(), /We agreed the actions\nin the last two minutes/, 'the line break is shown');
    // Someone outside the pair never receives it.
    const outsiderContext = await demo.browser.newContext();
    const sofia = await openAs(outsiderContext, demo.portal.url, 'sofia');
    await synced(sofia);
    const seen = await portalOps(sofia);
    assert.ok(!seen.some((op) => JSON.stringify(op.value).includes(strength)), 'sofia never gets the feedback');
    await Promise.all([context.close(), mentorContext.close(), outsiderContext.close()]);
  });

  it('a coaching goal without an organisational objective is refused, and nothing is stored or synced', async () => {
    const title = 'Close three new Gulf accounts without an objective';
    const context = await demo.browser.newContext();
    const page = await openAs(context, demo.portal.url, 'amira');
    await openRelationship(page, 'Coaching with Sofia Marques');
    const w = widget(page);
    await w.getByRole('button', { name: 'New goal in this relationship' }).click();
    await w.getByLabel('Title', { exact: true }).fill(title);
    for (let step = 0; step < 3; step += 1) await nextStep(page);
    await w.getByLabel('Your own aspiration').fill('Lead a team');
    await w.getByRole('button', { name: 'Save goal' }).click();

    const objective = w.getByLabel('Organisational objective');
    await objective.and(page.locator('[aria-invalid="true"]')).waitFor();
    const refusal = w.getByRole('alert').filter({ hasText: 'organisational objectives' });
    await refusal.waitFor();
    assert.match(await refusal.innerText(), /align it to one of the programme's organisational objectives/);

    assert.deepEqual((await storedGoals(page)).filter((g) => g.title === title), [], 'nothing in IndexedDB');
    await waitOutboxEmpty(page);
    await reloadReady(page);
    await synced(page);
    assert.deepEqual(
      (await portalOps(page)).filter((op) => op.value === title),
      [],
      'nothing reached the portal',
    );
    await context.close();
  });

  // Last: it pauses amira and james's relationship, which the tests above work in.
  it('james writes the pair\'s agreement and pauses the relationship; after sync amira sees both', async () => {
    const purpose = 'Ready to present the Gulf budget to the board by June';
    const rules = 'Monthly, an hour; what we say stays between us';
    const context = await demo.browser.newContext();
    const page = await openAs(context, demo.portal.url, 'james');
    await openRelationship(page, 'Mentoring with Amira Haddad');
    const w = widget(page);
    const agreement = w.getByRole('region', { name: 'Our agreement', exact: true });
    await agreement.getByRole('button', { name: 'Edit our agreement' }).click();
    // The form puts the keyboard in its first field once drawn: typing waits for it.
    await page.waitForFunction(
      () => document.querySelector('mentoring-widget').shadowRoot.activeElement?.id === 'mw-agreement-purpose',
    );
    await agreement.getByLabel('Purpose', { exact: true }).fill(purpose);
    await agreement.getByLabel('Ground rules', { exact: true }).fill(rules);
    assert.deepEqual(await axeViolations(page), [], 'the agreement form');
    await agreement.getByRole('button', { name: 'Save changes' }).click();
    await agreement.getByText(purpose).waitFor();

    const status = w.getByRole('region', { name: 'Change the status', exact: true });
    await status.getByRole('button', { name: 'Pause' }).click();
    await status.getByText('Status: Paused.').waitFor();
    await status.getByRole('button', { name: 'Undo' }).waitFor();
    // Ending early asks first, with the reason beside it; here he thinks better of it.
    await status.getByRole('button', { name: 'End early' }).click();
    await status.getByLabel('Reason for ending').waitFor();
    assert.deepEqual(await axeViolations(page), [], 'ending early, asked');
    await status.getByRole('button', { name: 'Cancel' }).click();
    await waitOutboxEmpty(page);

    const amiraContext = await demo.browser.newContext();
    const amira = await openAs(amiraContext, demo.portal.url, 'amira');
    await openRelationship(amira, 'Mentoring with James Whitfield');
    const theirs = widget(amira).getByRole('region', { name: 'Our agreement', exact: true });
    await theirs.getByText(purpose).waitFor();
    await theirs.getByText(rules).waitFor();
    await widget(amira).getByText('Paused', { exact: true }).waitFor();
    const hers = widget(amira).getByRole('region', { name: 'Change the status', exact: true });
    await hers.getByRole('button', { name: 'Resume' }).waitFor();
    assert.equal(await hers.getByRole('button', { name: 'Pause' }).count(), 0);
    await Promise.all([context.close(), amiraContext.close()]);
  });
});
