import type { FormComponent, FormSchema } from '../../../graphql/citizen.ts';

type Component = FormComponent & { validate?: Record<string, unknown> };

/**
 * The form with its `email` field no longer required, for a citizen the desk registers without an
 * e-mail: the reply then goes by text message or letter (the server's registerRequest agrees).
 */
export function withEmailOptional(form: FormSchema): FormSchema {
  const relax = (components: Component[] = []): Component[] =>
    components.map((c) =>
      c.key === 'email'
        ? { ...c, validate: { ...c.validate, required: false } }
        : c.components
          ? { ...c, components: relax(c.components) }
          : c,
    );
  return { ...form, components: relax(form.components) };
}
