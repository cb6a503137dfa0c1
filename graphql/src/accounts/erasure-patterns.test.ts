import { describe, expect, it } from 'vitest';
import { erasurePatterns, phonePattern } from './erasure-patterns.ts';

// The patterns run in PostgreSQL (~* and regexp_replace); the syntax used is also JavaScript's.
const matches = (pattern: string, text: string) => new RegExp(pattern, 'i').test(text);

describe("what an erasure looks for: a person's words as PostgreSQL regular expressions", () => {
  it('finds a French phone number however it is written', () => {
    const pattern = phonePattern('06 47 12 58 39')!;
    for (const written of ['06 47 12 58 39', '0647125839', '+33 6 47 12 58 39', '+33647125839', '06.47.12.58.39'])
      expect(matches(pattern, `appelez le ${written} svp`), written).toBe(true);
    expect(matches(pattern, '06 47 12 58 40')).toBe(false);
    expect(phonePattern('112')).toBeUndefined();
  });

  it('takes e-mails literally and leaves out names too short to be told from words', () => {
    const { contacts, names } = erasurePatterns({
      emails: ['lea.dupont+x@example.fr', null, 'LEA.DUPONT+X@example.fr'],
      phones: [],
      names: ['Li', "N'Diaye (Awa)"],
    });
    expect(matches(contacts, 'from lea.dupont+x@example.fr')).toBe(true);
    expect(matches(contacts, 'from leaXdupont+x@example.fr')).toBe(false);
    expect(names).toBe("N'Diaye \\(Awa\\)");
    expect(matches(names, "Mme N'Diaye (Awa) a appelé")).toBe(true);
  });
});
