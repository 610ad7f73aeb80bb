import { startServer, loggedIn, sql } from './lib.mjs';
const s = await startServer({ demo: 'open' });
const main = (t) => (t.match(/<main[^]*<\/main>/) || [t])[0];
try {
  const c = await loggedIn(s.url, 'school');
  let r = await c.get('/opleidingen/dubbele-finaliteit/studenten/nieuw');
  console.log(r.status, main(r.text).slice(0, 6000));
  r = await c.post('/opleidingen/dubbele-finaliteit/studenten', { first_name: 'A', national_number: '85.07.30-033.29', postcode: '8500', province: 'Antwerpen', p1_start: '2026-10-01', p2_end: '2026-09-01', period_count: '3', hours_per_week: '50', total_hours: '0' });
  console.log(r.status, main(r.text).slice(0, 3000));
  r = await c.post('/opleidingen/dubbele-finaliteit/studenten', { first_name: 'Anna', last_name: 'Test', national_number: '85073003328', street: 'X 1', postcode: '8500', city: 'Kortrijk', province: '', phone: '0470123456', email: 'a@b.be', transport: ['fiets', 'auto'], contact_id: '1', format: 'blok', period_count: '1', hours_per_week: '30', total_hours: '60', p1_start: '11/01/2027', p1_end: '22/01/2027', na: 'volgende' });
  console.log(r.status, r.location, main(r.text).slice(0, 3000));
  const id = sql(s.dataDir, "SELECT id FROM students WHERE first_name='Anna'");
  r = await c.get('/studenten/' + id);
  console.log(r.status, main(r.text).slice(0, 8000));
  r = await c.get('/studenten/1');
  console.log(r.status, main(r.text).slice(0, 8000));
} finally { await s.stop(); }
