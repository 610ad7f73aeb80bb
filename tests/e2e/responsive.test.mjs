// Every main screen at home on a phone (390 x 844) and a laptop (1366 x 768), issue 17
// item 5: no page scrolls sideways, the screen's main action is on the first screen, axe
// finds nothing, and a screenshot of each lands in tests/e2e/artifacts/<screen>-<width>.png.
// Then what a phone user does: the menu that names the current page, the filter folded
// behind "Filter", rows as cards with their column names, dates as dd/mm/jjjj whatever
// the browser's language.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, browserLogin, screenshot, sql, axeViolations, Client, LOGINS, DEMO_PASSWORD } from './lib.mjs';

const OVERVIEW = '/opleidingen/dubbele-finaliteit';
const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1366, height: 768 };

let server;
let browser;
const ids = {};

before(async () => {
  server = await startServer();
  ids.accepted = sql(server.dataDir, "SELECT id FROM students WHERE last_name = 'D''Hondt'");
  ids.open = sql(server.dataDir, "SELECT id FROM students WHERE last_name = 'Vanhoutte'");
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/*
 * The main screens of every role; main(page) is the locator of what the screen is for,
 * which must be on the first screen without scrolling.
 */
const SCREENS = [
  { name: 'login', who: null, path: () => '/login', main: (p) => p.getByRole('button', { name: 'Inloggen' }) },
  { name: 'overview', who: 'school', path: () => OVERVIEW, main: (p) => p.getByRole('link', { name: '+Toevoegen' }),
    // the pupils themselves start on the first screen too
    also: (p) => p.locator('tbody th a').first() },
  { name: 'pupil-form', who: 'school', path: () => `${OVERVIEW}/studenten/nieuw`, main: (p) => p.getByLabel('Rijksregisternummer') },
  { name: 'pupil-read-only', who: 'school', path: () => `/studenten/${ids.accepted}`,
    main: (p) => p.getByRole('heading', { name: 'Gegevens student' }) },
  { name: 'contacts', who: 'school', path: () => '/contactpersonen', main: (p) => p.getByRole('link', { name: '+Toevoegen' }),
    also: (p) => p.getByRole('link', { name: /^Bewerken/ }).first() },
  { name: 'account', who: 'school', path: () => '/account', main: (p) => p.getByRole('button', { name: 'Opslaan' }) },
  { name: 'requests', who: 'service', path: () => '/aanvragen', main: (p) => p.locator('tbody td a[href^="/aanvragen/"]').first() },
  { name: 'request', who: 'service', path: () => `/aanvragen/${ids.open}`,
    main: (p) => p.getByRole('link', { name: 'Aanvaarden', exact: true }) },
  { name: 'interns', who: 'service', path: () => '/stagiairs', main: (p) => p.locator('tbody a[href^="/stagiairs/"]').first() },
  { name: 'dashboard', who: 'admin', path: () => '/beheer', main: (p) => p.locator('.stats').first() },
  { name: 'campaigns', who: 'admin', path: () => '/beheer/campagnes', main: (p) => p.getByRole('link', { name: '+ Nieuwe campagne' }).first() },
  { name: 'organisations', who: 'admin', path: () => '/beheer/organisaties', main: (p) => p.getByRole('link', { name: '+ School toevoegen' }) },
  { name: 'users', who: 'admin', path: () => '/beheer/gebruikers', main: (p) => p.getByRole('button', { name: 'Uitnodiging versturen' }) },
  { name: 'audit', who: 'admin', path: () => '/beheer/audit', main: (p) => p.locator('tbody tr').first() },
];

/** A page logged in as who (or anonymous), with the given viewport, ready for axe. */
async function pageFor(who, viewport, options = {}) {
  const context = await browser.newContext({ bypassCSP: true, viewport, ...options });
  const page = await context.newPage();
  if (who) await browserLogin(page, server.url, who);
  return page;
}

/** Whether the element lies entirely within the first screen (the page not scrolled). */
async function onFirstScreen(locator) {
  return locator.evaluate((el) => {
    const box = el.getBoundingClientRect();
    return window.scrollY === 0 && box.height > 0 && box.top >= 0 && box.bottom <= window.innerHeight &&
      box.left >= 0 && box.right <= document.documentElement.clientWidth;
  });
}

for (const viewport of [PHONE, LAPTOP]) {
  describe(`at ${viewport.width} x ${viewport.height}`, () => {
    for (const who of [null, 'school', 'service', 'admin']) {
      const screens = SCREENS.filter((s) => s.who === who);
      test(`${who || 'anonymous'}: no sideways scrolling, the main action on the first screen, axe-clean`, async () => {
        const page = await pageFor(who, viewport);
        try {
          for (const s of screens) {
            const res = await page.goto(server.url + s.path());
            assert.equal(res.status(), 200, s.name);
            await screenshot(page, `${s.name}-${viewport.width}`);
            const { scrollWidth, clientWidth } = await page.evaluate(() => ({
              scrollWidth: document.documentElement.scrollWidth,
              clientWidth: document.documentElement.clientWidth,
            }));
            assert.ok(scrollWidth <= clientWidth, `${s.name}: the page is ${scrollWidth} px wide in ${clientWidth} px`);
            assert.ok(await onFirstScreen(s.main(page)), `${s.name}: the main action is on the first screen`);
            if (s.also) assert.ok(await onFirstScreen(s.also(page)), `${s.name}: the first row is on the first screen`);
            const violations = await axeViolations(page);
            assert.deepEqual(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`), [], s.name);
          }
        } finally {
          await page.context().close();
        }
      });
    }
  });
}

test('on a phone the menu folds behind "Menu", names the current page and opens without JavaScript', async () => {
  const page = await pageFor('school', PHONE, { javaScriptEnabled: false });
  try {
    await page.goto(server.url + '/contactpersonen');
    const summary = page.locator('nav summary');
    assert.equal((await summary.textContent()).replace(/\s+/g, ' ').trim(), 'Menu Contactpersoon stageplaats');
    const other = page.getByRole('link', { name: 'Duaal leren' });
    assert.equal(await other.isVisible(), false, 'the menu starts folded');
    await summary.click();
    assert.equal(await other.isVisible(), true, 'and opens with one tap');
    await screenshot(page, 'menu-open-390');
    // without JavaScript the table stays a table, scrolling inside its frame, never the page
    assert.equal(await page.locator('table.cards').count(), 0);
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth));
    await other.click();
    await page.waitForURL(/duaal-leren$/);
    assert.equal((await page.locator('nav summary').textContent()).replace(/\s+/g, ' ').trim(), 'Menu Duaal leren');
    // a page outside the menu names itself
    await page.goto(server.url + '/account');
    assert.equal((await page.locator('nav summary').textContent()).replace(/\s+/g, ' ').trim(), 'Menu Mijn account');
  } finally {
    await page.context().close();
  }
  // on a laptop the menu is simply there, the current page marked
  const wide = await pageFor('school', LAPTOP);
  try {
    await wide.goto(server.url + '/contactpersonen');
    assert.equal(await wide.locator('nav summary').isVisible(), false);
    assert.equal(await wide.getByRole('link', { name: 'Duaal leren' }).isVisible(), true);
    assert.equal(await wide.locator('nav a[aria-current="page"]').textContent(), 'Contactpersoon stageplaats');
  } finally {
    await wide.context().close();
  }
});

test('on a phone the filter folds behind "Filter" and stays open while a filter is active', async () => {
  const page = await pageFor('school', PHONE);
  try {
    await page.goto(server.url + OVERVIEW);
    const name = page.getByLabel('Naam');
    assert.equal(await name.isVisible(), false, 'the filter starts folded');
    await page.locator('summary', { hasText: 'Filter' }).click();
    await name.pressSequentially('vand', { delay: 40 });
    await page.waitForURL(/naam=vand/);
    await page.waitForFunction(() => document.querySelectorAll('tbody tr').length === 2);
    await page.reload();
    assert.equal(await page.getByLabel('Naam').isVisible(), true, 'open after a reload with a filter');
    assert.equal(await page.getByLabel('Naam').inputValue(), 'vand');
    // the rows swapped in while typing are cards with their column names too
    const status = page.locator('tbody tr').first().locator('td').first();
    assert.equal(await status.getAttribute('data-label'), 'Status');
    assert.equal(
      await status.evaluate((el) => getComputedStyle(el, '::before').content),
      '"Status"',
      'each value shows its column name',
    );
  } finally {
    await page.context().close();
  }
  const service = await pageFor('service', PHONE);
  try {
    await service.goto(server.url + '/aanvragen');
    assert.equal(await service.getByLabel('Provincie').isVisible(), false);
    await service.goto(server.url + '/aanvragen?provincie=West-Vlaanderen');
    assert.equal(await service.getByLabel('Provincie').isVisible(), true);
  } finally {
    await service.context().close();
  }
});

test('date filters show and take dd/mm/jjjj in a browser set to English', async () => {
  const page = await pageFor('school', LAPTOP, { locale: 'en-US' });
  try {
    await page.goto(server.url + OVERVIEW);
    const from = page.getByLabel('Stageperiode van');
    assert.equal(await from.getAttribute('type'), 'text');
    await from.fill('01/05/2027');
    await page.getByLabel('Stageperiode tot').fill('31/05/2027');
    await page.getByRole('button', { name: 'Filter', exact: true }).click();
    await page.waitForURL(/tot=31%2F05%2F2027/);
    await page.waitForFunction(() => document.querySelectorAll('tbody tr').length === 2);
    // an ISO date from an older bookmark comes back as dd/mm/jjjj
    await page.goto(server.url + OVERVIEW + '?van=2027-05-01');
    assert.equal(await page.getByLabel('Stageperiode van').inputValue(), '01/05/2027');
    await page.goto(server.url + OVERVIEW + '?van=31%2F02%2F2027');
    assert.equal(await page.getByLabel('Stageperiode van').inputValue(), '31/02/2027', 'a wrong date is shown as typed');
    await page.getByText('Geef een geldige datum in (dd/mm/jjjj).').waitFor();
  } finally {
    await page.context().close();
  }
  const service = await pageFor('service', PHONE, { locale: 'en-US' });
  try {
    await service.goto(server.url + '/aanvragen?periode_van=2027-04-27');
    assert.equal(await service.getByLabel('Stage loopt op of na').inputValue(), '27/04/2027');
    assert.equal(await service.getByLabel('Stage loopt op of na').getAttribute('type'), 'text');
  } finally {
    await service.context().close();
  }
});

test('the read-only pupil shows each period on one line; the overview says who is registered', async () => {
  const page = await pageFor('school', PHONE);
  try {
    await page.goto(server.url + `/studenten/${ids.accepted}`);
    const first = page.locator('.pupil-fact', { has: page.locator('dt', { hasText: /^Periode 1$/ }) }).locator('dd');
    assert.match(await first.textContent(), /^\d\d\/\d\d\/\d{4} – \d\d\/\d\d\/\d{4}$/);
    const box = await first.boundingBox();
    const line = await first.evaluate((el) => parseFloat(getComputedStyle(el).lineHeight));
    assert.ok(box.height < 2 * line, 'start and end on one line');
    await page.goto(server.url + OVERVIEW);
    await page.getByText('Enkel 6de jaars dubbele finaliteit gezondheidszorg worden ingeschreven.').waitFor();
  } finally {
    await page.context().close();
  }
});

test('a failed login says so, not that a form was not saved', async () => {
  const c = new Client(server.url);
  const res = await c.login(LOGINS.school, DEMO_PASSWORD + 'x');
  assert.equal(res.status, 401);
  assert.match(res.text, /<strong>Aanmelden is niet gelukt\.<\/strong> Het e-mailadres of het wachtwoord klopt niet/);
  assert.doesNotMatch(res.text, /nog niet bewaard/);
});

test('phone numbers never break mid-number: in a card, in a narrow table, on a laptop', async () => {
  const school = sql(server.dataDir, "SELECT school_id FROM contacts ORDER BY id LIMIT 1");
  sql(server.dataDir, `INSERT INTO contacts (school_id, name, phone, email, created_at, updated_at) VALUES (${school},
    'Marie-Christine Vandenbroucke-Verstraete', '+32 470 12 34 56',
    'marie-christine.vandenbroucke-verstraete@sint-jozefsinstituut-kortrijk.be', 0, 0)`);
  for (const viewport of [PHONE, { width: 700, height: 900 }, LAPTOP]) {
    const page = await pageFor('school', viewport);
    try {
      await page.goto(server.url + '/contactpersonen');
      const phones = page.locator('tbody td:nth-child(2)');
      assert.ok((await phones.allTextContents()).includes('+32 470 12 34 56'));
      // one line box per number: the text's rectangles, one per line it takes
      const lines = await phones.evaluateAll((cells) =>
        cells.map((td) => {
          const range = document.createRange();
          range.selectNodeContents(td);
          return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
        }),
      );
      assert.deepEqual(lines, lines.map(() => 1), `at ${viewport.width} px`);
    } finally {
      await page.context().close();
    }
  }
});
