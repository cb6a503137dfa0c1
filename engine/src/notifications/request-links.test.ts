import { describe, expect, it } from 'vitest';
import { trackingLinkUrl, withRequestLink } from './request-links.ts';

describe('a mail about a request', () => {
  const url = trackingLinkUrl('https://demo.parvis.fr', 'AB12-CD34', 'jeton');

  it('gets its tracking code in the subject and a link to it at the end, in both languages', () => {
    // given a send task's mail that names neither
    const mail = { subject: 'Pièces manquantes', text: 'Bonjour,\n\nIl nous manque un justificatif.\n' };
    // when
    const sent = withRequestLink(mail, 'AB12-CD34', url);
    // then
    expect(sent.subject).toBe('Pièces manquantes — AB12-CD34');
    expect(sent.text).toContain('Demande n° AB12-CD34 : https://demo.parvis.fr/suivi/AB12-CD34?lien=jeton');
    expect(sent.text).toContain('Request AB12-CD34: https://demo.parvis.fr/suivi/AB12-CD34?lien=jeton');
  });

  it('is left as it is when it already carries both', () => {
    const mail = { subject: 'Accusé de réception — AB12-CD34', text: `Suivre votre demande : ${url}` };
    expect(withRequestLink(mail, 'AB12-CD34', url)).toEqual(mail);
  });
});
