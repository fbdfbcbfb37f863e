// The widget in Arabic on the demo page (`?lang=ar`), every screen: the participant's as
// amira (Find a mentor and My data included) and the programme admin's as hr-admin (the
// admins' build). On each: the widget's root is right to left, no English is left in what a
// person can read or hear, axe finds no violation in light or dark, nothing sticks out at
// 360 px, and screenshots at 360 and 1280 px are kept (test-results/screenshots/ar-*.png,
// beside the English ones embedding.test.mjs takes).
//
// Latin letters may remain only in data that is Latin in the demo (people's names, job
// titles, departments, places, skills, programme names and objectives from the directory;
// the free text and ids of the records the portal holds for the person) and in the methods'
// and formats' acronyms. The data comes from the portal's own replies, so the check knows
// what is data and everything else must be Arabic.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { before, describe, it } from 'node:test';
import {
  axeViolations,
  demoSuite,
  keepScreenshot,
  openAs,
  overflow,
  portalOps,
  widget,
} from './harness.mjs';

const SHOTS = 'test-results/screenshots';

/** The Arabic texts, read from the widget's source: `Text::Key => "…"` arms of `fn ar`. */
const AR = (() => {
  const source = readFileSync('src/ui/i18n_ar.rs', 'utf8');
  const body = source.slice(source.indexOf('pub(super) fn ar('), source.indexOf('pub(super) fn ar_plural('));
  const texts = {};
  for (const [, key, text] of body.matchAll(/Text::(\w+) => \{?\s*"((?:[^"\\]|\\.)*)"/g)) texts[key] = text;
  return texts;
})();

/** `Locale::Ar.format`: the text of `key` with `{n}` filled by args, each isolated (FSI … PDI). */
function ar(key, ...args) {
  assert.ok(key in AR, `no Arabic text ${key}`);
  return AR[key].replace(/\{(\d)\}/g, (whole, n) => (n < args.length ? `\u2068${args[n]}\u2069` : whole));
}

/** The acronyms that stay Latin: SMART and GROW with their step letters, the export formats. */
const ACRONYMS = new Set(['SMART', 'GROW', 'S', 'M', 'A', 'R', 'T', 'G', 'O', 'W', 'CSV', 'JSON']);

/** Every text node and spoken attribute in the widget (tests/browser/visible_text.js). */
const VISIBLE_TEXTS = readFileSync('tests/browser/visible_text.js', 'utf8').replace(/^export /gm, '');
const visibleTexts = (page) =>
  page.evaluate(`(() => { ${VISIBLE_TEXTS}; return visibleTexts(document.querySelector('mentoring-widget').shadowRoot); })()`);

/**
 * The Latin data `person` can be shown: the directory's names, job titles, departments,
 * places, skills, programmes and objectives, and the ids and free text (a value with a space
 * or a capital: titles, purposes, notes, not the lowercase words that encode a status or a
 * kind, which the widget must translate) of every op the portal gives them. Longest first,
 * so a name is taken out before a part of it.
 */
async function latinData(baseUrl, person) {
  const headers = { cookie: `mentoring_demo_person=${person}` };
  const directory = await (await fetch(`${baseUrl}/api/mentoring/v1/directory`, { headers })).json();
  const values = new Set();
  for (const p of directory.people) {
    for (const v of [p.id, p.name, p.jobTitle, p.department, p.location, ...p.skillsOffered, ...p.skillsWanted]) values.add(v);
  }
  for (const g of directory.programmes) {
    for (const v of [g.id, g.name, ...g.objectives.flatMap((o) => [o.id, o.text])]) values.add(v);
  }
  const freeText = (v) => typeof v === 'string' && /[\sA-Z]/.test(v);
  for (const op of await portalOps(baseUrl, person)) {
    values.add(op.record);
    for (const v of Array.isArray(op.value) ? op.value : [op.value]) if (freeText(v)) values.add(v.trim());
  }
  return [...values].filter((v) => typeof v === 'string' && /[A-Za-z]/.test(v)).sort((a, b) => b.length - a.length);
}

/** The Latin words left in the widget once `data` is taken out, with the text each is in. */
async function englishLeft(page, data) {
  const found = [];
  for (const text of await visibleTexts(page)) {
    // A value held on one line has no-break spaces: read as the spaces they are.
    let rest = text.replaceAll('\u00a0', ' ');
    for (const value of data) rest = rest.split(value).join(' ');
    for (const word of rest.match(/[A-Za-z]+/g) ?? []) {
      if (!ACRONYMS.has(word)) found.push(`${JSON.stringify(word)} in ${JSON.stringify(text)}`);
    }
  }
  return found;
}

/** Clicks a button of the widget by its accessible name. */
const press = (page, name) => widget(page).getByRole('button', { name, exact: true }).first().click();
/** Waits for a text of the widget's, whole. */
const shown = (page, text) => widget(page).getByText(text, { exact: true }).first().waitFor();

async function synced(page) {
  await widget(page).getByRole('status').getByText(AR.AllSynced.split('{')[0].trim()).first().waitFor();
}

const coaching = ar('RelationshipWith', AR.KindCoaching, 'Sofia Marques');
const mentoring = ar('RelationshipWith', AR.KindMentoring, 'James Whitfield');

/** The participant's screens as amira, each reached from the previous one as a person would. */
const PARTICIPANT = [
  { name: 'my-goals', open: async () => {}, shows: [AR.MyGoals, AR.MyData, AR.DownloadMyCsv] },
  { name: 'relationships', open: (page) => press(page, AR.MyRelationships), shows: [coaching] },
  { name: 'relationship', open: (page) => press(page, ar('OpenRelationship', coaching)), shows: ['Win and grow Gulf key accounts', AR.OurAgreement, AR.PauseRelationship, AR.MarkCompleted] },
  { name: 'goal-editor', open: (page) => press(page, AR.NewGoalHere), shows: [AR.NewSmartGoal] },
  {
    name: 'session-log',
    open: async (page) => {
      await press(page, AR.BackToRelationship);
      await press(page, AR.LogSession);
    },
    shows: [AR.SaveSession],
  },
  {
    name: 'feedback',
    open: async (page) => {
      await press(page, AR.BackToRelationship);
      await press(page, AR.BackToRelationships);
      await press(page, ar('OpenRelationship', mentoring));
      await press(page, AR.GiveFeedback);
    },
    shows: [AR.SaveFeedback],
  },
  {
    name: 'learning',
    open: async (page) => {
      await press(page, AR.BackToRelationship);
      await press(page, AR.WriteInLearningLog);
    },
    shows: [AR.AddToLearningLog],
  },
  { name: 'find-mentor', open: (page) => press(page, AR.FindMentor), shows: [AR.SuggestionsHeading] },
];

/** The programme admin's screens as hr-admin. */
const ADMIN = [
  { name: 'admin-matching', open: (page) => press(page, AR.AdminMatching), shows: [AR.RunMatching] },
  {
    name: 'admin-matching-run',
    open: (page) => press(page, AR.RunMatching),
    // The run is done when its pairs are listed and it can be run again.
    shows: [AR.RunAgain],
    ready: (page) => widget(page).locator('.mw-pair').first().waitFor(),
  },
  {
    name: 'admin-programme',
    open: async (page) => {
      await press(page, AR.AdminNav);
      await widget(page).getByLabel(AR.Programme, { exact: true }).selectOption({ label: 'Sales performance coaching 2026' });
    },
    shows: [AR.ProgrammeSetUp, AR.RelationshipHealth, AR.Dashboard],
    // The dashboard's figures come from the portal.
    ready: (page) => widget(page).getByText(AR.FiguresAsOf.split('{')[0].trim()).first().waitFor(),
  },
  {
    name: 'admin-new-programme',
    open: (page) => widget(page).getByRole('button', { name: AR.NewProgramme }).click(),
    shows: [AR.SaveProgramme],
  },
];

describe('the widget in Arabic', () => {
  const demo = demoSuite();
  before(() => {
    mkdirSync(SHOTS, { recursive: true });
  });

  /** Walks `screens` as `person`: direction, English left, axe, overflow, screenshots. */
  async function walk(person, screens) {
    const data = await latinData(demo.portal.url, person);
    const context = await demo.browser.newContext({ viewport: { width: 360, height: 640 } });
    const page = await openAs(context, demo.portal.url, person, 'ar');
    await synced(page);
    const problems = [];
    for (const screen of screens) {
      await page.setViewportSize({ width: 360, height: 640 });
      await screen.open(page);
      for (const text of screen.shows) await shown(page, text);
      await screen.ready?.(page);
      const root = await page.evaluate(() => {
        const panel = document.querySelector('mentoring-widget').shadowRoot.querySelector('.mw-panel');
        return { dir: panel?.getAttribute('dir'), lang: panel?.getAttribute('lang'), direction: panel && getComputedStyle(panel).direction };
      });
      assert.deepEqual(root, { dir: 'rtl', lang: 'ar', direction: 'rtl' }, `${screen.name}: the widget's root`);
      for (const english of await englishLeft(page, data)) problems.push(`${screen.name}: English left: ${english}`);
      for (const width of [360, 1280]) {
        await page.setViewportSize({ width, height: width === 360 ? 640 : 800 });
        const { scroll, outside } = await overflow(page);
        if (scroll > 0 || outside.length) {
          problems.push(`${screen.name} at ${width} px: scrolls ${scroll} px; outside: ${outside.slice(0, 5).join(', ')}`);
        }
        await keepScreenshot(page, `${SHOTS}/ar-${screen.name}-${width}.png`);
      }
      for (const scheme of ['light', 'dark']) {
        await page.emulateMedia({ colorScheme: scheme });
        for (const violation of await axeViolations(page)) problems.push(`${screen.name} (${scheme}): ${violation}`);
      }
      await page.emulateMedia({ colorScheme: 'light' });
    }
    // The page around the widget keeps its own direction: the widget sets only its root's.
    assert.equal(await page.evaluate(() => document.documentElement.getAttribute('dir')), null);
    assert.deepEqual(problems, []);
    await context.close();
  }

  it("shows every participant screen right to left, with no English left and no axe violation", async () => {
    await walk('amira', PARTICIPANT);
  });

  it('finds English in the English widget with the same check', async () => {
    // The check above can fail: the English widget's own words are not data.
    const context = await demo.browser.newContext();
    const page = await openAs(context, demo.portal.url, 'amira');
    await widget(page).getByRole('status').getByText('All changes synced').waitFor();
    const english = await englishLeft(page, await latinData(demo.portal.url, 'amira'));
    assert.ok(english.some((w) => w.startsWith('"goals"')), english.join('\n'));
    await context.close();
  });

  it("shows every programme admin screen right to left, with no English left and no axe violation", async () => {
    await walk('hr-admin', ADMIN);
  });
});
