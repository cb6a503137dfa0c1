// Node only: `parvis platform-admin create` — a platform administrator (creates and disables towns
// on the /plateforme screen). The first one is made so, by whoever holds DATABASE_URL.

import { parseArgs } from 'node:util';
import { upsertPlatformAdministrator } from '@parvis/graphql';
import { badUsage, EXIT, withDatabase } from './town-common.ts';

export const PLATFORM_ADMIN_USAGE = `parvis platform-admin create --email <e-mail> --name <name>
    reads the password (12 characters or more) from standard input, and DATABASE_URL`;

const MIN_PASSWORD = 12;

export async function platformAdmin(args: string[], stdin: () => Promise<string> = readStdin): Promise<number> {
  let parsed: { values: { email?: string; name?: string; help?: boolean }; positionals: string[] };
  try {
    parsed = parseArgs({
      args,
      options: { email: { type: 'string' }, name: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
    });
  } catch (error) {
    return badUsage((error as Error).message, PLATFORM_ADMIN_USAGE);
  }
  if (parsed.values.help) {
    process.stdout.write(`usage: ${PLATFORM_ADMIN_USAGE}\n`);
    return EXIT.done;
  }
  const { email, name } = parsed.values;
  if (parsed.positionals[0] !== 'create' || parsed.positionals.length !== 1 || !email || !name) {
    return badUsage(
      'Il faut « create », --email et --name. / "create", --email and --name are needed.',
      PLATFORM_ADMIN_USAGE,
    );
  }
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
    return badUsage(`E-mail invalide : ${email}. / Invalid e-mail.`, PLATFORM_ADMIN_USAGE);
  const password = (await stdin()).replace(/\r?\n$/, '');
  if (password.length < MIN_PASSWORD) {
    return badUsage(
      `Mot de passe trop court sur l'entrée standard (${MIN_PASSWORD} caractères au moins). / Password on standard input too short.`,
      PLATFORM_ADMIN_USAGE,
    );
  }
  return withDatabase(async (sql) => {
    const done = await sql.begin((tx) => upsertPlatformAdministrator(tx, { email, displayName: name, password }));
    process.stdout.write(
      done === 'created'
        ? `Administrateur de la plateforme créé / platform administrator created: ${email.toLowerCase()}\n`
        : `Mot de passe changé / password changed: ${email.toLowerCase()}\n`,
    );
    return EXIT.done;
  });
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('Mot de passe / password: ');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
