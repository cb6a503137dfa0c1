import { ref } from 'vue';
import { en } from '../i18n/en.ts';
import { fr, type MessageKey } from '../i18n/fr.ts';
import { LANG_STORAGE_KEY } from '../reader-choices.ts';

/** The portal's languages: French first, English second. */
export type Lang = 'fr' | 'en';

const MESSAGES = { fr, en };

function storedLang(): Lang {
  try {
    return localStorage.getItem(LANG_STORAGE_KEY) === 'en' ? 'en' : 'fr';
  } catch {
    return 'fr';
  }
}

const lang = ref<Lang>(storedLang());

/** The locale dates and numbers are written in: en-GB for English (the bare 'en' puts the month first). */
export const intlLocale = (language: Lang) => (language === 'en' ? 'en-GB' : 'fr-FR');

/** The current language (remembered in this browser), its texts and its date format. */
export function useI18n() {
  function t(key: MessageKey, params: Record<string, string | number> = {}): string {
    return MESSAGES[lang.value][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
      name in params ? String(params[name]) : whole,
    );
  }

  function setLang(next: Lang) {
    lang.value = next;
    try {
      localStorage.setItem(LANG_STORAGE_KEY, next);
    } catch {
      // Private browsing may refuse storage: the choice then lasts for this page only.
    }
  }

  function formatDate(iso: string): string {
    return new Intl.DateTimeFormat(intlLocale(lang.value), {
      dateStyle: 'long',
      timeStyle: 'short',
    }).format(new Date(iso));
  }

  return { lang, t, setLang, formatDate };
}
