import { NOTIFICATION_EVENTS, type ProcedureTexts } from '@parvis/engine';
import { textProperty } from '../features/parvis-properties/settings.ts';

export type { ProcedureTexts };

/** The texts written in the process's zeebe:properties (`texts.<event>.<lang>.subject|body`), complete ones only. */
export function textsFromProperties(properties: Record<string, string>): ProcedureTexts {
  const texts: ProcedureTexts = {};
  for (const event of NOTIFICATION_EVENTS) {
    for (const lang of ['fr', 'en'] as const) {
      const subject = properties[textProperty(event, lang, 'subject')]?.trim();
      const body = properties[textProperty(event, lang, 'body')]?.trim();
      if (subject && body) texts[event] = { ...texts[event], [lang]: { subject, body } };
    }
  }
  return texts;
}

/** The zeebe:properties that write these texts on the process. */
export function propertiesFromTexts(texts: ProcedureTexts): Record<string, string> {
  const properties: Record<string, string> = {};
  for (const event of NOTIFICATION_EVENTS) {
    for (const lang of ['fr', 'en'] as const) {
      const text = texts[event]?.[lang];
      if (!text) continue;
      properties[textProperty(event, lang, 'subject')] = text.subject;
      properties[textProperty(event, lang, 'body')] = text.body;
    }
  }
  return properties;
}
