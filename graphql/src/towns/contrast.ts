/** WCAG 2.1 contrast between colours written `#rrggbb` (https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio). */

/** The least contrast AA asks of normal text against its background. */
export const AA_CONTRAST = 4.5;

const HEX = /^#[0-9a-f]{6}$/;

export const isHexColour = (value: string): boolean => HEX.test(value);

/** Relative luminance of `#rrggbb`, 0 (black) to 1 (white). */
export function relativeLuminance(colour: string): number {
  if (!isHexColour(colour)) throw new RangeError(`Not a #rrggbb colour: ${colour}`);
  const [r, g, b] = [1, 3, 5].map((at) => {
    const channel = Number.parseInt(colour.slice(at, at + 2), 16) / 255;
    return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** (L1 + 0.05) / (L2 + 0.05), the lighter colour above: 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** The colour moved `share` of the way toward black (share > 0) or white (share < 0), for a hover state. */
export function shade(colour: string, share: number): string {
  const target = share > 0 ? 0 : 255;
  const amount = Math.abs(share);
  const channels = [1, 3, 5].map((at) => {
    const value = Number.parseInt(colour.slice(at, at + 2), 16);
    return Math.round(value + (target - value) * amount)
      .toString(16)
      .padStart(2, '0');
  });
  return `#${channels.join('')}`;
}
