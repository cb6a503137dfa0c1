import { describe, expect, it } from 'vitest';
import { propertiesFromTexts, textsFromProperties } from './texts-properties.ts';

describe('notification texts as zeebe:properties of the process', () => {
  it('round-trips complete texts and leaves half-written ones out', () => {
    // given texts as a version stores them
    const texts = { acknowledgement: { fr: { subject: 'Reçu — {{trackingCode}}', body: 'Bonjour,\nMerci.' } } };
    // when written as properties and read back, with a half-written English text beside
    const properties = { ...propertiesFromTexts(texts), 'texts.acknowledgement.en.subject': 'Received' };
    // then the complete one comes back as it was, the half-written one is left out
    expect(textsFromProperties(properties)).toEqual(texts);
  });
});
