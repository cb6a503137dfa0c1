// Sandbox-safe: what a citizen reads under a field, in French and English.

export type FormLocale = 'fr' | 'en';
export type Message = { fr: string; en: string };

const frNumber = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 20 });
const enNumber = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 20 });

const fr = (value: number) => frNumber.format(value);
const en = (value: number) => enNumber.format(value);

export const messages = {
  required: (): Message => ({ fr: 'Ce champ est obligatoire.', en: 'This field is required.' }),
  minLength: (n: number): Message => ({
    fr: `Saisissez au moins ${fr(n)} caractère${n > 1 ? 's' : ''}.`,
    en: `Enter at least ${en(n)} character${n > 1 ? 's' : ''}.`,
  }),
  maxLength: (n: number): Message => ({
    fr: `Saisissez au plus ${fr(n)} caractère${n > 1 ? 's' : ''}.`,
    en: `Enter at most ${en(n)} character${n > 1 ? 's' : ''}.`,
  }),
  min: (n: number): Message => ({
    fr: `La valeur doit être supérieure ou égale à ${fr(n)}.`,
    en: `The value must be at least ${en(n)}.`,
  }),
  max: (n: number): Message => ({
    fr: `La valeur doit être inférieure ou égale à ${fr(n)}.`,
    en: `The value must be at most ${en(n)}.`,
  }),
  pattern: (): Message => ({
    fr: "La valeur saisie n'a pas le format attendu.",
    en: 'The value does not have the expected format.',
  }),
  email: (): Message => ({
    fr: 'Saisissez une adresse électronique valide, par exemple nom@exemple.fr.',
    en: 'Enter a valid e-mail address, for example name@example.com.',
  }),
  phone: (): Message => ({
    fr: 'Saisissez un numéro de téléphone au format international, sans espace, par exemple +33612345678.',
    en: 'Enter a phone number in international format, without spaces, for example +33612345678.',
  }),
  notANumber: (): Message => ({ fr: 'Saisissez un nombre.', en: 'Enter a number.' }),
  decimalDigits: (n: number): Message =>
    n === 0
      ? { fr: 'Saisissez un nombre entier.', en: 'Enter a whole number.' }
      : {
          fr: `Saisissez un nombre avec au plus ${fr(n)} chiffre${n > 1 ? 's' : ''} après la virgule.`,
          en: `Enter a number with at most ${en(n)} decimal digit${n > 1 ? 's' : ''}.`,
        },
  increment: (below: string, above: string): Message => ({
    fr: `Choisissez une valeur valide ; les deux plus proches sont ${below.replace('.', ',')} et ${above.replace('.', ',')}.`,
    en: `Choose a valid value; the two nearest are ${below} and ${above}.`,
  }),
  invalidOption: (): Message => ({
    fr: 'Choisissez une des valeurs proposées.',
    en: 'Choose one of the values offered.',
  }),
  invalidDate: (): Message => ({
    fr: 'Saisissez une date valide (AAAA-MM-JJ).',
    en: 'Enter a valid date (YYYY-MM-DD).',
  }),
  invalidTime: (): Message => ({ fr: 'Saisissez une heure valide (HH:MM).', en: 'Enter a valid time (HH:MM).' }),
  invalidDateTime: (): Message => ({
    fr: 'Saisissez une date et une heure valides.',
    en: 'Enter a valid date and time.',
  }),
  invalidValue: (): Message => ({
    fr: "La valeur transmise n'est pas valide pour ce champ.",
    en: 'The value sent is not valid for this field.',
  }),
  latitudeRange: (): Message => ({
    fr: 'La latitude doit être comprise entre -90 et 90 degrés.',
    en: 'The latitude must be between -90 and 90 degrees.',
  }),
  longitudeRange: (): Message => ({
    fr: 'La longitude doit être comprise entre -180 et 180 degrés.',
    en: 'The longitude must be between -180 and 180 degrees.',
  }),
  placeIncomplete: (missing: 'latitude' | 'longitude'): Message =>
    missing === 'latitude'
      ? {
          fr: 'Indiquez aussi la latitude : un lieu a une latitude et une longitude (placez-le sur la carte).',
          en: 'Give the latitude too: a place has a latitude and a longitude (put it on the map).',
        }
      : {
          fr: 'Indiquez aussi la longitude : un lieu a une latitude et une longitude (placez-le sur la carte).',
          en: 'Give the longitude too: a place has a latitude and a longitude (put it on the map).',
        },
  invalidRule: (rule: string): Message => ({
    fr: `La règle « ${rule} » de ce champ n'est pas un nombre : le formulaire est à corriger par son auteur.`,
    en: `The "${rule}" rule of this field is not a number: the form's author must fix it.`,
  }),
};

/** A message the analyst wrote in the form (one language): it replaces ours in that language. */
export function withAuthorText(message: Message, text: string | undefined, locale: FormLocale): Message {
  return text ? { ...message, [locale]: text } : message;
}
