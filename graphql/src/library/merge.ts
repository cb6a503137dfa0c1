import { canonicalJson, type Json } from '@parvis/engine';

/** A version's parts that a town may adapt. */
export interface Adaptable {
  bpmn: string;
  forms: Record<string, Json>;
  texts: Record<string, Json>;
}

/** What an upgrade did with one part the town had changed: carried into the new version, or replaced by the library's. */
export interface Adaptation {
  /** `model`, `form:<id>` or `text:<event>.<language>` */
  part: string;
  kept: boolean;
}

const same = (a: unknown, b: unknown) => canonicalJson(a ?? null) === canonicalJson(b ?? null);

/**
 * Three-way merge of an upgrade, part by part (the model, each form, each text of an event in a
 * language): `base` is the library version the town installed, `town` the town's latest version,
 * `library` the newer library version. A part the town did not change comes from the library; a
 * part the town changed is kept when the library left it as it was, else the library's replaces
 * it and the adaptation is reported as not kept (the diff page shows it).
 */
export function mergeUpgrade(
  base: Adaptable,
  town: Adaptable,
  library: Adaptable,
): { merged: Adaptable; adaptations: Adaptation[] } {
  const adaptations: Adaptation[] = [];
  const pick = <T>(part: string, b: T | undefined, t: T | undefined, l: T | undefined): T | undefined => {
    if (same(t, b)) return l;
    const kept = same(l, b);
    adaptations.push({ part, kept });
    return kept ? t : l;
  };
  const bpmn = pick('model', base.bpmn, town.bpmn, library.bpmn)!;
  const forms: Record<string, Json> = {};
  for (const id of keysOf(base.forms, town.forms, library.forms)) {
    const form = pick(`form:${id}`, base.forms[id], town.forms[id], library.forms[id]);
    if (form !== undefined) forms[id] = form;
  }
  const texts: Record<string, Record<string, Json>> = {};
  const byEvent = (texts: Record<string, Json>, event: string) => (texts[event] ?? {}) as Record<string, Json>;
  for (const event of keysOf(base.texts, town.texts, library.texts)) {
    const [b, t, l] = [byEvent(base.texts, event), byEvent(town.texts, event), byEvent(library.texts, event)];
    for (const language of keysOf(b, t, l)) {
      const text = pick(`text:${event}.${language}`, b[language], t[language], l[language]);
      if (text !== undefined) texts[event] = { ...texts[event], [language]: text };
    }
  }
  return { merged: { bpmn, forms, texts: texts as Record<string, Json> }, adaptations };
}

const keysOf = (...objects: Record<string, unknown>[]) => [...new Set(objects.flatMap((o) => Object.keys(o)))].sort();
