// Programme admin end to end, as hr-admin: set up a mentoring programme, enrol ten people
// from the directory, watch a pair's health move after the mentee logs a session, and export
// the relationships CSV without any private field. (Matching and publishing the pairs of the
// new programme belong to the matching screens; the health step uses a demo programme, which
// already has pairs.)
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { launchBrowser, openAs, startPortal, waitOutboxEmpty, widget } from './harness.mjs';

const synced = (page) => widget(page).getByRole('status').getByText('All changes synced').first().waitFor();
const nav = (page, name) => widget(page).getByRole('navigation').getByRole('button', { name }).click();

describe('programme admin', () => {
  let portal;
  let browser;
  before(async () => {
    portal = await startPortal();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await portal?.stop();
  });

  it('is offered to programme admins only', async () => {
    const context = await browser.newContext();
    const page = await openAs(context, portal.url, 'amira');
    await synced(page);
    const tab = widget(page).getByRole('navigation').getByRole('button', { name: 'Programme admin' });
    assert.equal(await tab.count(), 0);
    await context.close();
  });

  it('sets up a mentoring programme and enrols ten people from the directory', async () => {
    const context = await browser.newContext();
    const page = await openAs(context, portal.url, 'hr-admin');
    await synced(page);
    await nav(page, 'Programme admin');
    const w = widget(page);
    await w.getByLabel('Programme', { exact: true }).selectOption({ label: 'New programme' });
    await w.getByLabel('Name').fill('Future leaders 2027');
    await w.getByLabel('Ends (optional)').fill('2027-12-31');
    await w.getByRole('button', { name: 'Save programme' }).click();
    await w.getByText('Programme saved.').waitFor();
    const boxes = w.locator('#mw-enrol-heading ~ ul input[type=checkbox]');
    await boxes.first().waitFor();
    assert.ok((await boxes.count()) >= 10, 'the demo directory has at least ten people');
    for (let n = 0; n < 10; n += 1) await boxes.nth(n).check();
    await w.getByRole('button', { name: 'Enrol the 10 selected' }).click();
    await w.getByText('10 enrolled or invited.').waitFor();
    await synced(page);
    // The portal took every op: a fresh device of hr-admin sees the programme and its people.
    const again = await browser.newContext();
    const fresh = await openAs(again, portal.url, 'hr-admin');
    await synced(fresh);
    await nav(fresh, 'Programme admin');
    await widget(fresh).getByLabel('Programme', { exact: true }).selectOption({ label: 'Future leaders 2027' });
    assert.equal(await widget(fresh).locator('.mw-participants li').count(), 10);
    await again.close();
    await context.close();
  });

  it('shows a pair\'s health move after a session, and exports relationships without private fields', async () => {
    const admin = await browser.newContext({ acceptDownloads: true });
    const page = await openAs(admin, portal.url, 'hr-admin');
    await synced(page);
    await nav(page, 'Programme admin');
    const w = widget(page);
    await w.getByLabel('Programme', { exact: true }).selectOption({ label: 'Sales performance coaching 2026' });
    const pair = w.locator('.mw-card', { hasText: 'Sofia Marques · Amira Haddad' });
    await pair.first().waitFor();
    const before = await pair.first().locator('.mw-hint').first().textContent();
    const sessionsBefore = Number(before.match(/^(\d+) sessions/)[1]);

    const participant = await browser.newContext();
    const amira = await openAs(participant, portal.url, 'amira');
    await synced(amira);
    await nav(amira, 'My relationships');
    await widget(amira).getByRole('button', { name: 'Open Coaching with Sofia Marques' }).click();
    await widget(amira).getByRole('button', { name: 'Log a session' }).click();
    await widget(amira).getByRole('button', { name: 'Save session' }).click();
    await widget(amira).getByText('Session saved.').waitFor();
    // "All changes synced" may still be on screen from before the save: wait until the
    // session has left the device's outbox, that is, the portal holds it.
    await waitOutboxEmpty(amira);
    await participant.close();

    await w.getByRole('button', { name: 'Refresh figures' }).click();
    await w.getByText(`${sessionsBefore + 1} sessions`).first().waitFor();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      w.getByRole('button', { name: 'Download relationships (CSV)' }).click(),
    ]);
    const csv = await readFile(await download.path(), 'utf8');
    assert.match(csv, /^relationship,kind,mentor,mentor name,mentee,mentee name,lifecycle/);
    assert.ok(csv.includes('Amira Haddad'));
    for (const secret of ['practise the ask', 'Prepare for', 'purpose', 'ground rules']) {
      assert.ok(!csv.includes(secret), `the export must not carry ${secret}`);
    }
    const html = await page.evaluate(() => document.querySelector('mentoring-widget').shadowRoot.innerHTML);
    assert.ok(!html.includes('practise the ask'), 'no private note in the admin view');
    await admin.close();
  });
});
