// Node only: `parvis town create` — a town, its host names, and its first administrator invited by e-mail.

import { parseArgs } from 'node:util';
import {
  checkNewTown,
  createMailer,
  createTown,
  hostClaimedMeanwhile,
  invitationMail,
  invitationUrl,
  type TownProblem,
  TownRefused,
  townUrl,
} from '@parvis/graphql';
import { defaultTown } from '@parvis/workers';
import { badUsage, EXIT, publicUrl, withDatabase } from './town-common.ts';

export const TOWN_CREATE_USAGE = `parvis town create --slug <slug> --name <name> --admin-email <e-mail> [--admin-name <name>]
         [--host <host name>]… [--time-zone Europe/Paris] [--region metropole] [--contact-email <e-mail>]
    regions: metropole, alsace-moselle, guadeloupe, martinique, guyane, la-reunion, mayotte
    reads DATABASE_URL; mails the invitation through SMTP_URL (else prints it) with links on PUBLIC_URL`;

const OPTIONS = {
  slug: { type: 'string' },
  name: { type: 'string' },
  host: { type: 'string', multiple: true },
  'time-zone': { type: 'string' },
  region: { type: 'string' },
  'contact-email': { type: 'string' },
  'admin-email': { type: 'string' },
  'admin-name': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Creates a town from the command line; returns the exit code (1: refused, nothing created). */
export async function townCreate(args: string[]): Promise<number> {
  let values: ReturnType<typeof parseArgs<{ args: string[]; options: typeof OPTIONS }>>['values'];
  try {
    ({ values } = parseArgs({ args, options: OPTIONS }));
  } catch (error) {
    return badUsage((error as Error).message, TOWN_CREATE_USAGE);
  }
  if (values.help) {
    process.stdout.write(`usage: ${TOWN_CREATE_USAGE}\n`);
    return EXIT.done;
  }
  const missing = (['slug', 'name', 'admin-email'] as const).filter((option) => !values[option]);
  if (missing.length > 0)
    return badUsage(`Il manque / missing: ${missing.map((m) => `--${m}`).join(', ')}`, TOWN_CREATE_USAGE);
  const checked = checkNewTown({
    slug: values.slug!,
    name: values.name!,
    hosts: values.host ?? [],
    timeZone: values['time-zone'] ?? 'Europe/Paris',
    holidayRegion: values.region ?? 'metropole',
    contactEmail: values['contact-email'] ?? values['admin-email']!,
    adminEmail: values['admin-email']!,
    adminName: values['admin-name'],
  });
  if ('problems' in checked) return refuse(checked.problems);
  const town = checked.town;
  return withDatabase(async (sql) => {
    let token: string;
    try {
      ({ invitationToken: token } = await sql.begin((tx) => createTown(tx, town)));
    } catch (error) {
      const refusal = error instanceof TownRefused ? error : hostClaimedMeanwhile(error);
      if (refusal) return refuse(refusal.problems);
      throw error;
    }
    const link = invitationUrl(
      townUrl(publicUrl(), { id: town.slug, hosts: town.hosts }, defaultTown(process.env)),
      town.slug,
      token,
    );
    const mailer = createMailer(process.env.SMTP_URL, (line) => process.stderr.write(`${line}\n`));
    process.stdout.write(
      `Commune créée / town created: ${town.slug} (${town.name})` +
        `${town.hosts.length > 0 ? `, ${town.hosts.join(', ')}` : ''}, ${town.timeZone}, ${town.holidayRegion}\n`,
    );
    try {
      await mailer.send(
        invitationMail({ email: town.admin.email, displayName: town.admin.displayName, townName: town.name }, link),
      );
      process.stdout.write(`Invitation envoyée à / invitation sent to ${town.admin.email}\n`);
    } catch (error) {
      process.stderr.write(
        `L'invitation n'a pas pu partir (${(error as Error).message}) : transmettez ce lien / the invitation could not be sent: pass on this link:\n${link}\n`,
      );
    }
    return EXIT.done;
  });
}

function refuse(problems: TownProblem[]): number {
  process.stderr.write(
    `Commune refusée, rien n'a été créé / town refused, nothing was created:\n${problems.map((p) => `  --${optionOf(p.field)}: ${p.message}`).join('\n')}\n`,
  );
  return EXIT.refused;
}

/** The command-line option a field of the input comes from. */
const optionOf = (field: string) =>
  ({
    hosts: 'host',
    timeZone: 'time-zone',
    holidayRegion: 'region',
    contactEmail: 'contact-email',
    adminEmail: 'admin-email',
  })[field] ?? field;
