// Reminders (issue 17): the background job mails schools without pupils a week and two days
// before registration closes, services with open requests in their area three days and one
// day before handling closes, and the coordinator a daily summary while handling is open;
// each once, each kind switched per campaign on "Herinneringen". The campaign's moments are
// moved through the coordinator's campaign form (no fake clock); reminder_time 00:00 makes
// a reminder due from the first minute of its day.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, loggedIn, sql, mailText, eventually, brusselsInHours } from './lib.mjs';

let server, admin;
const CAMPAIGN = 1;
const EMPTY_SCHOOL = 'secretariaat@campus-nieuw.test';
const SCHOOL_SUBJECT = "subject = 'Stagematch: nog geen leerlingen geregistreerd voor Dubbele finaliteit gezondheidszorg'";
const SERVICE_SUBJECT = "subject LIKE 'Stagematch: nog % in jouw regio voor Dubbele finaliteit gezondheidszorg'";
const SUMMARY_SUBJECT = "subject LIKE 'Stagematch: dagoverzicht van %'";
const count = (where) => Number(sql(server.dataDir, `SELECT COUNT(*) FROM outbox WHERE ${where}`));
const to = (address, where) => `to_address = '${address}' AND ${where}`;
/** "2026-12-11T12:00" -> "11/12/2026 12:00", as mails and pages show a moment. */
const shown = (input) => input.replace(/^(\d{4})-(\d\d)-(\d\d)T(\d\d:\d\d)$/, '$3/$2/$1 $4');

/** Moves the demo campaign's moments (hours from now) through the coordinator's form. */
async function moveCampaign({ regCloses, handlingCloses }) {
  const form = await admin.get(`/beheer/campagnes/${CAMPAIGN}`);
  const services = [...form.text.matchAll(/name="services" value="(\d+)" checked/g)].map((m) => m[1]);
  const moments = {
    registration_opens_at: brusselsInHours(-14 * 24),
    registration_closes_at: brusselsInHours(regCloses),
    handling_opens_at: brusselsInHours(-7 * 24),
    handling_closes_at: brusselsInHours(handlingCloses),
    results_visible_at: brusselsInHours(handlingCloses),
  };
  const res = await admin.post(`/beheer/campagnes/${CAMPAIGN}`, { ...moments, services });
  assert.equal(res.status, 303, res.text.slice(0, 400));
  return moments;
}

/** Saves the campaign's switches ("scholen", "diensten", "dagoverzicht") on its page. */
async function switchReminders(on) {
  const page = await admin.get(`/beheer/campagnes/${CAMPAIGN}/herinneringen`);
  assert.equal(page.status, 200);
  const res = await admin.post(`/beheer/campagnes/${CAMPAIGN}/herinneringen`, { aan: on });
  assert.equal(res.status, 303);
  const again = (await admin.get(res.location)).text;
  for (const kind of ['scholen', 'diensten', 'dagoverzicht'])
    assert.equal(new RegExp(`value="${kind}" checked`).test(again), on.includes(kind), `${kind} shown as saved`);
}

/** The number the service's request list reports for a query ("N aanvragen gevonden."). */
async function requestsFound(client, query) {
  const text = (await client.get(`/aanvragen?${query}`)).text;
  return Number(text.match(/(\d+) aanvragen? gevonden\./)[1]);
}

before(async () => {
  server = await startServer({ demo: 'open', args: ['--reminder-time', '00:00'] });
  admin = await loggedIn(server.url, 'admin');
  // A school with an active user and not a single pupil in the campaign.
  sql(server.dataDir, `INSERT INTO organisations (kind, name, province, created_at)
    VALUES ('school', 'Campus Nieuw', 'Antwerpen', strftime('%s', 'now'));
    INSERT INTO users (organisation_id, email, name, state, created_at)
    VALUES (last_insert_rowid(), '${EMPTY_SCHOOL}', 'Secretariaat', 'active', strftime('%s', 'now'));`);
});

after(async () => {
  await server?.stop();
});

test('schools without pupils are reminded a week and two days before registration closes, services three days before handling closes, each once and only when switched on', async () => {
  // A week before registration closes: the school without pupils, and only it.
  const first = await moveCampaign({ regCloses: 5 * 24, handlingCloses: 5 * 24 + 10 });
  await eventually(() => count(to(EMPTY_SCHOOL, SCHOOL_SUBJECT)) === 1, 'the first reminder to the school');
  const body = await mailText(server.dataDir, to(EMPTY_SCHOOL, SCHOOL_SUBJECT));
  assert.match(body, new RegExp(`sluit op ${shown(first.registration_closes_at)}\\. Campus Nieuw heeft nog geen leerlingen geregistreerd\\.`));
  const link = body.match(/https?:\/\/[^/\s]+(\/opleidingen\/[a-z-]+)\n/);
  assert.ok(link, body);
  assert.equal(link[1], '/opleidingen/dubbele-finaliteit');
  const school = await loggedIn(server.url, 'school');
  assert.match((await school.get(link[1])).text, /Dubbele finaliteit gezondheidszorg/);
  assert.equal(count(to('school@stagematch.test', SCHOOL_SUBJECT)), 0, 'a school with pupils is not reminded');
  assert.equal(count(SERVICE_SUBJECT), 0, 'handling closes in more than three days: no service reminder yet');

  // Schools switched off; three days before handling closes (the two-day school reminder is due now too).
  await switchReminders(['diensten']);
  const second = await moveCampaign({ regCloses: 40, handlingCloses: 48 });
  const service = await loggedIn(server.url, 'service');
  const open = await requestsFound(service, 'status=open');
  const preferred = await requestsFound(service, 'status=open&voorkeur=ja');
  assert.ok(open > preferred && preferred > 0, `demo data: ${open} open, ${preferred} preferring the service`);
  await eventually(() => count(to('dienst@stagematch.test', SERVICE_SUBJECT)) === 1, 'the reminder to the service');
  const serviceMail = await mailText(server.dataDir, to('dienst@stagematch.test', SERVICE_SUBJECT));
  assert.match(serviceMail, new RegExp(`sluit op ${shown(second.handling_closes_at)}\\. Er zijn nog ${open} aanvragen in jouw regio, waarvan ${preferred} met jouw dienst als 1ste voorkeur\\.`));
  assert.match(serviceMail, /https?:\/\/[^/\s]+\/aanvragen\n/);
  // The run that sent it came after the first school reminder: it was not sent again, and the
  // two-day one, due now, not at all while schools are switched off.
  assert.equal(count(to(EMPTY_SCHOOL, SCHOOL_SUBJECT)), 1, 'the school reminded once');

  // Schools on, services off; two days before registration closes, one day before handling closes.
  await switchReminders(['scholen']);
  const third = await moveCampaign({ regCloses: 18, handlingCloses: 20 });
  await eventually(() => count(to(EMPTY_SCHOOL, SCHOOL_SUBJECT)) === 2, 'the second reminder to the school');
  const last = await mailText(server.dataDir,
    `id = (SELECT MAX(id) FROM outbox WHERE ${to(EMPTY_SCHOOL, SCHOOL_SUBJECT)})`);
  assert.match(last, new RegExp(`sluit op ${shown(third.registration_closes_at)}\\.`));
  assert.equal(count(to('dienst@stagematch.test', SERVICE_SUBJECT)), 1, 'no one-day reminder while services are switched off');
  assert.equal(count(to(EMPTY_SCHOOL, SCHOOL_SUBJECT)), 2);
  assert.equal(count(SUMMARY_SUBJECT), 0, 'the demo campaign has its daily summary off');
  assert.match(sql(server.dataDir, "SELECT group_concat(detail, ' | ') FROM audit_log WHERE action = 'reminders_settings'"),
    /schools=0 services=1 summary=0 \| campaign=1 schools=1 services=0 summary=0/);
});

test('the coordinator gets one daily summary during handling with the dashboard\'s counts', async () => {
  await switchReminders(['scholen', 'dagoverzicht']);
  await eventually(() => count(to('admin@stagematch.test', SUMMARY_SUBJECT)) === 1, 'the daily summary');
  const body = await mailText(server.dataDir, to('admin@stagematch.test', SUMMARY_SUBJECT));
  const dashboard = (await admin.get(`/beheer?campagne=${CAMPAIGN}`)).text;
  const stat = (label) => dashboard.match(new RegExp(`<dt>${label}</dt><dd>(\\d+)</dd>`))[1];
  assert.match(body, new RegExp(`Dubbele finaliteit gezondheidszorg \\(schooljaar 2026-2027\\), behandeling open tot [0-9/: ]+:\\n`
    + `  Geregistreerd: ${stat('Geregistreerd')}\\n  Aanvaard: ${stat('Aanvaard')}\\n  Open: ${stat('Open')}\\n  Gestopt: ${stat('Gestopt')}\\n`
    + `  Voortgang: https?://[^/\\s]+/beheer\\?campagne=${CAMPAIGN}\\n`));
  // Services on again: their one-day reminder comes from a later run, which sends no second summary.
  await switchReminders(['scholen', 'diensten', 'dagoverzicht']);
  await eventually(() => count(to('dienst@stagematch.test', SERVICE_SUBJECT)) === 2, 'the one-day service reminder');
  assert.equal(count(SUMMARY_SUBJECT), 1, 'one summary a day');
  assert.equal(count(to(EMPTY_SCHOOL, SCHOOL_SUBJECT)), 2, 'still two school reminders');
});

test('a reminder time that is not HH:MM stops the server before it starts', async () => {
  await assert.rejects(startServer({ demo: false, args: ['--reminder-time', '8u'] }), /reminder_time moet een tijdstip zijn/);
});
