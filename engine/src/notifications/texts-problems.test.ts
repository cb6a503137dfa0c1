import { describe, expect, it } from 'vitest';
import { NOTIFICATION_EVENTS } from './templates.ts';
import { textsProblems } from './texts-problems.ts';

describe('textsProblems', () => {
  it('accepts a text for every event Parvis notifies, in French and English', () => {
    const texts = Object.fromEntries(
      NOTIFICATION_EVENTS.map((event) => [
        event,
        { fr: { subject: 'Objet', body: 'Corps' }, en: { subject: 'S', body: 'B' } },
      ]),
    );
    expect(textsProblems(texts)).toEqual([]);
  });

  it('names the event and language of each bad text', () => {
    const problems = textsProblems({
      reminder: {},
      acknowledgement: { fr: { subject: 'Reçu', body: ' ' }, de: { subject: 'a', body: 'b' } },
    });
    expect(problems.map((p) => p.message)).toEqual([
      expect.stringContaining('unknown event "reminder"'),
      expect.stringContaining('acknowledgement.fr needs a "subject" and a "body"'),
      expect.stringContaining('language "de" is neither fr nor en'),
    ]);
    expect(problems.every((p) => p.code === 'TEXTS_INVALID' && p.messageFr)).toBe(true);
    expect(textsProblems([])).toHaveLength(1);
  });
});
