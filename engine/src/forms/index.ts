// Sandbox-safe: server-side validation of form-js forms.
export { type FormFieldSummary, formFields } from './form-fields.ts';
export type { FormLocale } from './messages.ts';
export type { FormComponent, FormFieldError, FormSchema, FormValidationRules } from './schema.ts';
export { type FormValidation, type FormValidationOptions, validateForm } from './validate-form.ts';
