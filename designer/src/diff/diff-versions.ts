import { diff } from 'bpmn-js-differ';
import { BpmnModdle } from 'bpmn-moddle';
import zeebeDescriptor from 'zeebe-bpmn-moddle/resources/zeebe.json';

export interface VersionChange {
  elementId: string;
  elementType: string;
  elementName?: string;
  kind: 'added' | 'removed' | 'changed' | 'layout';
  /** attributes changed, with old and new values (changed elements only) */
  attributes?: { name: string; oldValue: string; newValue: string }[];
}

const text = (value: unknown): string =>
  value === undefined || value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);

/** What changed from one version's BPMN to another's: elements added, removed, changed, moved. */
export async function diffVersions(oldXml: string, newXml: string): Promise<VersionChange[]> {
  const moddle = new BpmnModdle({ zeebe: zeebeDescriptor });
  const [before, after] = await Promise.all([moddle.fromXML(oldXml), moddle.fromXML(newXml)]);
  const changes = diff(before.rootElement, after.rootElement);
  const list: VersionChange[] = [];
  const push = (kind: VersionChange['kind'], element: { $type: string; id: string; name?: string }, extra = {}) =>
    list.push({
      elementId: element.id,
      elementType: element.$type.replace('bpmn:', ''),
      ...(element.name ? { elementName: element.name } : {}),
      kind,
      ...extra,
    });
  for (const element of Object.values(changes._added)) push('added', element);
  for (const element of Object.values(changes._removed)) push('removed', element);
  for (const { model, attrs } of Object.values(changes._changed))
    push('changed', model, {
      attributes: Object.entries(attrs).map(([name, { oldValue, newValue }]) => ({
        name,
        oldValue: text(oldValue),
        newValue: text(newValue),
      })),
    });
  for (const element of Object.values(changes._layoutChanged))
    if (!(element.id in changes._changed)) push('layout', element);
  return list;
}
