import { readonly, ref } from 'vue';
import type { ReadingSettingsInput } from '../graphql/generated/operations.ts';
import { MY_READING_SETTINGS, SAVE_READING_SETTINGS } from '../graphql/reading-settings.ts';
import { READING_CHOICES, READING_STORAGE_KEY } from '../reader-choices.ts';
import { useGraphql } from './useGraphql.ts';

type Choices = typeof READING_CHOICES;
export type ReadingSettings = { [name in keyof Choices]: Choices[name][number] };
export type ReadingSetting = keyof ReadingSettings;

const NAMES = Object.keys(READING_CHOICES) as ReadingSetting[];

/** Known choices from any value (stored JSON, the API's answer); the default for anything else. */
function readingSettingsFrom(value: unknown): ReadingSettings {
  const given = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  const settings = {} as Record<ReadingSetting, string>;
  for (const name of NAMES) {
    const choices: readonly string[] = READING_CHOICES[name];
    settings[name] = choices.includes(given[name] as string) ? (given[name] as string) : choices[0]!;
  }
  return settings as ReadingSettings;
}

function storedSettings(): ReadingSettings {
  try {
    return readingSettingsFrom(JSON.parse(localStorage.getItem(READING_STORAGE_KEY) ?? '{}'));
  } catch {
    return readingSettingsFrom({});
  }
}

const settings = ref(storedSettings());

/** The settings as the API's enums spell them (LARGE, HIGH): this browser and theme.css keep the lower-case words. */
const schemaSettings = (s: ReadingSettings): ReadingSettingsInput => ({
  textSize: s.textSize.toUpperCase() as ReadingSettingsInput['textSize'],
  contrast: s.contrast.toUpperCase() as ReadingSettingsInput['contrast'],
  lineSpacing: s.lineSpacing.toUpperCase() as ReadingSettingsInput['lineSpacing'],
});

/** The API's settings in this browser's words. */
const browserSettings = (s: ReadingSettingsInput): ReadingSettings =>
  readingSettingsFrom(Object.fromEntries(Object.entries(s).map(([name, choice]) => [name, choice.toLowerCase()])));

/** Sets the page's data-text-size, data-contrast and data-line-spacing, which theme.css reads. */
function apply(next: ReadingSettings) {
  settings.value = next;
  const root = document.documentElement;
  root.dataset.textSize = next.textSize;
  root.dataset.contrast = next.contrast;
  root.dataset.lineSpacing = next.lineSpacing;
  try {
    localStorage.setItem(READING_STORAGE_KEY, JSON.stringify(next));
  } catch {
    // Private browsing may refuse storage: the choice then lasts for this page only.
  }
}

/** Applies this browser's reading settings; main.ts calls it before the first render, so nothing flashes. */
export function applyStoredReadingSettings() {
  apply(settings.value);
}

const isDefault = (s: ReadingSettings) => NAMES.every((name) => s[name] === READING_CHOICES[name][0]);

/**
 * For a signed-in citizen, the settings of their account win over this browser's (they follow
 * them from one device to another); an account without any takes this browser's.
 */
export async function syncReadingSettingsWithAccount() {
  const { request } = useGraphql();
  try {
    const { myProfile } = await request(MY_READING_SETTINGS);
    if (myProfile?.readingSettings) apply(browserSettings(myProfile.readingSettings));
    else if (myProfile && !isDefault(settings.value))
      await request(SAVE_READING_SETTINGS, { settings: schemaSettings(settings.value) });
  } catch {
    // The API cannot say: this browser's settings stay.
  }
}

/** Text size, contrast and line spacing, remembered in this browser and in a signed-in citizen's account. */
export function useReadingSettings() {
  async function change(name: ReadingSetting, choice: string) {
    apply(readingSettingsFrom({ ...settings.value, [name]: choice }));
    try {
      await useGraphql().request(SAVE_READING_SETTINGS, { settings: schemaSettings(settings.value) });
    } catch {
      // Not signed in as a citizen (or the API down): kept in this browser only.
    }
  }
  return { settings: readonly(settings), change };
}
