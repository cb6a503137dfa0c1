// Node only: `parvis verify <tracking code>` — the signatures and the hash chain of a request, checked again.

import { parseArgs } from 'node:util';
import { type VerificationReport, verifyRequest } from '@parvis/graphql';
import postgres from 'postgres';

export const VERIFY_USAGE = 'parvis verify <tracking code> [--json]     (reads DATABASE_URL)';

/** Verifies one request from DATABASE_URL and prints what holds and what is altered; returns the exit code. */
export async function verify(args: string[]): Promise<number> {
  let parsed: { values: { json?: boolean; help?: boolean }; positionals: string[] };
  try {
    parsed = parseArgs({
      args,
      options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
    });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\nusage: ${VERIFY_USAGE}\n`);
    return 2;
  }
  if (parsed.values.help) {
    process.stdout.write(`usage: ${VERIFY_USAGE}\n`);
    return 0;
  }
  const code = parsed.positionals.length === 1 ? parsed.positionals[0]!.trim().toUpperCase() : undefined;
  const url = process.env.DATABASE_URL;
  if (!code) {
    process.stderr.write(`usage: ${VERIFY_USAGE}\n`);
    return 2;
  }
  if (!url) {
    process.stderr.write(
      'DATABASE_URL manque : donnez la base de Parvis (postgres://…). / DATABASE_URL is missing: name the Parvis database.\n',
    );
    return 2;
  }
  const sql = postgres(url, { onnotice: () => {}, max: 1 });
  try {
    const report = await sql.begin((tx) => verifyRequest(tx, code));
    if (!report) {
      process.stderr.write(`Aucune demande ${code}. / No request ${code}.\n`);
      return 2;
    }
    process.stdout.write(parsed.values.json ? `${JSON.stringify(report, null, 2)}\n` : describe(report));
    return report.valid ? 0 : 1;
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** The report in words, French then English, one line per finding. */
export function describe(report: VerificationReport): string {
  const lines: string[] = [`Demande / Request ${report.trackingCode}`];
  const chain = report.chain;
  lines.push(
    chain.valid
      ? `  ✓ chaîne d'empreintes intacte, ${chain.events} événements / hash chain intact, ${chain.events} events`
      : `  ✗ chaîne d'empreintes rompue / hash chain broken:`,
  );
  for (const problem of chain.problems)
    lines.push(
      `      événement / event ${problem.position}${problem.kind ? ` (${problem.kind})` : ''} : ${problem.problem}`,
    );
  if (report.signatures.length === 0) lines.push('  aucune signature / no signature');
  for (const s of report.signatures) {
    const who = `${s.signer}${s.onBehalfOf ? ` pour / for ${s.onBehalfOf}` : ''}`;
    lines.push(
      `  ${s.valid ? '✓' : '✗'} événement / event ${s.position} — ${s.step} — ${s.decision} — ${who} — ${s.signedAt} — clé / key ${s.keyFingerprint.slice(0, 16)}…`,
    );
    for (const problem of s.problems) lines.push(`      ${problem}`);
    for (const note of s.notes) lines.push(`      ${note}`);
  }
  lines.push(
    report.valid
      ? 'Tout est intact. / Everything holds.'
      : 'ALTÉRATION DÉTECTÉE : voir ci-dessus. / TAMPERING DETECTED: see above.',
  );
  return `${lines.join('\n')}\n`;
}
