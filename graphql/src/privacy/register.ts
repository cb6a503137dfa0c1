import { type ProcessIR, retentionKind, retentionMonths } from '@parvis/engine';
import type { Db } from '../common/database.ts';
import { DATA_CATEGORIES, type DataCategory, dataFields } from './data-categories.ts';

type Words = { fr: string; en: string };

/** One line of the register of processing activities (RGPD art. 30-1), for one procedure. */
export interface ProcessingActivity {
  procedureKey: string;
  name: Words;
  purpose: Words;
  legalBasis: Words;
  /** each category of data its forms ask, with the labels of the fields that ask it */
  dataCategories: { category: DataCategory; label: Words; fields: string[] }[];
  /** the department in charge and the agents' groups its tasks go to */
  recipients: string[];
  retentionMonths: number;
  securityMeasures: Words[];
}

/**
 * The lawful basis of a town's procedures unless one says otherwise (its `privacy.legalBasis`
 * property): a town hall processes requests as a public authority.
 */
const PUBLIC_TASK: Words = {
  fr: "Mission d'intérêt public ou exercice de l'autorité publique (RGPD art. 6-1-e)",
  en: 'Public task or exercise of official authority (GDPR art. 6(1)(e))',
};

/** What protects every procedure's data on Parvis; each is true of the platform as it runs. */
const PLATFORM_MEASURES: Words[] = [
  {
    fr: 'Cloisonnement des données par commune (sécurité au niveau des lignes de PostgreSQL)',
    en: "Each town's data walled off (PostgreSQL row-level security)",
  },
  {
    fr: 'Accès des agents selon leur rôle et leurs groupes ; second facteur (TOTP) pour les administrateurs',
    en: "Agents' access by role and group; second factor (TOTP) for administrators",
  },
  {
    fr: "Journal d'audit en ajout seul des connexions, exports et actions sur les données personnelles",
    en: 'Append-only audit log of sign-ins, exports and actions on personal data',
  },
  {
    fr: 'Chronologie de chaque demande scellée par chaînage d’empreintes',
    en: "Each request's timeline sealed by a hash chain",
  },
  {
    fr: 'Anonymisation automatique des demandes closes à la fin de la durée de conservation',
    en: 'Closed requests anonymised automatically at the end of the retention period',
  },
];

const SIGNED: Words = {
  fr: 'Décisions signées électroniquement par les agents habilités',
  en: 'Decisions signed electronically by authorised agents',
};

const text = (value: string | undefined, fallback: Words): Words =>
  value?.trim() ? { fr: value.trim(), en: value.trim() } : fallback;

/** The register of the transaction's town: one activity per procedure with a version, by title. */
export async function processingRegister(db: Db): Promise<ProcessingActivity[]> {
  const rows = await db<
    {
      key: string;
      title_fr: string;
      title_en: string;
      description_fr: string;
      description_en: string;
      department: string | null;
      retention_months: number | null;
      ir: ProcessIR;
      forms: Record<string, unknown>;
    }[]
  >`select p.key, p.title_fr, p.title_en, p.description_fr, p.description_en, p.department, p.retention_months,
      v.ir, v.forms
    from procedures p
    join lateral (select ir, forms from procedure_versions v where v.procedure_key = p.key order by v.version desc limit 1) v on true
    order by p.title_fr`;
  return rows.map((row) => {
    const fields = Object.values(row.forms ?? {}).flatMap((form) => dataFields(form));
    const byCategory = new Map<DataCategory, Set<string>>();
    for (const field of fields)
      byCategory.set(field.category, (byCategory.get(field.category) ?? new Set()).add(field.label));
    const groups = Object.values(row.ir.elements ?? {}).flatMap(
      (element) => (element as { userTask?: { candidateGroups?: string } }).userTask?.candidateGroups?.split(',') ?? [],
    );
    const signs = Object.values(row.ir.elements ?? {}).some(
      (element) => (element as { properties?: Record<string, string> }).properties?.signature === 'required',
    );
    const kind = retentionKind(row.ir);
    return {
      procedureKey: row.key,
      name: { fr: row.title_fr, en: row.title_en },
      purpose: text(row.ir.properties['privacy.purpose'], {
        fr: row.description_fr.trim() || `Traiter les demandes « ${row.title_fr} »`,
        en: row.description_en.trim() || `Handling "${row.title_en}" requests`,
      }),
      legalBasis: text(row.ir.properties['privacy.legalBasis'], PUBLIC_TASK),
      dataCategories: (Object.keys(DATA_CATEGORIES) as DataCategory[])
        .filter((category) => byCategory.has(category))
        .map((category) => ({ category, label: DATA_CATEGORIES[category], fields: [...byCategory.get(category)!] })),
      recipients: [
        ...new Set(
          [row.department, ...groups]
            .map((name) => name?.trim())
            .filter((name): name is string => !!name && !name.startsWith('=')),
        ),
      ],
      retentionMonths: retentionMonths(kind, row.retention_months),
      securityMeasures: signs ? [...PLATFORM_MEASURES, SIGNED] : PLATFORM_MEASURES,
    };
  });
}
