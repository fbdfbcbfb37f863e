// A pair re-paired by its programme's admins, followed to the device of the one taken off:
// they keep reading the sessions they were in, and nothing on their device names who took
// their place, not even in storage.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { demoSuite, deviceOpIds, openAs, portalOps, reloadReady, synced, widget } from './harness.mjs';

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

    // She reads the session she had with Amira under Earlier pairings.
    const w = widget(page);
    await w.getByRole('navigation').getByRole('button', { name: 'My relationships' }).click();
    await w.getByRole('heading', { name: 'Earlier pairings' }).waitFor();
    assert.ok(!(await w.innerText()).includes('Layla'));
    await context.close();
  });
});
