// Sandbox-safe: server-side validation of form-js forms.
export { type FilePickerField, type FileReference, filePickerFields, fileReferences } from './file-references.ts';
export { MAX_FILES_PER_FIELD } from './file-value.ts';
export { type FormFieldSummary, formFields } from './form-fields.ts';
export type { FormLocale } from './messages.ts';
export { placeOfData } from './place.ts';
export type { FormComponent, FormFieldError, FormSchema, FormValidationRules } from './schema.ts';
export { type FormValidation, type FormValidationOptions, validateForm } from './validate-form.ts';
export {
  dateInWords,
  datesInText,
  dateTimeInWords,
  fieldByKey,
  moneyInWords,
  numberInWords,
  optionLabel,
  type PlaceValues,
  placeInWords,
  valueInWords,
  type WordsLanguage,
} from './words.ts';
