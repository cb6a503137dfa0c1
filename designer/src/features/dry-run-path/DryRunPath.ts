interface Canvas {
  addMarker(elementId: string, marker: string): void;
  removeMarker(elementId: string, marker: string): void;
}
interface ElementRegistry {
  get(id: string): unknown;
}

const TAKEN = 'parvis-dry-run--taken';
const WAITING = 'parvis-dry-run--waiting';

/** Shows a dry run on the diagram: the path taken, and where the run waits now. */
export default class DryRunPath {
  static $inject = ['canvas', 'elementRegistry'];
  private marked: { id: string; marker: string }[] = [];

  constructor(
    private readonly canvas: Canvas,
    private readonly elementRegistry: ElementRegistry,
  ) {}

  show(taken: string[], waiting: string[]): void {
    this.clear();
    const mark = (id: string, marker: string) => {
      if (!this.elementRegistry.get(id)) return;
      this.canvas.addMarker(id, marker);
      this.marked.push({ id, marker });
    };
    for (const id of new Set(taken)) mark(id, TAKEN);
    for (const id of new Set(waiting)) mark(id, WAITING);
  }

  clear(): void {
    for (const { id, marker } of this.marked) this.canvas.removeMarker(id, marker);
    this.marked = [];
  }
}
