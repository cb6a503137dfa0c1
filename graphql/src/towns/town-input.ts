import { HOLIDAY_REGIONS, type HolidayRegion, isHolidayRegion } from '@parvis/engine';
import { EMAIL } from '../common/contact-checks.ts';

/** What a platform administrator gives to create a town. */
export interface NewTown {
  slug: string;
  name: string;
  hosts: string[];
  timeZone: string;
  holidayRegion: HolidayRegion;
  contactEmail: string;
  /** the town's first administrator, invited by e-mail */
  admin: { email: string; displayName: string };
}

/** One thing wrong with the input, and which field it is in. */
export interface TownProblem {
  field: string;
  message: string;
}

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/;
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** A host name as the portal matches it: lower case, no port, no trailing dot. */
export const normaliseHost = (host: string): string => host.trim().toLowerCase().replace(/\.$/, '');

export function isHostName(host: string): boolean {
  return host.length > 0 && host.length <= 253 && host.split('.').every((label) => LABEL.test(label));
}

/** Whether the runtime knows an IANA time zone (`Europe/Paris`, `America/Cayenne`…). */
export function isTimeZone(zone: string): boolean {
  if (!zone.includes('/') && zone !== 'UTC') return false;
  try {
    new Intl.DateTimeFormat('fr-FR', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Checks a new town's input: every problem with its field, French then English; none, the cleaned town. */
export function checkNewTown(input: {
  slug: string;
  name: string;
  hosts: string[];
  timeZone: string;
  holidayRegion: string;
  contactEmail: string;
  adminEmail: string;
  adminName?: string;
}): { town: NewTown } | { problems: TownProblem[] } {
  const problems: TownProblem[] = [];
  const slug = input.slug.trim();
  if (!SLUG.test(slug)) {
    problems.push({
      field: 'slug',
      message: `Identifiant « ${slug} » invalide : lettres minuscules, chiffres et tirets, 1 à 40 caractères. / Invalid slug: lower-case letters, digits and hyphens, 1 to 40 characters.`,
    });
  }
  const name = input.name.trim();
  if (!name) problems.push({ field: 'name', message: 'Le nom de la commune manque. / The town name is missing.' });
  const hosts = [...new Set(input.hosts.map(normaliseHost).filter((host) => host))];
  for (const host of hosts) {
    if (!isHostName(host)) {
      problems.push({
        field: 'hosts',
        message: `Nom d'hôte « ${host} » invalide (sans « http:// » ni port, ex. demarches.ville.fr). / Invalid host name (no scheme nor port).`,
      });
    }
  }
  const timeZone = input.timeZone.trim();
  if (!isTimeZone(timeZone)) {
    problems.push({
      field: 'timeZone',
      message: `Fuseau horaire inconnu : « ${timeZone} » (ex. Europe/Paris, America/Cayenne). / Unknown time zone.`,
    });
  }
  const region = input.holidayRegion.trim();
  if (!isHolidayRegion(region)) {
    problems.push({
      field: 'holidayRegion',
      message: `Région de jours fériés inconnue : « ${region} » ; au choix : ${HOLIDAY_REGIONS.join(', ')}. / Unknown holiday region.`,
    });
  }
  const contactEmail = input.contactEmail.trim();
  if (!EMAIL.test(contactEmail)) {
    problems.push({
      field: 'contactEmail',
      message: `Adresse de contact invalide : « ${contactEmail} ». / Invalid contact e-mail.`,
    });
  }
  const adminEmail = input.adminEmail.trim().toLowerCase();
  if (!EMAIL.test(adminEmail)) {
    problems.push({
      field: 'adminEmail',
      message: `Adresse de l'administrateur invalide : « ${adminEmail} ». / Invalid administrator e-mail.`,
    });
  }
  if (problems.length > 0) return { problems };
  return {
    town: {
      slug,
      name,
      hosts,
      timeZone,
      holidayRegion: region as HolidayRegion,
      contactEmail,
      admin: { email: adminEmail, displayName: input.adminName?.trim() || adminEmail },
    },
  };
}
