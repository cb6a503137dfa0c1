import type { Lang } from '../composables/useI18n.ts';
import type { Lang as SchemaLang } from './generated/operations.ts';

/** The portal's language as the API's Lang enum spells it (FR, EN): the portal keeps fr/en for its texts and URLs. */
export const schemaLang = (lang: Lang): SchemaLang => (lang === 'en' ? 'EN' : 'FR');
