import { requireCitizen } from '../common/context.ts';
import type { Db } from '../common/database.ts';
import { enumValues } from '../common/enum-words.ts';
import type { Resolvers } from '../generated/resolvers.ts';

/** The choices of each reading setting, the first being the default; the portal offers the same. */
const CHOICES = {
  textSize: ['standard', 'large', 'larger'],
  contrast: ['standard', 'high'],
  lineSpacing: ['standard', 'wide', 'wider'],
} as const;

export type ReadingSettings = { [name in keyof typeof CHOICES]: (typeof CHOICES)[name][number] };

/** What each choice means, for the schema's readers. */
const WORDS: Record<(typeof CHOICES)[keyof typeof CHOICES][number], string> = {
  standard: 'as the portal comes (standard)',
  large: '125 % (grand)',
  larger: '150 % (très grand)',
  high: 'black on white (contraste élevé)',
  wide: '1.8 (large)',
  wider: '2.1 (très large)',
};

const enumOf = (name: string, doc: string, values: readonly (keyof typeof WORDS)[]) =>
  `"${doc}"\n  enum ${name} {\n    ${enumValues(values, WORDS)}\n  }`;

export const readingSettingsTypeDefs = /* GraphQL */ `
  ${enumOf('TextSize', 'Text size: standard (100 %), large (125 %), larger (150 %).', CHOICES.textSize)}
  ${enumOf('Contrast', 'Colours: standard, or high contrast (black on white).', CHOICES.contrast)}
  ${enumOf('LineSpacing', 'Space between lines: standard (1.5), wide (1.8), wider (2.1).', CHOICES.lineSpacing)}

  "How a citizen likes to read the portal."
  type ReadingSettings {
    "the size of the text"
    textSize: TextSize!
    "the colours"
    contrast: Contrast!
    "the space between lines"
    lineSpacing: LineSpacing!
  }

  "How a citizen likes to read the portal."
  input ReadingSettingsInput {
    "the size of the text"
    textSize: TextSize!
    "the colours"
    contrast: Contrast!
    "the space between lines"
    lineSpacing: LineSpacing!
  }

  extend type Citizen {
    "The citizen's reading settings, null until they choose; only they see them."
    readingSettings: ReadingSettings
  }

  extend type Mutation {
    "Citizens: keeps my reading settings in my account, so they follow me to another device."
    updateMyReadingSettings(
      "text size, contrast and line spacing"
      settings: ReadingSettingsInput!
    ): ReadingSettings!
  }
`;

/** Known choices from what is stored; a choice no longer offered falls back to the default. */
function readingSettingsFrom(stored: Record<string, unknown>): ReadingSettings {
  const settings: Record<string, string> = {};
  for (const [name, choices] of Object.entries(CHOICES) as [string, readonly string[]][])
    settings[name] = choices.includes(stored[name] as string) ? (stored[name] as string) : choices[0]!;
  return settings as ReadingSettings;
}

/** Reading settings of the transaction's municipality's citizens. */
export function readingSettingsRepository(db: Db) {
  return {
    async find(citizenId: string): Promise<ReadingSettings | null> {
      const [row] = await db<{ reading_settings: Record<string, unknown> | null }[]>`
        select reading_settings from citizens where id = ${citizenId}`;
      return row?.reading_settings ? readingSettingsFrom(row.reading_settings) : null;
    },
    async save(citizenId: string, settings: ReadingSettings) {
      const clean = readingSettingsFrom(settings);
      await db`update citizens set reading_settings = ${db.json(clean)} where id = ${citizenId}`;
      return clean;
    },
  };
}

export const readingSettingsResolvers: Resolvers = {
  Citizen: {
    readingSettings: (citizen, _, ctx) =>
      ctx.citizen?.id === citizen.id
        ? ctx.db.within(citizen.municipality_id, (tx) => readingSettingsRepository(tx).find(citizen.id))
        : null,
  },
  Mutation: {
    updateMyReadingSettings: (_, args, ctx) => {
      const me = requireCitizen(ctx);
      return ctx.db.within(me.municipalityId, (tx) => readingSettingsRepository(tx).save(me.id, args.settings));
    },
  },
};
