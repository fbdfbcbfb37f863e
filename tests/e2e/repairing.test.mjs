// A pair re-paired by its programme's admins, followed to the device of the one taken off:
// they keep reading the sessions they were in, and nothing on their device names who took
// their place, not even in storage. And to the device of who was put in: nothing of the pair
// before them, on the screen or in storage. And to the device of someone put back in a pair
// they were taken off: what was theirs in it again, nothing of the time between.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { demoSuite, deviceOpIds, openAs, portalOps, reloadReady, synced, widget } from './harness.mjs';

/** `ops` pushed to the portal as `person`; the reply. */
const push = async (url, person, ops) => {
  const response = await fetch(`${url}/api/mentoring/v1/ops`, {
    method: 'POST',
    headers: { cookie: `mentoring_demo_person=${person}`, 'content-type': 'application/json' },
    body: JSON.stringify({ version: 1, ops }),
  });
  return response.json();
};

/** Every op row this origin's IndexedDB holds for `owner`, and their snapshot, as JSON. */
const storedOpsText = (page, owner) =>
  page.evaluate(
    (owner) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('mentoring-widget');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction(['ops', 'meta']);
          const rows = tx.objectStore('ops').index('owner').getAll(owner);
          const snapshot = tx.objectStore('meta').get(`snapshot:${owner}`);
          tx.oncomplete = () => {
            open.result.close();
            resolve(JSON.stringify([rows.result, snapshot.result ?? null]));
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    owner,
  );

describe('a pair re-paired by its admins', () => {
  const demo = demoSuite();

  it('leaves the coach taken off her sessions to read, and nothing that names who took her place', async () => {
    const context = await demo.browser.newContext();
    const page = await openAs(context, demo.portal.url, 'sofia');
    await synced(page);
    assert.ok((await storedOpsText(page, 'sofia')).includes('rel-amira-sofia'));
    // Amira's goal in the pair, which Sofia follows as her coach.
    const amirasGoal = 'Win two new Gulf key accounts';
    assert.ok((await storedOpsText(page, 'sofia')).includes(amirasGoal));

    // The admins make Layla Amira's coach in Sofia's place.
    const mentor = (await portalOps(demo.portal.url, 'hr-admin')).filter(
      (op) => op.record === 'rel-amira-sofia' && op.field === 'mentor',
    );
    assert.equal(mentor.length, 1);
    const repair = {
      id: 'op-e2e-repair-1',
      actor: 'hr-admin',
      device: 'dev-e2e-admin',
      hlc: `${Date.now()}-00000`,
      entity: 'relationship',
      record: 'rel-amira-sofia',
      field: 'mentor',
      value: 'layla',
      supersedes: [mentor[0].id],
    };
    const response = await fetch(`${demo.portal.url}/api/mentoring/v1/ops`, {
      method: 'POST',
      headers: { cookie: 'mentoring_demo_person=hr-admin', 'content-type': 'application/json' },
      body: JSON.stringify({ version: 1, ops: [repair] }),
    });
    const reply = await response.json();
    assert.deepEqual(reply.acknowledged, [repair.id], JSON.stringify(reply));

    await reloadReady(page);
    await synced(page);
    // Told by the stand-in for the admins' op, which her device keeps: the pairing is no
    // longer hers, and Layla's id is nowhere in what it stores.
    const held = await deviceOpIds(page, 'sofia');
    assert.ok(held.includes(`withheld-${repair.id}`), held.join(' '));
    assert.ok(!held.includes(repair.id), held.join(' '));
    const stored = await storedOpsText(page, 'sofia');
    assert.ok(stored.includes('session-amira-sofia-1'), 'her session stays');
    assert.ok(!stored.includes('"layla"'), stored);
    // Amira's goal and its milestones are no longer hers to follow: gone from her storage, as
    // on a reload (the programme is known from the directory only).
    assert.ok(!stored.includes(amirasGoal), stored);
    await reloadReady(page);
    assert.ok(!(await storedOpsText(page, 'sofia')).includes(amirasGoal));

    // She reads the session she had with Amira under Earlier pairings.
    const w = widget(page);
    await w.getByRole('navigation').getByRole('button', { name: 'My relationships' }).click();
    await w.getByRole('heading', { name: 'Earlier pairings' }).waitFor();
    const shown = await page.evaluate(() => document.querySelector('mentoring-widget').shadowRoot.textContent);
    assert.ok(shown.includes('Amira'), shown);
    assert.ok(!shown.includes('Layla'), shown);
    await context.close();
  });

  it('shows who was put in a pair nothing of it from before they joined', async () => {
    const url = demo.portal.url;
    // Amira rewrites the ground rules she agreed with James; then the admins put Tom in her place.
    const standing = (ops, field) => ops.filter((op) => op.record === 'rel-amira-james' && op.field === field);
    const rules = standing(await portalOps(url, 'amira'), 'ground-rules');
    const now = Date.now();
    const hers = {
      id: 'op-e2e-rules-1', actor: 'amira', device: 'dev-e2e-amira', hlc: `${now}-00000`,
      entity: 'relationship', record: 'rel-amira-james', field: 'ground-rules',
      value: 'AMIRA-AND-JAMES-RULES', supersedes: rules.map((op) => op.id),
    };
    assert.deepEqual((await push(url, 'amira', [hers])).acknowledged, [hers.id]);
    const mentee = standing(await portalOps(url, 'hr-admin'), 'mentee');
    const repair = {
      id: 'op-e2e-repair-2', actor: 'hr-admin', device: 'dev-e2e-admin', hlc: `${now + 1}-00000`,
      entity: 'relationship', record: 'rel-amira-james', field: 'mentee', value: 'tom',
      supersedes: mentee.map((op) => op.id),
    };
    const reply = await push(url, 'hr-admin', [repair]);
    assert.deepEqual(reply.acknowledged, [repair.id], JSON.stringify(reply));

    const context = await demo.browser.newContext();
    const page = await openAs(context, url, 'tom');
    await synced(page);
    const w = widget(page);
    await w.getByRole('navigation').getByRole('button', { name: 'My relationships' }).click();
    await w.getByRole('button', { name: 'Open Mentoring with James Whitfield' }).click();
    await w.getByRole('heading', { name: 'Mentoring with James Whitfield' }).waitFor();
    const text = await page.evaluate(() => document.querySelector('mentoring-widget').shadowRoot.textContent);
    assert.ok(text.includes('Our agreement'), text);
    for (const before of ['Boardroom readiness', 'Regional Sales Director', 'AMIRA-AND-JAMES-RULES', 'Dubai team forecasts', 'Amira']) {
      assert.ok(!text.includes(before), `${before} on Tom's screen: ${text}`);
    }
    // Nothing his device stores was written by Amira or names her.
    const stored = await storedOpsText(page, 'tom');
    assert.ok(stored.includes('rel-amira-james'), 'the relationship is his');
    for (const named of ['"actor":"amira"', '"value":"amira"', '"device":"dev-e2e-amira"', 'AMIRA-AND-JAMES-RULES', 'learning-james-1']) {
      assert.ok(!stored.includes(named), `${named} in Tom's storage: ${stored}`);
    }
    await context.close();
  });
});

describe('a re-pairing undone by its admins', () => {
  const demo = demoSuite();

  it('gives whoever was put back what was theirs in the pair, and nothing of the time between', async () => {
    const url = demo.portal.url;
    const standing = async (person, field) =>
      (await portalOps(url, person)).filter((op) => op.record === 'rel-amira-james' && op.field === field);
    const context = await demo.browser.newContext();
    const page = await openAs(context, url, 'amira');
    await synced(page);
    assert.ok((await storedOpsText(page, 'amira')).includes('learning-james-1'));

    // The admins put Tom in Amira's place by mistake; Tom and James write in the pair meanwhile.
    let now = Date.now();
    const op = (actor, record, field, value, supersedes = []) => ({
      id: `op-e2e-${actor}-${now}`, actor, device: `dev-e2e-${actor}`, hlc: `${now++}-00000`,
      entity: record.startsWith('learning') ? 'learning' : 'relationship', record, field, value,
      supersedes,
    });
    const setMentee = async (who) => {
      const mentee = await standing('hr-admin', 'mentee');
      const put = op('hr-admin', 'rel-amira-james', 'mentee', who, mentee.map((o) => o.id));
      assert.deepEqual((await push(url, 'hr-admin', [put])).acknowledged, [put.id]);
    };
    await setMentee('tom');
    const rules = await standing('tom', 'ground-rules');
    const toms = op('tom', 'rel-amira-james', 'ground-rules', 'TOM-AND-JAMES-RULES', rules.map((o) => o.id));
    assert.deepEqual((await push(url, 'tom', [toms])).acknowledged, [toms.id]);
    const note = Object.entries({
      author: 'james', relationship: 'rel-amira-james', text: 'SHARED-WITH-TOM', shared: true, 'written-at': now,
    }).map(([field, value]) => op('james', 'learning-e2e-tom', field, value));
    assert.equal((await push(url, 'james', note)).acknowledged.length, note.length);
    await reloadReady(page);
    await synced(page);
    assert.ok(!(await storedOpsText(page, 'amira')).includes('learning-james-1'), 'taken off: let go of');

    // Put back: she reads what James shared with her again, and is told she was put back.
    await setMentee('amira');
    await reloadReady(page);
    await synced(page);
    const w = widget(page);
    const home = await page.evaluate(() => document.querySelector('mentoring-widget').shadowRoot.textContent);
    assert.ok(home.includes('put you back in your pairing with James Whitfield'), home);
    await w.getByRole('navigation').getByRole('button', { name: 'My relationships' }).click();
    await w.getByRole('button', { name: 'Open Mentoring with James Whitfield' }).click();
    await w.getByRole('heading', { name: 'Mentoring with James Whitfield' }).waitFor();
    await w.getByText('Dubai team forecasts', { exact: false }).first().waitFor();
    const text = await page.evaluate(() => document.querySelector('mentoring-widget').shadowRoot.textContent);
    for (const between of ['TOM-AND-JAMES-RULES', 'SHARED-WITH-TOM', 'Tom Ashworth']) {
      assert.ok(!text.includes(between), `${between} on Amira's screen: ${text}`);
    }
    const stored = await storedOpsText(page, 'amira');
    assert.ok(stored.includes('learning-james-1'), 'hers again');
    for (const named of ['"actor":"tom"', '"value":"tom"', '"device":"dev-e2e-tom"', 'TOM-AND-JAMES-RULES', 'learning-e2e-tom']) {
      assert.ok(!stored.includes(named), `${named} in Amira's storage: ${stored}`);
    }
    await context.close();
  });
});
