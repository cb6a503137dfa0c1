// Node only: the analysts' command line — validate a BPMN file or dry-run it.
//   parvis-bpmn validate <file.bpmn>
//   parvis-bpmn simulate <file.bpmn> [--vars JSON] [--events FILE.jsonl] [--time ISO]
// The .dmn files beside the model are deployed with it (business rule tasks call their decisions);
// the .form files beside it, or in its forms/ folder, are the forms it links (by their id).
// Exit 0: valid / completed; 1: invalid model or bad usage; 2: stopped on an incident or waiting.

import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { compile, type DecisionFile } from '../src/compiler/compile.ts';
import { formSchemaProblems } from '../src/forms/schema-problems.ts';
import { missingFormProblems } from '../src/procedure/linked-forms.ts';
import type { ModelProblem, ProcessIR, Variables } from '../src/runtime/types.ts';
import { type SimulationEvent, simulate } from '../src/simulator/simulate.ts';

const USAGE = `usage:
  parvis-bpmn validate <file.bpmn>
  parvis-bpmn simulate <file.bpmn> [--vars JSON] [--events FILE.jsonl] [--time ISO-8601]
The .dmn files beside the model are deployed with it; the .form files beside it (or in forms/) are its forms.`;

function describeProblem(problem: ModelProblem): string {
  const where = problem.line ? `:${problem.line}${problem.column ? `:${problem.column}` : ''}` : '';
  return `${problem.code}${where}${problem.elementId ? ` [${problem.elementId}]` : ''} ${problem.message}`;
}

function filesBeside(model: string, extension: string, subfolder?: string): string[] {
  const folders = [dirname(model), ...(subfolder ? [join(dirname(model), subfolder)] : [])];
  return folders.flatMap((folder) => {
    try {
      return readdirSync(folder)
        .filter((name) => name.endsWith(extension))
        .sort()
        .map((name) => join(folder, name));
    } catch {
      return [];
    }
  });
}

/** The .dmn files beside the model, deployed with it. */
function decisionsBeside(model: string): DecisionFile[] {
  return filesBeside(model, '.dmn').map((path) => ({ name: basename(path), xml: readFileSync(path) }));
}

/**
 * The forms beside the model (Camunda Modeler's .form files, keyed by their id) and their problems:
 * a schema that would fail is an error; a linked form not found here only a warning, since it may
 * ship from elsewhere.
 */
function formsBeside(model: string, ir: ProcessIR): { errors: ModelProblem[]; warnings: ModelProblem[] } {
  const forms: Record<string, unknown> = {};
  const errors: ModelProblem[] = [];
  for (const path of filesBeside(model, '.form', 'forms')) {
    try {
      const schema = JSON.parse(readFileSync(path, 'utf8')) as { id?: unknown };
      const id = typeof schema.id === 'string' && schema.id !== '' ? schema.id : basename(path, '.form');
      forms[id] = schema;
      errors.push(...formSchemaProblems(id, schema).map((problem) => ({ ...problem, file: basename(path) })));
    } catch (error) {
      errors.push({
        code: 'FORM_INVALID',
        message: `${basename(path)} is not JSON: ${(error as Error).message}. Save it again from the form editor.`,
        file: basename(path),
      });
    }
  }
  return { errors, warnings: missingFormProblems(ir, forms) };
}

function readEvents(path: string): SimulationEvent[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line, index) => {
      try {
        return JSON.parse(line) as SimulationEvent;
      } catch {
        throw new Error(`${path}:${index + 1}: not a JSON event: ${line}`);
      }
    });
}

function readArgs(args: string[]) {
  return parseArgs({
    args,
    options: {
      vars: { type: 'string' },
      events: { type: 'string' },
      time: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
  });
}

async function main(args: string[]): Promise<number> {
  let parsed: ReturnType<typeof readArgs>;
  try {
    parsed = readArgs(args);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return 1;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const [command, file] = positionals;
  if ((command !== 'validate' && command !== 'simulate') || !file || positionals.length > 2) {
    process.stderr.write(`${USAGE}\n`);
    return 1;
  }
  // bytes: the model is decoded by the encoding its XML declaration names
  const compiled = await compile(readFileSync(file), { decisions: decisionsBeside(file) });
  const forms = compiled.ok ? formsBeside(file, compiled.ir) : { errors: [], warnings: [] };
  const result = compiled.ok && forms.errors.length > 0 ? { ok: false as const, errors: forms.errors } : compiled;
  if (!result.ok) {
    for (const problem of result.errors) process.stderr.write(`${file}: ${describeProblem(problem)}\n`);
    for (const warning of forms.warnings) process.stderr.write(`${file}: warning ${describeProblem(warning)}\n`);
    process.stdout.write(`${JSON.stringify({ valid: false, errors: result.errors })}\n`);
    return 1;
  }
  const elements = Object.keys(result.ir.elements as object).length;
  result.warnings.push(...forms.warnings);
  for (const warning of result.warnings) process.stderr.write(`${file}: warning ${describeProblem(warning)}\n`);
  if (command === 'validate') {
    const { processId, hash } = result.ir;
    process.stdout.write(`${JSON.stringify({ valid: true, processId, elements, hash, warnings: result.warnings })}\n`);
    return 0;
  }
  const { vars, events: eventsFile, time } = values;
  const simulation = simulate(result.ir, {
    ...(vars ? { variables: JSON.parse(vars) as Variables } : {}),
    ...(eventsFile ? { events: readEvents(eventsFile) } : {}),
    ...(time ? { time } : {}),
  });
  for (const line of simulation.lines) process.stdout.write(`${JSON.stringify(line)}\n`);
  const { status, variables } = simulation.state;
  process.stdout.write(
    `${JSON.stringify({ final: { outcome: simulation.outcome, status, variables, waitingFor: simulation.waitingFor } })}\n`,
  );
  return simulation.outcome === 'completed' || simulation.outcome === 'terminated' ? 0 : 2;
}

// `parvis-bpmn simulate … | head`: once the reader has what it wanted, the rest goes nowhere, quietly.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit();
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
