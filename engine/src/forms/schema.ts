// Sandbox-safe: the shape of a form-js schema (the JSON the form-js editor saves, schemaVersion ≤ 18).
// Only the properties the server-side validator reads are typed; the editor adds more.

export interface FormValidationRules {
  required?: boolean;
  /** A number or a FEEL expression (`=…`) evaluated in the field's context. */
  minLength?: number | string;
  maxLength?: number | string;
  min?: number | string;
  max?: number | string;
  pattern?: string;
  patternErrorMessage?: string;
  validationType?: 'email' | 'phone' | 'custom';
}

export interface FormComponent {
  type: string;
  id?: string;
  key?: string;
  /** groups and dynamic lists: where their children's values live */
  path?: string;
  label?: string;
  components?: FormComponent[];
  validate?: FormValidationRules;
  /** `hide` is a FEEL unary test (`=…`); when true the field is not shown, not checked, not kept. */
  conditional?: { hide?: string };
  /** select, radio, checklist, taglist: static options, or `valuesKey` / `valuesExpression` */
  values?: unknown[];
  valuesKey?: string;
  valuesExpression?: string;
  defaultValue?: unknown;
  disabled?: boolean;
  readonly?: boolean | string;
  /** expression field */
  expression?: string;
  computeOn?: 'change' | 'presubmit';
  /** datetime */
  subtype?: 'date' | 'time' | 'datetime';
  dateLabel?: string;
  timeLabel?: string;
  /** number */
  decimalDigits?: number;
  increment?: number | string;
  serializeToString?: boolean;
  /** dynamic list */
  isRepeating?: boolean;
  defaultRepetitions?: number;
  [property: string]: unknown;
}

export interface FormSchema {
  type: 'default' | string;
  id?: string;
  schemaVersion?: number;
  components: FormComponent[];
  [property: string]: unknown;
}

export interface FormFieldError {
  /** key path of the field: `email`, `address.city`, `children[1].name` */
  field: string;
  /** stable machine code: `required`, `minLength`, `invalidOption`… */
  code: string;
  message: { fr: string; en: string };
}

/** The input types that carry a value under their `key`. */
export const INPUT_TYPES = [
  'textfield',
  'textarea',
  'number',
  'checkbox',
  'datetime',
  'select',
  'radio',
  'checklist',
  'taglist',
  'filepicker',
  'expression',
] as const;

export type InputType = (typeof INPUT_TYPES)[number];

export type InputComponent = FormComponent & { type: InputType; key: string };

export function isInput(component: FormComponent): component is InputComponent {
  return (INPUT_TYPES as readonly string[]).includes(component.type) && typeof component.key === 'string';
}

export function isList(component: FormComponent): boolean {
  return component.type === 'dynamiclist' && component.isRepeating === true && typeof component.path === 'string';
}
