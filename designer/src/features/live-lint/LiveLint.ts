import { checkModel } from '../../check/check-model.ts';
import { type DesignerProblem, problemText } from '../../check/problem.ts';

interface EventBus {
  on(event: string | string[], callback: (event: unknown) => void): void;
  fire(event: string, data?: unknown): void;
}
interface BpmnJs {
  saveXML(options?: { format?: boolean }): Promise<{ xml?: string }>;
  getDefinitions(): unknown;
}
interface Overlays {
  add(elementId: string, type: string, overlay: { position: Record<string, number>; html: HTMLElement }): string;
  remove(filter: { type: string }): void;
}
interface Canvas {
  addMarker(elementId: string, marker: string): void;
  removeMarker(elementId: string, marker: string): void;
}
interface ElementRegistry {
  get(id: string): { parent?: unknown } | undefined;
}

const MARKERS = { error: 'parvis-problem--error', warning: 'parvis-problem--warning' };

/**
 * Checks the model as it changes — the engine's compile (the same words as at deploy) and bpmnlint —
 * and shows each problem on its element: a marker and a badge naming the problem. The page reads
 * the list from the event `parvis.problems.changed`.
 */
export default class LiveLint {
  static $inject = ['eventBus', 'bpmnjs', 'overlays', 'canvas', 'elementRegistry', 'config.parvis'];

  private forms: Record<string, unknown> = {};
  private decisions: { name: string; xml: string }[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private marked: { id: string; marker: string }[] = [];
  private run = 0;
  private readonly lang: 'fr' | 'en';
  problems: DesignerProblem[] = [];

  constructor(
    private readonly eventBus: EventBus,
    private readonly bpmnjs: BpmnJs,
    private readonly overlays: Overlays,
    private readonly canvas: Canvas,
    private readonly elementRegistry: ElementRegistry,
    config?: { lang?: 'fr' | 'en'; lintDelay?: number },
  ) {
    this.lang = config?.lang ?? 'fr';
    const delay = config?.lintDelay ?? 300;
    eventBus.on(['import.done', 'commandStack.changed'], () => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => void this.check(), delay);
    });
  }

  /** The forms of the version: a linked form that is missing is a problem. */
  setForms(forms: Record<string, unknown>): Promise<DesignerProblem[]> {
    this.forms = forms;
    return this.check();
  }

  /** The DMN files deployed with the version, whose decisions business rule tasks call (checked at the next check). */
  setDecisions(decisions: { name: string; xml: string }[]): void {
    this.decisions = decisions;
  }

  /** Checks now, shows the problems and returns them. */
  async check(): Promise<DesignerProblem[]> {
    const run = ++this.run;
    const { xml } = await this.bpmnjs.saveXML({ format: false });
    const problems = await checkModel(xml ?? '', this.forms, this.bpmnjs.getDefinitions(), {
      decisions: this.decisions,
    });
    if (run !== this.run) return problems; // a newer check is under way
    this.problems = problems;
    this.show(problems);
    this.eventBus.fire('parvis.problems.changed', { problems });
    return problems;
  }

  private show(problems: DesignerProblem[]) {
    this.overlays.remove({ type: 'parvis-problem' });
    for (const { id, marker } of this.marked) this.canvas.removeMarker(id, marker);
    this.marked = [];
    const byElement = new Map<string, DesignerProblem[]>();
    for (const problem of problems) {
      // Problems of the whole process (the root) stay in the list: a marker there would paint everything.
      if (!problem.elementId || !this.elementRegistry.get(problem.elementId)?.parent) continue;
      byElement.set(problem.elementId, [...(byElement.get(problem.elementId) ?? []), problem]);
    }
    for (const [id, list] of byElement) {
      const severity = list.some((p) => p.severity === 'error') ? 'error' : 'warning';
      this.canvas.addMarker(id, MARKERS[severity]);
      this.marked.push({ id, marker: MARKERS[severity] });
      const badge = document.createElement('span');
      badge.className = `parvis-problem-badge parvis-problem-badge--${severity}`;
      badge.dataset.elementId = id;
      badge.textContent = String(list.length);
      badge.title = list.map((p) => problemText(p, this.lang)).join('\n');
      badge.setAttribute('role', 'img');
      badge.setAttribute('aria-label', badge.title);
      this.overlays.add(id, 'parvis-problem', { position: { top: -12, right: 12 }, html: badge });
    }
  }
}
