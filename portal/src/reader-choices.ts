// What this browser remembers of its reader's choices (localStorage). Read by the portal, and by
// the guard the served first screen runs before it paints (first-screen.ts), so no module here
// may import anything.

/** Where the chosen language is kept: 'en', or French. */
export const LANG_STORAGE_KEY = 'parvis.lang';

/** Where the reading settings are kept, as JSON. */
export const READING_STORAGE_KEY = 'parvis.reading';

/** The choices of each reading setting, the first being the default. */
export const READING_CHOICES = {
  textSize: ['standard', 'large', 'larger'],
  contrast: ['standard', 'high'],
  lineSpacing: ['standard', 'wide', 'wider'],
} as const;
