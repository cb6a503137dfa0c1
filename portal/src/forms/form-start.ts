const isEmpty = (value: unknown) => value === undefined || value === null || value === '';

/**
 * What a form opens with: the profile's data, under what was typed in this tab. A draft's empty
 * fields (a form opened signed out saves them empty) do not hide what the profile knows.
 */
export function formStart(
  initialData: Record<string, unknown> | undefined,
  draft: Record<string, unknown> | undefined,
): Record<string, unknown> {
  const typed = Object.entries(draft ?? {}).filter(([, value]) => !isEmpty(value));
  return { ...initialData, ...Object.fromEntries(typed) };
}
