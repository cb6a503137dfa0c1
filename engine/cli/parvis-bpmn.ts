// Node only: the analysts' command line — validate a BPMN file or dry-run it.
//   parvis-bpmn validate <file.bpmn>
//   parvis-bpmn simulate <file.bpmn> [--vars JSON] [--events FILE.jsonl] [--time ISO]
// The .dmn files beside the model are deployed with it (business rule tasks call their decisions);
// the .form files beside it, or in its forms/ folder, are the forms it links (by their id); a
// texts.json beside it, its notification texts. They are checked by checkProcedure, as the designer
// and publishing check them, so the same problems come out named the same way.
// Exit 0: valid / completed; 1: invalid model or bad usage; 2: stopped on an incident or waiting.

import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import type { DecisionFile } from '../src/compiler/compile.ts';
import { checkProcedure } from '../src/procedure/check-procedure.ts';
import type { ModelProblem, Variables } from '../src/runtime/types.ts';
import { type SimulationEvent, simulate } from '../src/simulator/simulate.ts';

const USAGE = `usage:
  parvis-bpmn validate <file.bpmn>
  parvis-bpmn simulate <file.bpmn> [--vars JSON] [--events FILE.jsonl] [--time ISO-8601]
The .dmn files beside the model are deployed with it; the .form files beside it (or in forms/) are its forms.`;

/** `path: CODE:line:column [element] message`, the path being the DMN or form file the problem is in, else the model. */
function describeProblem(model: string, problem: ModelProblem): string {
  const path = problem.file ? join(dirname(model), problem.file) : model;
  const where = problem.line ? `:${problem.line}${problem.column ? `:${problem.column}` : ''}` : '';
  return `${path}: ${problem.code}${where}${problem.elementId ? ` [${problem.elementId}]` : ''} ${problem.message}`;
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
 * The forms beside the model (Camunda Modeler's .form files, keyed by their id); a file that is not
 * JSON is a problem of its own, its schema being unreadable.
 */
function formsBeside(model: string): { forms: Record<string, unknown>; unreadable: ModelProblem[] } {
  const forms: Record<string, unknown> = {};
  const unreadable: ModelProblem[] = [];
  for (const path of filesBeside(model, '.form', 'forms')) {
    try {
      const schema = JSON.parse(readFileSync(path, 'utf8')) as { id?: unknown };
      const id = typeof schema.id === 'string' && schema.id !== '' ? schema.id : basename(path, '.form');
      forms[id] = schema;
    } catch (error) {
      unreadable.push({
        code: 'FORM_INVALID',
        message: `${basename(path)} is not JSON: ${(error as Error).message}. Save it again from the form editor.`,
        file: relative(dirname(model), path),
      });
    }
  }
  return { forms, unreadable };
}

/** texts.json beside the model, when there is one (not JSON: the parser's message, said as a problem). */
function textsBeside(model: string): { texts?: unknown; unreadable: ModelProblem[] } {
  const path = join(dirname(model), 'texts.json');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return { unreadable: [] };
  }
  try {
    return { texts: JSON.parse(text), unreadable: [] };
  } catch (error) {
    const message = `texts.json is not JSON: ${(error as Error).message}.`;
    return { unreadable: [{ code: 'TEXTS_INVALID', message, file: 'texts.json' }] };
  }
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
  const { forms, unreadable } = formsBeside(file);
  const texts = textsBeside(file);
  const checked = await checkProcedure({
    bpmn: readFileSync(file),
    forms,
    decisions: decisionsBeside(file),
    ...(texts.texts === undefined ? {} : { texts: texts.texts }),
  });
  const errors = [...unreadable, ...texts.unreadable, ...(checked.ok ? [] : checked.errors)];
  if (!checked.ok || errors.length > 0) {
    for (const problem of errors) process.stderr.write(`${describeProblem(file, problem)}\n`);
    for (const warning of checked.warnings) process.stderr.write(`warning ${describeProblem(file, warning)}\n`);
    process.stdout.write(`${JSON.stringify({ valid: false, errors })}\n`);
    return 1;
  }
  const result = checked;
  const elements = Object.keys(result.ir.elements as object).length;
  for (const warning of result.warnings) process.stderr.write(`warning ${describeProblem(file, warning)}\n`);
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
