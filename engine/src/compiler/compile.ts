// Sandbox-safe: BPMN XML (Camunda 8 / zeebe flavour) to the JSON IR the interpreter runs.

import type { ModdleElement } from 'bpmn-moddle';
import type { DecisionIR } from '../dmn/decision-ir.ts';
import { type DecisionFile, readDecisions } from '../dmn/read-dmn.ts';
import type { CompileResult, Json, ModelProblem, ProcessIR } from '../runtime/types.ts';
import { sha256Hex } from '../util/sha256.ts';
import { linkCompensation } from './compensation.ts';
import { decodeXml, type XmlSource } from './decode-xml.ts';
import { readEmbeddedForms } from './embedded-forms.ts';
import { endlessLoops } from './endless-loops.ts';
import { type CompiledProcess, IR_VERSION } from './ir.ts';
import { linkStructure } from './link-structure.ts';
import { externalJobWarnings, unreachableElements } from './model-warnings.ts';
import { parseXml } from './parse-xml.ts';
import { markInclusiveReach } from './reachability.ts';
import { readElements } from './read-elements.ts';
import { calledDecisionProblems } from './validate-decisions.ts';
import { validateModel } from './validate-model.ts';
import { readProperties } from './zeebe-extensions.ts';

export type { DecisionFile } from '../dmn/read-dmn.ts';
export type { XmlSource } from './decode-xml.ts';

export interface CompileOptions {
  /**
   * The DMN 1.3 files deployed with the procedure (those beside the model): their decisions are
   * compiled into the IR, and business rule tasks with `zeebe:calledDecision` evaluate them.
   * Give `{ name, xml }` so that problems name the file.
   */
  decisions?: DecisionFile[];
}

/**
 * Compiles a BPMN model; problems come back as errors naming their element, never as exceptions.
 * The model may be text (already decoded) or the file's bytes, decoded by the encoding its XML
 * declaration names (UTF-8, ISO-8859-1, windows-1252, UTF-16…).
 */
export async function compile(source: XmlSource, options: CompileOptions = {}): Promise<CompileResult> {
  const decoded = decodeXml(source);
  if (!decoded.ok) return { ok: false, errors: [decoded.problem] };
  const parsed = await parseXml(decoded.text);
  if (!parsed.ok) return { ok: false, errors: parsed.problems };
  const process = pickProcess(parsed.definitions);
  if (!process) return { ok: false, errors: [...parsed.problems, noProcess(parsed.definitions)] };
  try {
    const decisions = await readDecisions(options.decisions ?? []);
    return build(process, [...parsed.problems, ...decisions.problems], decisions.decisions);
  } catch (error) {
    // A defect of ours must not take the caller down: report it as a problem instead.
    const message = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      errors: [
        {
          code: 'INTERNAL',
          message: `The compiler failed on process ${process.id ?? '(no id)'}: ${message}. Please report this model.`,
          messageFr: `Le compilateur a échoué sur le processus ${process.id ?? '(sans identifiant)'} : ${message}. Merci de signaler ce modèle.`,
          ...(process.id ? { elementId: process.id, elementType: 'process' } : {}),
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

/** No process in the file: name what is there instead (the definitions, a collaboration's pools). */
function noProcess(definitions: ModdleElement): ModelProblem {
  const roots = (definitions.rootElements as ModdleElement[] | undefined) ?? [];
  const collaboration = roots.find((root) => root.$type === 'bpmn:Collaboration');
  const pools = ((collaboration?.participants as ModdleElement[] | undefined) ?? []).map(
    (participant) => participant.name ?? participant.id ?? '?',
  );
  const name = definitions.id ? `definitions ${definitions.id}` : 'the file';
  const there = collaboration
    ? ` only collaboration ${collaboration.id ?? ''}${pools.length > 0 ? ` (pools ${pools.join(', ')})` : ''}`
    : ' nothing runnable';
  const thereFr = collaboration
    ? ` seulement la collaboration ${collaboration.id ?? ''}${pools.length > 0 ? ` (couloirs ${pools.join(', ')})` : ''}`
    : ' rien d’exécutable';
  return {
    code: 'NO_PROCESS',
    message: `There is no process in ${name}, but${there}. Draw a process (not only a collaboration or empty pools).`,
    messageFr: `Il n'y a aucun processus dans ${definitions.id ? `les définitions ${definitions.id}` : 'le fichier'}, mais${thereFr}. Dessinez un processus (pas seulement une collaboration ou des couloirs vides).`,
    ...(definitions.id ? { elementId: definitions.id, elementType: 'definitions' } : {}),
  };
}

function build(
  process: ModdleElement,
  outsideProblems: ModelProblem[],
  decisions: Record<string, DecisionIR>,
): CompileResult {
  const model = readElements(process);
  const problems = [...outsideProblems, ...model.problems];
  const structure = linkStructure(model.elements, problems);
  problems.push(...linkCompensation(model.elements, model.associations));
  const processLabel = {
    id: process.id ?? 'process',
    ...(typeof process.name === 'string' && process.name !== '' ? { name: process.name } : {}),
  };
  problems.push(
    ...validateModel(model.elements, model.flows, {
      process: processLabel,
      hasProcessStart: structure.startEvents.length > 0,
      refusedDefinitions: model.refusedDefinitions,
    }),
  );
  problems.push(...endlessLoops(model.elements, model.flows));
  problems.push(...calledDecisionProblems(model.elements, decisions));
  const embedded = readEmbeddedForms(process, model.elements);
  problems.push(...embedded.problems);
  if (problems.length > 0) return { ok: false, errors: problems };
  markInclusiveReach(model.elements, model.flows);

  const noneStart = structure.startEvents.find((start) => !start.trigger);
  const startFormId = noneStart ? model.elements[noneStart.id]?.startForm : undefined;
  const body: Omit<CompiledProcess, 'hash'> = {
    version: IR_VERSION,
    processId: processLabel.id,
    ...(processLabel.name ? { name: processLabel.name } : {}),
    ...(startFormId ? { startFormId } : {}),
    properties: readProperties(process),
    elements: model.elements,
    flows: model.flows,
    startEvents: structure.startEvents,
    eventStarts: structure.eventStarts,
    ...(Object.keys(decisions).length > 0 ? { decisions } : {}),
    ...(Object.keys(embedded.forms).length > 0 ? { forms: embedded.forms as Record<string, Json> } : {}),
  };
  const ir = { ...body, hash: sha256Hex(JSON.stringify(body)) };
  const warnings = [
    ...unreachableElements(model.elements, model.flows, structure.startEvents),
    ...externalJobWarnings(model.elements),
  ];
  return { ok: true, ir: ir as unknown as ProcessIR, warnings };
}
