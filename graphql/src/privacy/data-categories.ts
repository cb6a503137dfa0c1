/**
 * Categories of personal data (RGPD art. 30-1-c), as the register of processing activities names
 * them. A form field falls in one by its type and key: a file is a supporting document, an e-mail
 * or phone field contact details, a name or birth date identity, and so on.
 */
export const DATA_CATEGORIES = {
  identity: { fr: 'État civil, identité', en: 'Civil status, identity' },
  contact: { fr: 'Coordonnées (e-mail, téléphone)', en: 'Contact details (e-mail, phone)' },
  location: { fr: 'Adresse, localisation', en: 'Address, location' },
  economic: { fr: 'Situation économique et financière', en: 'Economic and financial situation' },
  documents: { fr: 'Pièces justificatives', en: 'Supporting documents' },
  freeText: { fr: 'Texte libre (peut contenir toute donnée)', en: 'Free text (may hold any data)' },
  request: { fr: 'Objet et détails de la demande', en: 'Subject and details of the request' },
} as const;
export type DataCategory = keyof typeof DATA_CATEGORIES;

interface FormComponent {
  type?: string;
  key?: string;
  label?: string;
  components?: FormComponent[];
}

/** What a form field asks: its key, its label and its category. */
export interface DataField {
  key: string;
  label: string;
  category: DataCategory;
}

const RULES: [RegExp, DataCategory][] = [
  [/e-?mail|phone|telephone|tel$/i, 'contact'],
  [/nom|prenom|name|naissance|birth|conjoint|parent|enfant|qualite/i, 'identity'],
  [/adresse|address|lieu|latitude|longitude|place|emplacement|street|commune/i, 'location'],
  [/revenu|income|montant|budget|rib|iban|siret|comptes|imposition/i, 'economic'],
];

/** The category of one field, by its type first (files, long texts), then by its key. */
export function categoryOf(field: { type?: string; key: string }): DataCategory {
  if (field.type === 'filepicker') return 'documents';
  const byKey = RULES.find(([pattern]) => pattern.test(field.key))?.[1];
  if (byKey) return byKey;
  return field.type === 'textarea' ? 'freeText' : 'request';
}

/** Every field a form-js schema asks the person, groups opened, with its category. */
export function dataFields(form: unknown): DataField[] {
  const fields: DataField[] = [];
  const walk = (components: FormComponent[] | undefined) => {
    for (const component of components ?? []) {
      if (component.key && component.type !== 'text' && component.type !== 'button') {
        fields.push({
          key: component.key,
          label: component.label ?? component.key,
          category: categoryOf({ type: component.type, key: component.key }),
        });
      }
      walk(component.components);
    }
  };
  walk((form as FormComponent | null)?.components);
  return fields;
}
