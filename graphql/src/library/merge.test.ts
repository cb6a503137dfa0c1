import { describe, expect, it } from 'vitest';
import { mergeUpgrade } from './merge.ts';

const text = (subject: string) => ({ subject, body: `${subject}…` });
const base = {
  bpmn: '<model v1/>',
  forms: { start: { id: 'start', components: [1] }, check: { id: 'check', components: [1] } },
  texts: { acknowledgement: { fr: text('Reçu'), en: text('Received') }, taskOpened: { fr: text('À traiter') } },
};

describe('an upgrade merged part by part', () => {
  it('takes every library change when the town adapted nothing', () => {
    const library = { ...base, bpmn: '<model v2/>', texts: { ...base.texts, requestClosed: { fr: text('Close') } } };
    expect(mergeUpgrade(base, base, library)).toEqual({ merged: library, adaptations: [] });
  });

  it("keeps the town's adaptations where the library left the part as it was, and says so", () => {
    const town = {
      ...base,
      forms: { ...base.forms, start: { id: 'start', components: [1, 'town'] } },
      texts: { ...base.texts, acknowledgement: { ...base.texts.acknowledgement, fr: text('Bien reçu à Valmont') } },
    };
    const library = {
      ...base,
      bpmn: '<model v2/>',
      forms: { ...base.forms, check: { id: 'check', components: [1, 'library'] } },
      texts: { ...base.texts, acknowledgement: { ...base.texts.acknowledgement, en: text('Received, v2') } },
    };
    const { merged, adaptations } = mergeUpgrade(base, town, library);
    expect(merged).toEqual({
      bpmn: '<model v2/>',
      forms: { start: town.forms.start, check: library.forms.check },
      texts: {
        acknowledgement: { fr: text('Bien reçu à Valmont'), en: text('Received, v2') },
        taskOpened: { fr: text('À traiter') },
      },
    });
    expect(adaptations).toEqual([
      { part: 'form:start', kept: true },
      { part: 'text:acknowledgement.fr', kept: true },
    ]);
  });

  it("replaces a town's adaptation by the library's when both changed the same part, and reports it", () => {
    const town = { ...base, bpmn: '<model town/>', texts: { ...base.texts, taskOpened: { fr: text('Ville') } } };
    const library = {
      ...base,
      bpmn: '<model v2/>',
      texts: { ...base.texts, taskOpened: { fr: text('Bibliothèque') } },
    };
    const { merged, adaptations } = mergeUpgrade(base, town, library);
    expect(merged.bpmn).toBe('<model v2/>');
    expect(merged.texts.taskOpened).toEqual({ fr: text('Bibliothèque') });
    expect(adaptations).toEqual([
      { part: 'model', kept: false },
      { part: 'text:taskOpened.fr', kept: false },
    ]);
  });

  it('keeps a form the town added and drops one the library removed that the town had not touched', () => {
    const town = { ...base, forms: { ...base.forms, extra: { id: 'extra' } } };
    const library = { ...base, forms: { start: base.forms.start } };
    const { merged, adaptations } = mergeUpgrade(base, town, library);
    expect(Object.keys(merged.forms).sort()).toEqual(['extra', 'start']);
    expect(adaptations).toEqual([{ part: 'form:extra', kept: true }]);
  });
});
