import { describe, expect, it } from 'vitest';
import { dateSpelledOut, englishNumber, eurosInWords, frenchNumber } from './in-words.ts';

describe('amounts and dates in words', () => {
  it('writes French numbers with their agreements (traditional spelling)', () => {
    const cases: [number, string][] = [
      [0, 'zéro'],
      [1, 'un'],
      [16, 'seize'],
      [17, 'dix-sept'],
      [21, 'vingt et un'],
      [22, 'vingt-deux'],
      [70, 'soixante-dix'],
      [71, 'soixante et onze'],
      [77, 'soixante-dix-sept'],
      [80, 'quatre-vingts'],
      [81, 'quatre-vingt-un'],
      [91, 'quatre-vingt-onze'],
      [99, 'quatre-vingt-dix-neuf'],
      [100, 'cent'],
      [101, 'cent un'],
      [200, 'deux cents'],
      [201, 'deux cent un'],
      [1000, 'mille'],
      [1098, 'mille quatre-vingt-dix-huit'],
      [2026, 'deux mille vingt-six'],
      [80_000, 'quatre-vingt mille'],
      [200_000, 'deux cent mille'],
      [1_000_000, 'un million'],
      [200_000_000, 'deux cents millions'],
      [2_000_080, 'deux millions quatre-vingts'],
    ];
    for (const [n, words] of cases) expect(frenchNumber(n), String(n)).toBe(words);
  });

  it('writes amounts in euros and centimes', () => {
    expect(eurosInWords(1098, 'fr')).toBe('mille quatre-vingt-dix-huit euros');
    expect(eurosInWords(918.5, 'fr')).toBe('neuf cent dix-huit euros et cinquante centimes');
    expect(eurosInWords(1, 'fr')).toBe('un euro');
    expect(eurosInWords(15.01, 'fr')).toBe('quinze euros et un centime');
    expect(eurosInWords(2_000_000, 'fr')).toBe("deux millions d'euros");
    expect(eurosInWords(1098, 'en')).toBe('one thousand and ninety-eight euros');
    expect(eurosInWords(0.3, 'en')).toBe('zero euros and thirty cents');
  });

  it('writes dates as decisions do', () => {
    expect(dateSpelledOut('2026-12-07', 'fr')).toBe('le sept décembre deux mille vingt-six');
    expect(dateSpelledOut('2027-05-01', 'fr')).toBe('le premier mai deux mille vingt-sept');
    expect(dateSpelledOut('2026-08-31', 'fr')).toBe('le trente et un août deux mille vingt-six');
    expect(dateSpelledOut('2026-12-07', 'en')).toBe('the seventh of December two thousand and twenty-six');
    expect(dateSpelledOut('2026-03-22', 'en')).toBe('the twenty-second of March two thousand and twenty-six');
    expect(dateSpelledOut('2026-03-20', 'en')).toBe('the twentieth of March two thousand and twenty-six');
  });

  it('refuses what has no words', () => {
    expect(() => frenchNumber(-1)).toThrow(RangeError);
    expect(() => frenchNumber(1.5)).toThrow(RangeError);
    expect(() => englishNumber(1e12)).toThrow(RangeError);
    expect(() => dateSpelledOut('7/12/2026', 'fr')).toThrow(RangeError);
  });
});
