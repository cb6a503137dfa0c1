// Just enough of dmn-moddle's API for the compiler; the package ships no types.
declare module 'dmn-moddle' {
  import type { ModdleElement, ParseResult } from 'bpmn-moddle';

  export interface DmnModdleInstance {
    fromXML(xml: string, typeName?: string): Promise<ParseResult>;
  }

  /** Builds a moddle that reads DMN 1.3 (with its diagram packages). */
  export function DmnModdle(packages?: Record<string, unknown>, options?: Record<string, unknown>): DmnModdleInstance;

  export type { ModdleElement };
}
