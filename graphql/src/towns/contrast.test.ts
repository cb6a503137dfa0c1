import { describe, expect, it } from 'vitest';
import { AA_CONTRAST, contrastRatio, relativeLuminance, shade } from './contrast.ts';

describe('contrastRatio (WCAG 2.1)', () => {
  it('is 21:1 for black on white and 1:1 for a colour on itself, whichever comes first', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#000000')).toBeCloseTo(21, 5);
    expect(contrastRatio('#1f4e79', '#1f4e79')).toBe(1);
  });

  it('matches published values: #767676 on white is the lightest grey passing AA (4.54:1), #777777 fails (4.48:1)', () => {
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
    expect(contrastRatio('#767676', '#ffffff')).toBeGreaterThanOrEqual(AA_CONTRAST);
    expect(contrastRatio('#777777', '#ffffff')).toBeLessThan(AA_CONTRAST);
  });

  it("the portal's own blue passes against white; a yellow does not", () => {
    expect(contrastRatio('#1f4e79', '#ffffff')).toBeGreaterThan(8);
    expect(contrastRatio('#ffd700', '#ffffff')).toBeLessThan(1.5);
  });

  it('refuses what is not #rrggbb', () => {
    expect(() => relativeLuminance('red')).toThrow(/#rrggbb/);
    expect(() => relativeLuminance('#FFF')).toThrow(/#rrggbb/);
  });
});

describe('shade', () => {
  it('darkens toward black and lightens toward white', () => {
    expect(shade('#808080', 0.5)).toBe('#404040');
    expect(shade('#808080', -0.5)).toBe('#c0c0c0');
  });
});
