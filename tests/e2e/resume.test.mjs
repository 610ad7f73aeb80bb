// "Toch niet gestopt": undoing "Student is gestopt". The school may while the campaign's
// registration is open, the coordinator at any time; each undo is audited and the service
// that had accepted the pupil gets a mail. Registration is closed through the coordinator's
// campaign form, not a fake clock.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, loggedIn, sql, mailText, brusselsInHours } from './lib.mjs';

let server, pupil;
const q = (s) => sql(server.dataDir, s);
const resumedMail = () => `to_address = 'dienst@stagematch.test' AND subject = 'Stagematch: ${pupil.name} is toch niet gestopt'`;
const stoppedAt = () => q(`SELECT COALESCE(stopped_at, 'open') FROM students WHERE id = ${pupil.id}`);

before(async () => {
  server = await startServer({ demo: 'open' });
  // A pupil of school@ that dienst@ accepted.
  const [id, first, last] = q(`SELECT s.id, s.first_name, s.last_name FROM students s JOIN placements p ON p.student_id = s.id
    JOIN users u ON u.organisation_id = s.school_id AND u.email = 'school@stagematch.test'
    JOIN users d ON d.organisation_id = p.service_id AND d.email = 'dienst@stagematch.test'
    WHERE s.stopped_at IS NULL ORDER BY s.id LIMIT 1`).split('|');
  pupil = { id, name: `${first} ${last}` };
});

after(async () => {
  await server?.stop();
});

test('the school undoes "Student is gestopt" while registration is open: audited, the service told, the request open again', async () => {
  const school = await loggedIn(server.url, 'school');
  await school.get(`/studenten/${pupil.id}/gestopt`);
  assert.equal((await school.post(`/studenten/${pupil.id}/gestopt`, {})).status, 303);
  const page = (await school.get(`/studenten/${pupil.id}`)).text;
  assert.match(page, /badge-stop">Gestopt<\/span>/);
  assert.match(page, new RegExp(`href="/studenten/${pupil.id}/hervatten">Toch niet gestopt</a>`));

  const confirm = await school.get(`/studenten/${pupil.id}/hervatten`);
  assert.equal(confirm.status, 200);
  assert.match(confirm.text, new RegExp(`Is <strong>${pupil.name}</strong> toch niet gestopt met de opleiding\\?`));
  assert.match(confirm.text, /De dienst die de aanvraag in behandeling nam, krijgt hiervan een e-mail/);
  // Another school: the pupil does not exist for it.
  const other = await loggedIn(server.url, 'school2');
  assert.equal((await other.get(`/studenten/${pupil.id}/hervatten`)).status, 404);
  assert.equal((await other.post(`/studenten/${pupil.id}/hervatten`, {})).status, 404);
  assert.notEqual(stoppedAt(), 'open', 'another school changed nothing');

  const res = await school.post(`/studenten/${pupil.id}/hervatten`, {});
  assert.equal(res.status, 303);
  const after = (await school.get(res.location)).text;
  assert.match(after, new RegExp(`${pupil.name} is niet meer gemarkeerd als gestopt\\.`));
  assert.doesNotMatch(after, /badge-stop/);
  assert.equal(stoppedAt(), 'open');
  assert.equal(q(`SELECT COUNT(*) FROM audit_log WHERE action = 'student_resume' AND student_id = ${pupil.id}
    AND detail LIKE 'service=%' AND actor_user_id = (SELECT id FROM users WHERE email = 'school@stagematch.test')`), '1');

  const mail = await mailText(server.dataDir, resumedMail());
  assert.match(mail, new RegExp(`${pupil.name} \\(Dubbele finaliteit gezondheidszorg\\) werd eerder gemeld als gestopt met de opleiding, maar is toch niet gestopt\\.`));
  assert.match(mail, new RegExp(`https?://[^/\\s]+/stagiairs/${pupil.id}\\n`));
  assert.doesNotMatch(mail, /\d{11}|\d{2}\.\d{2}\.\d{2}-\d{3}\.\d{2}/, 'no national number in the mail');
  const service = await loggedIn(server.url, 'service');
  assert.doesNotMatch((await service.get(`/stagiairs/${pupil.id}`)).text, /gestopt/i);

  // Twice: nothing more happens, and the school is told why.
  const again = await school.post(`/studenten/${pupil.id}/hervatten`, {});
  assert.equal(again.status, 409);
  assert.match(again.text, /Deze leerling is niet gemarkeerd als gestopt\./);
  assert.equal(q(`SELECT COUNT(*) FROM outbox WHERE ${resumedMail()}`), '1');
});

test('after registration closes only the coordinator undoes it, from the campaign\'s stopped pupils', async () => {
  const school = await loggedIn(server.url, 'school');
  await school.get(`/studenten/${pupil.id}/gestopt`);
  assert.equal((await school.post(`/studenten/${pupil.id}/gestopt`, {})).status, 303);
  // The coordinator closes registration an hour ago; handling stays open.
  const admin = await loggedIn(server.url, 'admin');
  const form = await admin.get('/beheer/campagnes/1');
  const services = [...form.text.matchAll(/name="services" value="(\d+)" checked/g)].map((m) => m[1]);
  const moved = await admin.post('/beheer/campagnes/1', {
    registration_opens_at: brusselsInHours(-14 * 24), registration_closes_at: brusselsInHours(-1),
    handling_opens_at: brusselsInHours(-7 * 24), handling_closes_at: brusselsInHours(48),
    results_visible_at: brusselsInHours(48), services,
  });
  assert.equal(moved.status, 303);

  assert.doesNotMatch((await school.get(`/studenten/${pupil.id}`)).text, /Toch niet gestopt/);
  const closed = /De registratie is gesloten: &#39;Student is gestopt&#39; ongedaan maken kan nu enkel de coördinator\. Mail daarvoor naar [^ <]+@[^ <]+\./;
  assert.match((await school.get(`/studenten/${pupil.id}/hervatten`)).text, closed);
  const refused = await school.post(`/studenten/${pupil.id}/hervatten`, {});
  assert.equal(refused.status, 409);
  assert.match(refused.text, closed);
  assert.notEqual(stoppedAt(), 'open');

  const campaigns = (await admin.get('/beheer/campagnes')).text;
  assert.match(campaigns, /href="\/beheer\/campagnes\/1\/gestopt">Gestopte leerlingen/);
  const list = (await admin.get('/beheer/campagnes/1/gestopt')).text;
  assert.match(list, new RegExp(`<th scope="row">${pupil.name}</th><td>Sint-Jozefsinstituut Kortrijk</td><td class="nowrap">\\d\\d/\\d\\d/\\d{4} \\d\\d:\\d\\d</td><td>Familiezorg West-Vlaanderen</td>`));
  const res = await admin.post(`/beheer/studenten/${pupil.id}/hervatten`, {});
  assert.equal(res.status, 303);
  assert.equal(res.location, '/beheer/campagnes/1/gestopt');
  const after = (await admin.get(res.location)).text;
  assert.match(after, new RegExp(`${pupil.name} is niet meer gemarkeerd als gestopt\\.`));
  assert.doesNotMatch(after, new RegExp(`<th scope="row">${pupil.name}</th>`));
  assert.equal(stoppedAt(), 'open');
  assert.equal(q(`SELECT COUNT(*) FROM audit_log WHERE action = 'student_resume' AND student_id = ${pupil.id}
    AND actor_user_id = (SELECT id FROM users WHERE email = 'admin@stagematch.test')`), '1');
  assert.equal(q(`SELECT COUNT(*) FROM outbox WHERE ${resumedMail()}`), '2', 'the service told again');
});
