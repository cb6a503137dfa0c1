import { CsvError, parse } from 'csv-parse/sync';
import type { Db } from '../common/database.ts';
import { userError } from '../common/errors.ts';
import { organisationRepository } from './repository.ts';
import { insertStaffMember, type NewStaffMember, staffMemberProblems } from './staff.ts';

/** A line of the file that was not imported, and why (French and English). */
export interface RefusedLine {
  line: number;
  email: string | null;
  fr: string;
  en: string;
}

export interface StaffImport {
  /** the agents created, in the file's order; none when a line was refused */
  created: { id: string; email: string }[];
  refused: RefusedLine[];
}

/** The columns, by the names a header may give them (French or English, any case). */
const COLUMNS = {
  email: ['email', 'e-mail', 'courriel'],
  displayName: ['nom', 'name', 'displayname'],
  roles: ['roles', 'rôles'],
  groups: ['groupes', 'groups'],
  department: ['service', 'department'],
} as const;
type Column = keyof typeof COLUMNS;
const REQUIRED: Column[] = ['email', 'displayName', 'roles', 'groups'];

export const MAX_IMPORT_LINES = 5000;

/** Several roles or groups in a cell: separated by spaces or |. */
const values = (cell: string | undefined) => (cell ?? '').split(/[\s|]+/).filter(Boolean);

/**
 * Imports agents from a CSV file (comma or semicolon separated, a header line naming the columns
 * email, nom, roles, groupes and optionally service). All or nothing: when any line is refused
 * (bad e-mail, unknown role, group or department, an agent already there or twice in the file, a
 * missing column), no agent is created and every refused line is reported with its number; the
 * administrator corrects the file and imports it again. Each agent created is then invited.
 */
export async function importStaff(db: Db, municipalityId: string, csv: string): Promise<StaffImport> {
  const rows = readCsv(csv);
  const header = rows[0];
  if (!header) throw userError('BAD_USER_INPUT', 'Le fichier est vide. / The file is empty.', { field: 'csv' });
  const names = header.record.map((cell) => cell.trim().toLowerCase());
  const index = Object.fromEntries(
    (Object.keys(COLUMNS) as Column[]).map((c) => [
      c,
      names.findIndex((n) => (COLUMNS[c] as readonly string[]).includes(n)),
    ]),
  ) as Record<Column, number>;
  const absent = REQUIRED.filter((c) => index[c] < 0);
  if (absent.length > 0) {
    const wanted = absent.map((c) => COLUMNS[c][0]).join(', ');
    throw userError(
      'BAD_USER_INPUT',
      `Ligne 1 : colonnes manquantes dans l'en-tête : ${wanted} (attendu : email, nom, roles, groupes, service facultatif). / Line 1: columns missing from the header: ${wanted}.`,
      { field: 'csv', line: 1 },
    );
  }
  if (rows.length - 1 > MAX_IMPORT_LINES)
    throw userError(
      'BAD_USER_INPUT',
      `Au plus ${MAX_IMPORT_LINES} agents par fichier. / At most ${MAX_IMPORT_LINES} agents per file.`,
      { field: 'csv' },
    );

  const organisation = organisationRepository(db);
  const knownGroups = await organisation.knownGroups();
  const departments = new Map((await organisation.departments()).map((d) => [d.name.toLowerCase(), d.id]));
  const existing = new Set((await organisation.agents()).map((a) => a.email.toLowerCase()));
  const seen = new Map<string, number>();
  const refused: RefusedLine[] = [];
  const accepted: NewStaffMember[] = [];

  for (const { record, info } of rows.slice(1)) {
    const line = info.lines;
    const cell = (c: Column) => (index[c] >= 0 ? record[index[c]] : undefined);
    const email = cell('email')?.trim().toLowerCase() || null;
    const refuse = (fr: string, en: string) => refused.push({ line, email, fr, en });
    const missing = REQUIRED.filter((c) => cell(c) === undefined);
    if (missing.length > 0) {
      const wanted = missing.map((c) => COLUMNS[c][0]).join(', ');
      refuse(`colonne manquante : ${wanted}`, `missing column: ${wanted}`);
      continue;
    }
    const departmentName = cell('department')?.trim() ?? '';
    const departmentId = departmentName ? (departments.get(departmentName.toLowerCase()) ?? null) : null;
    const member: NewStaffMember = {
      email: email ?? '',
      displayName: cell('displayName') ?? '',
      roles: values(cell('roles')),
      groups: values(cell('groups')),
      departmentId,
    };
    const problems = staffMemberProblems(member, knownGroups);
    if (departmentName && !departmentId)
      problems.push({
        field: 'department',
        fr: `service inconnu : « ${departmentName} »`,
        en: `unknown department: "${departmentName}"`,
      });
    if (email && existing.has(email))
      problems.push({
        field: 'email',
        fr: `${email} est déjà agent de la commune`,
        en: `${email} is an agent already`,
      });
    else if (email && seen.has(email))
      problems.push({
        field: 'email',
        fr: `${email} figure déjà ligne ${seen.get(email)}`,
        en: `${email} is on line ${seen.get(email)} already`,
      });
    if (email && !seen.has(email)) seen.set(email, line);
    if (problems.length > 0) {
      refuse(problems.map((p) => p.fr).join(' ; '), problems.map((p) => p.en).join('; '));
      continue;
    }
    accepted.push(member);
  }
  if (refused.length > 0 || accepted.length === 0) return { created: [], refused };
  const created: StaffImport['created'] = [];
  for (const member of accepted) {
    const row = await insertStaffMember(db, municipalityId, member);
    // Checked above in this transaction: only a concurrent import could have taken the address.
    if (!row)
      throw userError(
        'NOT_ALLOWED',
        `${member.email} vient d'être créé par ailleurs. / ${member.email} was just created elsewhere.`,
      );
    created.push({ id: row.id, email: member.email });
  }
  return { created, refused };
}

/** The file's records with the line each ends on; a file CSV cannot read is refused naming the line. */
function readCsv(csv: string): { record: string[]; info: { lines: number } }[] {
  try {
    return parse(csv, {
      bom: true,
      delimiter: [',', ';'],
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    if (error instanceof CsvError)
      throw userError(
        'BAD_USER_INPUT',
        `Ligne ${error.lines} : le fichier n'est pas un CSV lisible (${error.code}). / Line ${error.lines}: not readable CSV.`,
        { field: 'csv', line: error.lines },
      );
    throw error;
  }
}
