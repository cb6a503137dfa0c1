// Sandbox-safe: BPMN XML (Camunda 8 / zeebe flavour) to the JSON IR the interpreter runs.

import type { ModdleElement } from 'bpmn-moddle';
import type { CompileResult, ModelProblem, ProcessIR } from '../runtime/types.ts';
import { sha256Hex } from '../util/sha256.ts';
import type { CompiledProcess } from './ir.ts';
import { linkStructure } from './link-structure.ts';
import { unreachableElements } from './model-warnings.ts';
import { parseXml } from './parse-xml.ts';
import { markInclusiveReach } from './reachability.ts';
import { readElements } from './read-elements.ts';
import { validateModel } from './validate-model.ts';
import { readProperties } from './zeebe-extensions.ts';

/** Compiles BPMN XML; problems come back as errors naming their element, never as exceptions. */
export async function compile(xml: string): Promise<CompileResult> {
  const parsed = await parseXml(xml);
  if (!parsed.ok) return { ok: false, errors: parsed.problems };
  const process = pickProcess(parsed.definitions);
  if (!process) {
    return {
      ok: false,
      errors: [
        ...parsed.problems,
        {
          code: 'NO_PROCESS',
          message: 'The file holds no process. Draw a process (not only a collaboration).',
          messageFr: 'Le fichier ne contient aucun processus. Dessinez un processus (pas seulement une collaboration).',
        },
      ],
    };
  }
  try {
    return build(process, parsed.problems);
  } catch (error) {
    // A defect of ours must not take the caller down: report it as a problem instead.
    const message = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      errors: [
        {
          code: 'INTERNAL',
          message: `The compiler failed: ${message}. Please report this model.`,
          messageFr: `Le compilateur a échoué : ${message}. Merci de signaler ce modèle.`,
        },
      ],
    };
  }
}

function pickProcess(definitions: ModdleElement): ModdleElement | undefined {
  const roots = (definitions.rootElements as ModdleElement[] | undefined) ?? [];
  const processes = roots.filter((root) => root.$type === 'bpmn:Process');
  return processes.find((process) => process.isExecutable === true) ?? processes[0];
}

function build(process: ModdleElement, xmlProblems: ModelProblem[]): CompileResult {
  const model = readElements(process);
  const problems = [...xmlProblems, ...model.problems];
  const structure = linkStructure(model.elements, problems);
  problems.push(...validateModel(model.elements, model.flows, structure.startEvents.length > 0));
  if (problems.length > 0) return { ok: false, errors: problems };
  markInclusiveReach(model.elements, model.flows);

  const noneStart = structure.startEvents.find((start) => !start.trigger);
  const startFormId = noneStart ? model.elements[noneStart.id]?.startForm : undefined;
  const body: Omit<CompiledProcess, 'hash'> = {
    version: 1,
    processId: process.id ?? 'process',
    ...(typeof process.name === 'string' && process.name !== '' ? { name: process.name } : {}),
    ...(startFormId ? { startFormId } : {}),
    properties: readProperties(process),
    elements: model.elements,
    flows: model.flows,
    startEvents: structure.startEvents,
    eventStarts: structure.eventStarts,
  };
  const ir = { ...body, hash: sha256Hex(JSON.stringify(body)) };
  const warnings = unreachableElements(model.elements, model.flows, structure.startEvents);
  return { ok: true, ir: ir as unknown as ProcessIR, warnings };
}
