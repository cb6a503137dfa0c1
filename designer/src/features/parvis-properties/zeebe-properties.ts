// Reading and writing zeebe:properties (name/value pairs) of a BPMN element: where Parvis keeps its
// settings (SLA, silence regime, signature, channels, notification texts) so Camunda Modeler keeps them too.

/** A moddle element as bpmn-js gives it: `$type`, its attributes, `get` and `set`. */
export interface ModdleElement {
  $type: string;
  id?: string;
  name?: string;
  get(name: string): unknown;
  [attribute: string]: unknown;
}

/** The business object of a diagram element, or the element itself when it is one. */
export function businessObject(element: { businessObject?: ModdleElement } | ModdleElement): ModdleElement {
  return ((element as { businessObject?: ModdleElement }).businessObject ?? element) as ModdleElement;
}

function propertiesOf(bo: ModdleElement): ModdleElement | undefined {
  const extension = bo.get('extensionElements') as ModdleElement | undefined;
  return (extension?.get('values') as ModdleElement[] | undefined)?.find((value) => value.$type === 'zeebe:Properties');
}

/** Every zeebe:property of an element, by name. */
export function readProperties(element: { businessObject?: ModdleElement } | ModdleElement): Record<string, string> {
  const properties = propertiesOf(businessObject(element));
  const result: Record<string, string> = {};
  for (const property of (properties?.get('properties') as ModdleElement[] | undefined) ?? [])
    if (typeof property.name === 'string') result[property.name] = String(property.value ?? '');
  return result;
}

/** The bpmn-js services writing needs. */
export interface WriteServices {
  bpmnFactory: { create(type: string, attributes?: Record<string, unknown>): ModdleElement };
  commandStack: { execute(command: string, context: unknown): void };
}

/**
 * Sets zeebe:properties of an element in one undoable command: a value of '' or undefined removes
 * the property; extension elements and the zeebe:Properties container are created when missing.
 */
export function writeProperties(
  services: WriteServices,
  element: { businessObject?: ModdleElement },
  changes: Record<string, string | undefined>,
): void {
  const { bpmnFactory, commandStack } = services;
  const bo = businessObject(element);
  const commands: { cmd: string; context: Record<string, unknown> }[] = [];
  const update = (moddleElement: ModdleElement, properties: Record<string, unknown>) =>
    commands.push({ cmd: 'element.updateModdleProperties', context: { element, moddleElement, properties } });

  let extension = bo.get('extensionElements') as ModdleElement | undefined;
  if (!extension) {
    extension = bpmnFactory.create('bpmn:ExtensionElements', { values: [] });
    extension.$parent = bo;
    update(bo, { extensionElements: extension });
  }
  let container = propertiesOf(bo);
  if (!container) {
    container = bpmnFactory.create('zeebe:Properties', { properties: [] });
    container.$parent = extension;
    update(extension, { values: [...(extension.get('values') as ModdleElement[]), container] });
  }
  let list = [...((container.get('properties') as ModdleElement[] | undefined) ?? [])];
  for (const [name, value] of Object.entries(changes)) {
    const existing = list.find((property) => property.name === name);
    if (value === undefined || value === '') {
      list = list.filter((property) => property !== existing);
    } else if (existing) {
      update(existing, { value });
    } else {
      const property = bpmnFactory.create('zeebe:Property', { name, value });
      property.$parent = container;
      list.push(property);
    }
  }
  update(container, { properties: list });
  commandStack.execute('properties-panel.multi-command-executor', commands);
}
