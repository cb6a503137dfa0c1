// Sandbox-safe: reading an element's zeebe:properties from the IR, for hosts.
import type { ProcessIR } from '../runtime/types.ts';
import { compiled } from './ir.ts';

/** zeebe:properties of one element (Parvis settings such as `sla.pauses`), empty when none. */
export function elementProperties(ir: ProcessIR, elementId: string): Record<string, string> {
  return compiled(ir).elements[elementId]?.properties ?? {};
}
