import { describe, expect, it } from 'vitest';
import {
  type RequestFacts,
  renderReplyTemplate,
  templateFieldKeys,
  unknownTemplateVariables,
} from './reply-templates.ts';

const form = {
  components: [
    {
      type: 'radio',
      key: 'nature',
      label: 'Nature',
      values: [
        { value: 'chaussee', label: 'Chaussée abîmée' },
        { value: 'eclairage', label: 'Éclairage' },
      ],
    },
    { type: 'datetime', subtype: 'date' as const, key: 'dateVisite', dateLabel: 'Date' },
    { type: 'filepicker', key: 'photos', label: 'Photos' },
    { type: 'group', path: 'adresse', components: [{ type: 'textfield', key: 'rue', label: 'Rue' }] },
  ],
};

const facts: RequestFacts = {
  trackingCode: 'ABCD-2345',
  procedureTitle: { fr: 'Signaler un problème', en: 'Report a problem' },
  citizenName: 'Mme Martin',
  submittedAt: '2026-03-12T13:05:00Z',
  today: '2026-03-20T09:00:00Z',
  municipality: 'Mairie de Démoville',
  timeZone: 'Europe/Paris',
  trackingUrl: 'https://demo.example/suivi/ABCD-2345',
  data: { nature: 'chaussee', dateVisite: '2026-03-18', photos: ['f1'] },
  form,
};

const text = (bodyFr: string, bodyEn = '') => ({
  subjectFr: 'Votre demande {{trackingCode}}',
  bodyFr,
  subjectEn: '',
  bodyEn,
});

describe('reply templates', () => {
  it('fills a request’s values in each language, dates in words and options by their labels', () => {
    // given a template naming request variables and a form field
    const template = text(
      'Bonjour {{citizenName}},\nvotre demande « {{procedureTitle}} » du {{submittedAt}} ({{nature}}) est traitée.',
      'Hello {{citizenName}},\nyour request "{{procedureTitle}}" of {{submittedAt}} ({{nature}}) is handled.',
    );

    // when it is rendered
    const rendered = renderReplyTemplate(template, facts);

    // then each language reads its own words
    expect(rendered.fr).toEqual({
      subject: 'Votre demande ABCD-2345',
      body: 'Bonjour Mme Martin,\nvotre demande « Signaler un problème » du 12 mars 2026 (Chaussée abîmée) est traitée.',
    });
    expect(rendered.en?.body).toBe(
      'Hello Mme Martin,\nyour request "Report a problem" of 12 March 2026 (Chaussée abîmée) is handled.',
    );
    expect(rendered.en?.subject).toBe('Votre demande ABCD-2345');
  });

  it('has no English when the template has none, and leaves out a line whose variables are all empty', () => {
    // given a request without a known citizen
    const anonymous = { ...facts, citizenName: '' };

    // when
    const rendered = renderReplyTemplate(
      text('Madame, Monsieur,\nÀ l’attention de {{citizenName}}\nLe {{dateVisite}}.'),
      anonymous,
    );

    // then
    expect(rendered.en).toBeNull();
    expect(rendered.fr.body).toBe('Madame, Monsieur,\nLe 18 mars 2026.');
  });

  it('names the variables neither the request nor the form gives', () => {
    // given the form's plain fields (not files, not inside a group's path)
    const keys = templateFieldKeys(form);
    expect(keys).toEqual(['nature', 'dateVisite']);

    // when a template names unknown ones
    const unknown = unknownTemplateVariables(
      text('{{trackingCode}} {{nature}} {{montant}} {{photos}} {{montant}}'),
      keys,
    );

    // then each is named once
    expect(unknown).toEqual(['montant', 'photos']);
  });
});
