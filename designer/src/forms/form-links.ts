import { businessObject, type ModdleElement } from '../features/parvis-properties/zeebe-properties.ts';

export interface LinkedForm {
  elementId: string;
  elementName?: string;
  elementType: string;
  formId: string;
}

interface DiagramElement {
  id: string;
  type?: string;
  businessObject: ModdleElement;
}

const extensionValues = (bo: ModdleElement): ModdleElement[] =>
  ((bo.get('extensionElements') as ModdleElement | undefined)?.get('values') as ModdleElement[] | undefined) ?? [];

/** The zeebe:formDefinition formId (or formKey) an element links, if any. */
export function formIdOf(element: DiagramElement | ModdleElement): string | undefined {
  const definition = extensionValues(businessObject(element)).find((v) => v.$type === 'zeebe:FormDefinition');
  return (definition?.formId as string | undefined) || (definition?.formKey as string | undefined) || undefined;
}

/** Forms linked by the start events and user tasks on the diagram. */
export function linkedForms(elements: DiagramElement[]): LinkedForm[] {
  const links: LinkedForm[] = [];
  for (const element of elements) {
    const bo = element.businessObject;
    if (!bo || element.type === 'label' || !['bpmn:StartEvent', 'bpmn:UserTask'].includes(bo.$type)) continue;
    const formId = formIdOf(element);
    if (formId)
      links.push({
        elementId: element.id,
        elementType: bo.$type,
        formId,
        ...(bo.name ? { elementName: bo.name } : {}),
      });
  }
  return links;
}

/** A new form for a step: one comment field, to be shaped in the form editor. */
export function blankForm(id: string, label: string): Record<string, unknown> {
  return {
    id,
    type: 'default',
    schemaVersion: 18,
    executionPlatform: 'Camunda Cloud',
    exporter: { name: 'Parvis', version: '0.1.0' },
    components: [{ id: `Field_${id.replace(/[^\w]/g, '_')}_comment`, key: 'comment', type: 'textarea', label }],
  };
}

interface Services {
  bpmnFactory: { create(type: string, attributes?: Record<string, unknown>): ModdleElement };
  commandStack: { execute(command: string, context: unknown): void };
}

/** Links a form to a start event or user task (zeebe:formDefinition formId), in one undoable command. */
export function linkForm(services: Services, element: DiagramElement, formId: string): void {
  const bo = element.businessObject;
  const commands: { cmd: string; context: Record<string, unknown> }[] = [];
  const update = (moddleElement: ModdleElement, properties: Record<string, unknown>) =>
    commands.push({ cmd: 'element.updateModdleProperties', context: { element, moddleElement, properties } });
  let extension = bo.get('extensionElements') as ModdleElement | undefined;
  if (!extension) {
    extension = services.bpmnFactory.create('bpmn:ExtensionElements', { values: [] });
    extension.$parent = bo;
    update(bo, { extensionElements: extension });
  }
  const values = [...((extension.get('values') as ModdleElement[]) ?? [])];
  const existing = values.find((v) => v.$type === 'zeebe:FormDefinition');
  if (existing) {
    update(existing, { formId, formKey: undefined });
  } else {
    const definition = services.bpmnFactory.create('zeebe:FormDefinition', { formId });
    definition.$parent = extension;
    values.push(definition);
  }
  if (bo.$type === 'bpmn:UserTask' && !values.some((v) => v.$type === 'zeebe:UserTask')) {
    const marker = services.bpmnFactory.create('zeebe:UserTask');
    marker.$parent = extension;
    values.push(marker);
  }
  update(extension, { values });
  services.commandStack.execute('properties-panel.multi-command-executor', commands);
}
