import { PARVIS_TEMPLATES } from './templates.ts';

interface EventBus {
  on(event: string, callback: (event: never) => void): void;
  fire(event: string, data?: unknown): void;
}

export interface TemplateChoice {
  id: string;
  name: string;
  description: string;
}

/**
 * Answers the properties panel's "select a template" with Parvis's service-task templates: the
 * page shows them (event `parvis.templates.choose`) and applies the one chosen.
 */
export default class ParvisTemplateChooser {
  static $inject = ['eventBus', 'elementTemplates', 'selection'];

  constructor(
    private readonly eventBus: EventBus,
    private readonly elementTemplates: { applyTemplate(element: unknown, template: unknown): unknown },
    private readonly selection: { get(): unknown[] },
  ) {
    eventBus.on('elementTemplates.select', (event: { element: unknown }) => {
      eventBus.fire('parvis.templates.choose', { element: event.element, templates: this.choices() });
    });
  }

  /** The templates the analyst may pick. */
  choices(): TemplateChoice[] {
    return PARVIS_TEMPLATES.map(({ id, name, description }) => ({ id, name, description }));
  }

  /** Applies a template to an element (the selected one by default); returns the element as changed. */
  apply(templateId: string, element: unknown = this.selection.get()[0]): unknown {
    const template = PARVIS_TEMPLATES.find((candidate) => candidate.id === templateId);
    if (!template || !element) return undefined;
    return this.elementTemplates.applyTemplate(element, template);
  }
}
