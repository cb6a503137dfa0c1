import { EMAIL } from '../common/contact-checks.ts';
import type { Db } from '../common/database.ts';
import { AA_CONTRAST, contrastRatio, isHexColour } from './contrast.ts';
import type { TownProblem } from './town-input.ts';

/** A town's public face, edited by its administrator: name, logo, colours, contact, legal pages. */
export interface TownBranding {
  name: string;
  logoUrl: string | null;
  /** the header's and buttons' background, and the links' colour on the white page */
  primaryColor: string | null;
  /** text written on the primary colour; white when not given */
  onPrimaryColor: string | null;
  contactEmail: string;
  contactPhone: string | null;
  contactAddress: string | null;
  legalNotice: string | null;
  accessibilityStatement: string | null;
  privacyNotice: string | null;
}

const PAGE_BACKGROUND = '#ffffff';
const LEGAL_PAGE_MAX = 50_000;

const blankToNull = (value: string | null | undefined) => (value?.trim() ? value.trim() : null);

/**
 * Checks branding before it is stored: colours #rrggbb whose text and background contrast at least
 * 4.5:1 (WCAG 2.1 AA) — the text on the primary colour, and the primary colour as links on the
 * page's white —, a logo at an https address or on the portal itself, lengths within reason.
 */
export function checkBranding(input: TownBranding): { branding: TownBranding } | { problems: TownProblem[] } {
  const problems: TownProblem[] = [];
  const branding: TownBranding = {
    name: input.name.trim(),
    logoUrl: blankToNull(input.logoUrl),
    primaryColor: blankToNull(input.primaryColor)?.toLowerCase() ?? null,
    onPrimaryColor: blankToNull(input.onPrimaryColor)?.toLowerCase() ?? null,
    contactEmail: input.contactEmail.trim(),
    contactPhone: blankToNull(input.contactPhone),
    contactAddress: blankToNull(input.contactAddress),
    legalNotice: blankToNull(input.legalNotice),
    accessibilityStatement: blankToNull(input.accessibilityStatement),
    privacyNotice: blankToNull(input.privacyNotice),
  };
  if (!branding.name || branding.name.length > 120) {
    problems.push({
      field: 'name',
      message:
        'Le nom de la commune manque ou dépasse 120 caractères. / The town name is missing or over 120 characters.',
    });
  }
  if (branding.logoUrl && !(/^https:\/\/[^\s]+$/.test(branding.logoUrl) || /^\/[^/\s][^\s]*$/.test(branding.logoUrl))) {
    problems.push({
      field: 'logoUrl',
      message:
        'Le logo doit être une adresse https:// (ou un chemin du portail, /…). / The logo must be an https:// address (or a path on the portal).',
    });
  }
  for (const field of ['primaryColor', 'onPrimaryColor'] as const) {
    const colour = branding[field];
    if (colour && !isHexColour(colour)) {
      problems.push({
        field,
        message: `Couleur « ${colour} » invalide : écrivez-la #rrvvbb. / Invalid colour: write it #rrggbb.`,
      });
    }
  }
  if (branding.onPrimaryColor && !branding.primaryColor) {
    problems.push({
      field: 'primaryColor',
      message: 'Donnez aussi la couleur principale. / Give the primary colour too.',
    });
  }
  if (branding.primaryColor && isHexColour(branding.primaryColor)) {
    const onPrimary = branding.onPrimaryColor ?? '#ffffff';
    if (isHexColour(onPrimary)) {
      const text = contrastRatio(onPrimary, branding.primaryColor);
      if (text < AA_CONTRAST) {
        problems.push({
          field: 'onPrimaryColor',
          message: `Contraste insuffisant entre le texte ${onPrimary} et le fond ${branding.primaryColor} : ${text.toFixed(2)}:1, il faut au moins 4,5:1 (RGAA, WCAG AA). / Contrast too low between text and background: ${text.toFixed(2)}:1, at least 4.5:1 needed (WCAG AA).`,
        });
      }
    }
    const links = contrastRatio(branding.primaryColor, PAGE_BACKGROUND);
    if (links < AA_CONTRAST) {
      problems.push({
        field: 'primaryColor',
        message: `La couleur principale ${branding.primaryColor} est trop claire sur la page blanche (liens) : ${links.toFixed(2)}:1, il faut au moins 4,5:1. / The primary colour is too light on the white page (links): ${links.toFixed(2)}:1, at least 4.5:1 needed.`,
      });
    }
  }
  if (!EMAIL.test(branding.contactEmail)) {
    problems.push({
      field: 'contactEmail',
      message: `Adresse de contact invalide : « ${branding.contactEmail} ». / Invalid contact e-mail.`,
    });
  }
  if ((branding.contactPhone?.length ?? 0) > 40) {
    problems.push({
      field: 'contactPhone',
      message: 'Téléphone trop long (40 caractères au plus). / Phone too long (40 characters at most).',
    });
  }
  if ((branding.contactAddress?.length ?? 0) > 300) {
    problems.push({
      field: 'contactAddress',
      message: 'Adresse trop longue (300 caractères au plus). / Address too long (300 characters at most).',
    });
  }
  for (const field of ['legalNotice', 'accessibilityStatement', 'privacyNotice'] as const) {
    if ((branding[field]?.length ?? 0) > LEGAL_PAGE_MAX) {
      problems.push({
        field,
        message: `Page trop longue (${LEGAL_PAGE_MAX} caractères au plus). / Page too long (${LEGAL_PAGE_MAX} characters at most).`,
      });
    }
  }
  return problems.length > 0 ? { problems } : { branding };
}

/** The town's branding and legal pages (within the town). */
export async function readBranding(
  db: Db,
  municipalityId: string,
): Promise<(TownBranding & { disabled: boolean }) | undefined> {
  const [row] = await db<(TownBranding & { disabled: boolean })[]>`
    select name, logo_url as "logoUrl", primary_color as "primaryColor", on_primary_color as "onPrimaryColor",
      contact_email as "contactEmail", contact_phone as "contactPhone", contact_address as "contactAddress",
      legal_notice as "legalNotice", accessibility_statement as "accessibilityStatement", privacy_notice as "privacyNotice",
      disabled_at is not null as disabled
    from municipalities where id = ${municipalityId}`;
  return row;
}

/** Stores checked branding (within the town). */
export async function writeBranding(db: Db, municipalityId: string, branding: TownBranding): Promise<void> {
  await db`update municipalities set name = ${branding.name}, logo_url = ${branding.logoUrl},
    primary_color = ${branding.primaryColor}, on_primary_color = ${branding.onPrimaryColor},
    contact_email = ${branding.contactEmail}, contact_phone = ${branding.contactPhone},
    contact_address = ${branding.contactAddress}, legal_notice = ${branding.legalNotice},
    accessibility_statement = ${branding.accessibilityStatement}, privacy_notice = ${branding.privacyNotice}
    where id = ${municipalityId}`;
}

const LEGAL_PAGES = new Set<keyof TownBranding>(['legalNotice', 'accessibilityStatement', 'privacyNotice']);

/**
 * What a save changed, for the audit log: each changed field with its value before and after; a
 * legal page (a long text) is only said to have changed.
 */
export function brandingChanges(before: TownBranding, after: TownBranding): Record<string, unknown> {
  const changed = (Object.keys(after) as (keyof TownBranding)[]).filter(
    (key) => (before[key] ?? null) !== (after[key] ?? null),
  );
  return Object.fromEntries(
    changed.map((key) => [
      key,
      LEGAL_PAGES.has(key) ? 'modifié / changed' : { before: before[key] ?? null, after: after[key] ?? null },
    ]),
  );
}
