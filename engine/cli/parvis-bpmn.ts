// Node only: the analysts' command line — validate a BPMN file or dry-run it.
//   parvis-bpmn validate <file.bpmn>
//   parvis-bpmn simulate <file.bpmn> [--vars JSON] [--events FILE.jsonl] [--time ISO]
// Exit 0: valid / completed; 1: invalid model or bad usage; 2: stopped on an incident or waiting.

import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { compile } from '../src/compiler/compile.ts';
import type { ModelProblem, Variables } from '../src/runtime/types.ts';
import { type SimulationEvent, simulate } from '../src/simulator/simulate.ts';

const USAGE = `usage:
  parvis-bpmn validate <file.bpmn>
  parvis-bpmn simulate <file.bpmn> [--vars JSON] [--events FILE.jsonl] [--time ISO-8601]`;

function describeProblem(problem: ModelProblem): string {
  const where = problem.line ? `:${problem.line}${problem.column ? `:${problem.column}` : ''}` : '';
  return `${problem.code}${where}${problem.elementId ? ` [${problem.elementId}]` : ''} ${problem.message}`;
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
  const result = await compile(readFileSync(file, 'utf8'));
  if (!result.ok) {
    for (const problem of result.errors) process.stderr.write(`${file}: ${describeProblem(problem)}\n`);
    process.stdout.write(`${JSON.stringify({ valid: false, errors: result.errors })}\n`);
    return 1;
  }
  const elements = Object.keys(result.ir.elements as object).length;
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
