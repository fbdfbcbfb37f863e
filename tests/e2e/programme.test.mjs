// The participants' screens over the demo programme: each person sees their relationships
// and what belongs to them, and never another person's private note.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  demoSuite,
  openAs,
  widget,
} from './harness.mjs';

describe('the programme screens', () => {
  const demo = demoSuite();

  async function openRelationships(page) {
    await widget(page).getByRole('status').getByText('All changes synced').waitFor();
    await widget(page).getByRole('navigation').getByRole('button', { name: 'My relationships' }).click();
  }

  it('shows amira her coaching relationship, its goal, session and her own private note', async () => {
    const context = await demo.browser.newContext();
    const page = await openAs(context, demo.portal.url, 'amira');
    await openRelationships(page);
    await widget(page).getByRole('button', { name: 'Open Coaching with Sofia Marques' }).click();
    await widget(page).getByText('Win and grow Gulf key accounts').waitFor();
    await widget(page).getByText('Win two new Gulf key accounts this quarter').first().waitFor();
    await widget(page).getByText('Book the pilot meeting').first().waitFor();
    // Her note sits behind its button on the session's card, which says one is written.
    await widget(page).getByRole('button', { name: /^My private note on the session of .* \(written\)$/ }).first().click();
    assert.match(await widget(page).locator('textarea[id^="mw-note-"]').first().inputValue(), /practise the ask/);
    await context.close();
  });

  it('never shows amira\'s private note to her coach or her mentor', async () => {
    for (const person of ['sofia', 'james']) {
      const context = await demo.browser.newContext();
      const page = await openAs(context, demo.portal.url, person);
      await openRelationships(page);
      const open = widget(page).getByRole('button', { name: /^Open .* with Amira Haddad$/ });
      await open.first().click();
      await widget(page).getByText('Amira Haddad', { exact: false }).first().waitFor();
      // Every private-note box opened: each is their own, empty.
      for (const button of await widget(page).locator('.mw-note-open').all()) await button.click();
      const html = await page.evaluate(() => document.querySelector('mentoring-widget').shadowRoot.innerHTML);
      assert.ok(!html.includes('practise the ask'), `${person} must not see amira's private note`);
      await context.close();
    }
  });

  it('shows amira the feedback james shared with the pair', async () => {
    const context = await demo.browser.newContext();
    const page = await openAs(context, demo.portal.url, 'amira');
    await openRelationships(page);
    await widget(page).getByRole('button', { name: 'Open Mentoring with James Whitfield' }).click();
    await widget(page).getByText('Knows every client\'s numbers').first().waitFor();
    await context.close();
  });
});
