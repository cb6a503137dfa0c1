// Sandbox-safe: the `validate` rules of a field, applied as form-js applies them (same order, same
// conditions: length rules count trimmed text, patterns are not anchored, empty values skip the rest).
import { compareDecimal, decimalDigits, nearestSteps } from './decimal.ts';
import { type FieldScope, resolveRule } from './feel.ts';
import { type FormLocale, type Message, messages, withAuthorText } from './messages.ts';
import type { FormComponent } from './schema.ts';

export interface RuleFailure {
  code: string;
  message: Message;
}

/** Same pattern as form-js, so that what its viewer accepts the server accepts too. */
const EMAIL =
  /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

/** form-js's international pattern: `+` or `00`, a country code, then digits only (no spaces). */
const PHONE =
  /(\+|00)(297|93|244|1264|358|355|376|971|54|374|1684|1268|61|43|994|257|32|229|226|880|359|973|1242|387|590|375|501|1441|591|55|1246|673|975|267|236|1|61|41|56|86|225|237|243|242|682|57|269|238|506|53|5999|61|1345|357|420|49|253|1767|45|1809|1829|1849|213|593|20|291|212|34|372|251|358|679|500|33|298|691|241|44|995|44|233|350|224|590|220|245|240|30|1473|299|502|594|1671|592|852|504|385|509|36|62|44|91|246|353|98|964|354|972|39|1876|44|962|81|76|77|254|996|855|686|1869|82|383|965|856|961|231|218|1758|423|94|266|370|352|371|853|590|212|377|373|261|960|52|692|389|223|356|95|382|976|1670|258|222|1664|596|230|265|60|262|264|687|227|672|234|505|683|31|47|977|674|64|968|92|507|64|51|63|680|675|48|1787|1939|850|351|595|970|689|974|262|40|7|250|966|249|221|65|500|4779|677|232|503|378|252|508|381|211|239|597|421|386|46|268|1721|248|963|1649|235|228|66|992|690|993|670|676|1868|216|90|688|886|255|256|380|598|1|998|3906698|379|1784|58|1284|1340|84|678|681|685|967|27|260|263)(9[976]\d|8[987530]\d|6[987]\d|5[90]\d|42\d|3[875]\d|2[98654321]\d|9[8543210]|8[6421]|6[6543210]|5[87654321]|4[987654310]|3[9643210]|2[70]|7|1)\d{4,20}$/;

export function checkRules(
  component: FormComponent,
  value: unknown,
  scope: FieldScope,
  locale: FormLocale,
): RuleFailure[] {
  const failures = component.type === 'number' ? checkNumber(component, value) : [];
  const rules = component.validate;
  if (!rules) return failures;
  const text = typeof value === 'string' ? value : undefined;
  const present = Boolean(value) || value === 0;

  if (rules.pattern && text && !new RegExp(rules.pattern).test(text)) {
    failures.push({ code: 'pattern', message: withAuthorText(messages.pattern(), rules.patternErrorMessage, locale) });
  }
  if (rules.required && isEmpty(component, value)) {
    failures.push({ code: 'required', message: messages.required() });
  }
  for (const bound of ['min', 'max'] as const) {
    const limit = resolveRule(rules[bound], scope);
    if (limit === undefined || limit === null || !present) continue;
    const limitNumber = Number(limit);
    if (typeof limit === 'boolean' || limit === '' || !Number.isFinite(limitNumber)) {
      failures.push({ code: 'invalidRule', message: messages.invalidRule(bound) });
      continue;
    }
    // compared exactly, as decimals: a float would let 0.30000000000000001 pass a maximum of 0.3
    const comparable = typeof value === 'number' || (typeof value === 'string' && Number.isFinite(Number(value)));
    const order = comparable
      ? compareDecimal(value as number | string, limit as number | string)
      : Math.sign(Number(value) - limitNumber);
    if (bound === 'min' ? order < 0 : order > 0) {
      failures.push({ code: bound, message: messages[bound](limitNumber) });
    }
  }
  for (const bound of ['minLength', 'maxLength'] as const) {
    const limit = Number(resolveRule(rules[bound], scope) ?? Number.NaN);
    if (!text || !Number.isFinite(limit)) continue;
    const length = text.trim().length;
    if (bound === 'minLength' ? length < limit : length > limit) {
      failures.push({ code: bound, message: messages[bound](limit) });
    }
  }
  if (text && rules.validationType === 'phone' && !PHONE.test(text)) {
    failures.push({ code: 'phone', message: messages.phone() });
  }
  if (text && rules.validationType === 'email' && !EMAIL.test(text)) {
    failures.push({ code: 'email', message: messages.email() });
  }
  return failures;
}

function isEmpty(component: FormComponent, value: unknown): boolean {
  return (
    value === null ||
    value === undefined ||
    value === '' ||
    (component.type === 'checkbox' && value === false) ||
    (Array.isArray(value) && value.length === 0)
  );
}

function checkNumber(component: FormComponent, value: unknown): RuleFailure[] {
  if ((typeof value !== 'number' && typeof value !== 'string') || !value) return [];
  const failures: RuleFailure[] = [];
  const { decimalDigits: allowed, increment } = component;
  if (typeof allowed === 'number' && allowed >= 0 && decimalDigits(value) > allowed) {
    failures.push({ code: 'decimalDigits', message: messages.decimalDigits(allowed) });
  }
  const steps = increment ? nearestSteps(value, increment) : null;
  if (steps) failures.push({ code: 'increment', message: messages.increment(...steps) });
  return failures;
}
