import DmnModeler from 'dmn-js/lib/Modeler';
import { StyleModule } from 'style-mod';
import 'dmn-js/dist/assets/diagram-js.css';
import 'dmn-js/dist/assets/dmn-js-shared.css';
import 'dmn-js/dist/assets/dmn-js-drd.css';
import 'dmn-js/dist/assets/dmn-js-decision-table.css';
import 'dmn-js/dist/assets/dmn-js-decision-table-controls.css';
import 'dmn-js/dist/assets/dmn-js-literal-expression.css';
import 'dmn-js/dist/assets/dmn-font/css/dmn-embedded.css';

/** A decision of the file the analyst can open: a table or a literal expression (not the diagram). */
export interface DecisionView {
  id: string;
  name: string;
  type: 'decisionTable' | 'literalExpression';
}

export interface DecisionEditor {
  /** the file's decisions, to choose which one is shown */
  decisions: DecisionView[];
  /** shows that decision */
  open(id: string): Promise<void>;
  destroy(): void;
}

/**
 * dmn-js's FEEL cells are CodeMirror editors, which write their styles into one <style> tag per
 * document (style-mod). The portal's content security policy lets a <style> through only with the
 * page's nonce: the tag is made here first, carrying the nonce the page's own tags carry.
 */
function styleTagWithPageNonce(): void {
  const nonce = document.querySelector<HTMLElement>('script[nonce], style[nonce]')?.nonce;
  if (nonce) StyleModule.mount(document, [], { nonce });
}

/**
 * dmn-js on a container with one DMN file, showing its first decision; `onChange` receives the
 * file's XML after each edit. A file dmn-js cannot read is refused with its message.
 */
export async function createDecisionEditor(
  container: HTMLElement,
  xml: string,
  onChange: (xml: string) => void,
): Promise<DecisionEditor> {
  styleTagWithPageNonce();
  const modeler = new DmnModeler({ container });
  await modeler.importXML(xml);
  const watched = new WeakSet<object>();
  const watchActive = () => {
    const viewer = modeler.getActiveViewer();
    if (!viewer || watched.has(viewer)) return;
    watched.add(viewer);
    viewer.get('eventBus').on('commandStack.changed', async () => {
      const saved = await modeler.saveXML({ format: true });
      if (saved.xml) onChange(saved.xml);
    });
  };
  modeler.on('views.changed', watchActive);
  const views = modeler.getViews().filter((view) => view.type === 'decisionTable' || view.type === 'literalExpression');
  const open = async (id: string) => {
    const view = views.find((candidate) => candidate.element.id === id);
    if (view) await modeler.open(view);
    watchActive();
  };
  const [first] = views;
  if (first) await open(first.element.id);
  return {
    decisions: views.map((view) => ({
      id: view.element.id,
      name: view.element.name || view.element.id,
      type: view.type as DecisionView['type'],
    })),
    open,
    destroy: () => modeler.destroy(),
  };
}
