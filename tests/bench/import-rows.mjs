// Prints a pupil list as a school's administration package exports it (CSV, ';', UTF-8):
// N pupils, all valid, born in 2010 (no demo data set uses that year), for the import's bench.
//   node tests/bench/import-rows.mjs 1000 > pupils.csv
const n = Number(process.argv[2] || 1000);
const lines = ['Naam;Voornaam;Rijksregisternummer;Straat;Huisnummer;Postcode;Gemeente;GSM;E-mail'];
for (let i = 0; i < n; i++) {
  const month = 1 + (i % 12), day = 1 + (Math.floor(i / 12) % 28), serial = 1 + Math.floor(i / 336) * 2;
  const first9 = String(10 * 10000000 + month * 100000 + day * 1000 + serial).padStart(9, '0');
  const check = 97 - Number((2000000000n + BigInt(first9)) % 97n);
  lines.push(`Import${i};Leerling;${first9}${String(check).padStart(2, '0')};Markt;${i + 1};8500;Kortrijk;0470 12 ${String(i % 100).padStart(2, '0')} 00;l${i}@bench.test`);
}
process.stdout.write(lines.join('\r\n') + '\r\n');
