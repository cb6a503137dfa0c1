import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import zeebeDescriptor from 'zeebe-bpmn-moddle/resources/zeebe.json';
import type { VersionChange } from './diff-versions.ts';

const MARKER: Record<VersionChange['kind'], string> = {
  added: 'parvis-diff--added',
  removed: 'parvis-diff--removed',
  changed: 'parvis-diff--changed',
  layout: 'parvis-diff--layout',
};

/** Two read-only diagrams side by side, each change marked on the side where it shows. */
export async function createDiffViewers(
  containers: { before: HTMLElement; after: HTMLElement },
  xml: { before: string; after: string },
  changes: VersionChange[],
): Promise<{ destroy(): void }> {
  const viewers = {
    before: new NavigatedViewer({ container: containers.before, moddleExtensions: { zeebe: zeebeDescriptor } }),
    after: new NavigatedViewer({ container: containers.after, moddleExtensions: { zeebe: zeebeDescriptor } }),
  };
  for (const side of ['before', 'after'] as const) {
    const viewer = viewers[side];
    await viewer.importXML(xml[side]);
    const canvas = viewer.get<{ zoom(mode: string): void; addMarker(id: string, marker: string): void }>('canvas');
    const registry = viewer.get<{ get(id: string): unknown }>('elementRegistry');
    canvas.zoom('fit-viewport');
    for (const change of changes) {
      if (change.kind === 'added' && side === 'before') continue;
      if (change.kind === 'removed' && side === 'after') continue;
      if (registry.get(change.elementId)) canvas.addMarker(change.elementId, MARKER[change.kind]);
    }
  }
  return {
    destroy() {
      viewers.before.destroy();
      viewers.after.destroy();
    },
  };
}
