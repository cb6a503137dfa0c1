/// <reference path="./bpmn-moddle.d.ts" />
// Sandbox-safe: BPMN XML to moddle elements with the zeebe extensions; XML and schema
// problems become model problems with line and column.

import { BpmnModdle, type ModdleElement, type ModdleWarning } from 'bpmn-moddle';
import zeebeSchema from 'zeebe-bpmn-moddle/resources/zeebe.json' with { type: 'json' };
import type { ModelProblem } from '../runtime/types.ts';
import { problemAt, shortType } from './problems.ts';

export type ParsedXml =
  | { ok: true; definitions: ModdleElement; problems: ModelProblem[] }
  | { ok: false; problems: ModelProblem[] };

// Building the moddle registry costs more than parsing a small model: build it once.
// Each fromXML call keeps its own context, so sharing the instance is safe.
let sharedModdle: BpmnModdle | undefined;

/** Parses BPMN XML; never throws. */
export async function parseXml(xml: string): Promise<ParsedXml> {
  sharedModdle ??= new BpmnModdle({ zeebe: zeebeSchema });
  const moddle = sharedModdle;
  try {
    const { rootElement, warnings } = await moddle.fromXML(withoutDiagram(xml), 'bpmn:Definitions');
    if (rootElement?.$type !== 'bpmn:Definitions') {
      return { ok: false, problems: [{ code: 'XML_SYNTAX', message: 'The document is not a BPMN definitions file.' }] };
    }
    return { ok: true, definitions: rootElement, problems: warnings.map((warning) => fromWarning(warning, xml)) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, problems: [xmlProblem(message)] };
  }
}

/**
 * The diagram (BPMNDI shapes and edges) is often half the file and the engine never reads it:
 * cut it before parsing. It follows the processes, so line numbers of problems do not move.
 */
function withoutDiagram(xml: string): string {
  const open = /<([\w-]+:)?BPMNDiagram\b/.exec(xml);
  if (!open) return xml;
  const closeTag = `</${open[1] ?? ''}BPMNDiagram>`;
  const close = xml.lastIndexOf(closeTag);
  if (close < open.index) return xml;
  return xml.slice(0, open.index) + xml.slice(close + closeTag.length);
}

function position(message: string): { line?: number; column?: number } {
  // moddle counts lines and columns from zero
  const line = /line: (\d+)/.exec(message);
  const column = /column: (\d+)/.exec(message);
  return {
    ...(line ? { line: Number(line[1]) + 1 } : {}),
    ...(column ? { column: Number(column[1]) + 1 } : {}),
  };
}

function xmlProblem(message: string): ModelProblem {
  const nested = /nested error: (.*)/.exec(message)?.[1] ?? message.split('\n')[0];
  const where = position(message);
  const at = where.line ? ` at line ${where.line}, column ${where.column ?? '?'}` : '';
  const atFr = where.line ? ` ligne ${where.line}, colonne ${where.column ?? '?'}` : '';
  return {
    code: 'XML_SYNTAX',
    message: `The XML does not parse${at}: ${nested}. Fix the XML (an editor such as Camunda Modeler shows the spot).`,
    messageFr: `Le XML est illisible${atFr} : ${nested}. Corrigez le XML (un éditeur comme Camunda Modeler montre l'endroit).`,
    ...where,
  };
}

function idNear(xml: string, line: number | undefined, tag: string): string | undefined {
  if (line === undefined) return undefined;
  const text = xml
    .split('\n')
    .slice(line - 1, line + 1)
    .join('\n');
  const local = tag.includes(':') ? tag.slice(tag.indexOf(':') + 1) : tag;
  const at = text.search(new RegExp(`<[\\w-]*:?${local}\\b`, 'i'));
  return at < 0 ? undefined : /\bid="([^"]*)"/.exec(text.slice(at))?.[1];
}

function fromWarning(warning: ModdleWarning, xml: string): ModelProblem {
  const where = position(warning.message);
  const unknown = /unknown type <([^>]+)>/.exec(warning.message);
  if (unknown) {
    const type = unknown[1]!;
    const elementId = idNear(xml, where.line, type);
    return {
      code: 'UNKNOWN_ELEMENT',
      message: `<${type}>${elementId ? ` (${elementId})` : ''} is not a BPMN 2.0 or zeebe element. Remove it or replace it with a supported element (see docs/bpmn-coverage.md).`,
      messageFr: `<${type}>${elementId ? ` (${elementId})` : ''} n'est pas un élément BPMN 2.0 ni zeebe. Supprimez-le ou remplacez-le par un élément pris en charge (voir docs/bpmn-coverage.md).`,
      ...(elementId ? { elementId } : {}),
      elementType: shortType(type),
      ...where,
    };
  }
  const unresolved = /unresolved reference <([^>]*)>/.exec(warning.message);
  if (unresolved) {
    return problemAt(
      warning.element,
      'DANGLING_REFERENCE',
      `${warning.element?.id ?? 'An element'} refers to "${unresolved[1]}"${warning.property ? ` (${warning.property})` : ''}, which does not exist. Point it at an existing element or remove the reference.`,
      `${warning.element?.id ?? 'Un élément'} fait référence à « ${unresolved[1]} »${warning.property ? ` (${warning.property})` : ''}, qui n'existe pas. Pointez vers un élément existant ou supprimez la référence.`,
    );
  }
  const duplicate = /duplicate ID <([^>]*)>/.exec(warning.message);
  if (duplicate) {
    return {
      code: 'DUPLICATE_ID',
      message: `The id "${duplicate[1]}" is used by more than one element. Give each element its own id.`,
      messageFr: `L'identifiant « ${duplicate[1]} » est utilisé par plusieurs éléments. Donnez à chacun son propre identifiant.`,
      elementId: duplicate[1]!,
      ...where,
    };
  }
  const nested = /nested error: (.*)/.exec(warning.message)?.[1];
  const first = warning.message.split('\n')[0] ?? warning.message;
  return {
    code: 'XML_SCHEMA',
    message: `${first}${nested ? ` (${nested})` : ''}. Fix the XML at this spot.`,
    messageFr: `${first}${nested ? ` (${nested})` : ''}. Corrigez le XML à cet endroit.`,
    ...where,
  };
}
