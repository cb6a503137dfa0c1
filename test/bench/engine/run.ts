// Benchmark: the Parvis interpreter against the npm package bpmn-engine on the same models.
// Prints elements executed per second for both and their ratio, the size of a waiting instance's
// state, and the compile time of a generated 500-element model. Measures only; asserts nothing.
//   npm run bench:engine

import { EventEmitter } from 'node:events';
import { type Command, compile, type EngineEvent, handle, type ProcessIR, type Step, start } from '@parvis/engine';
import { Engine } from 'bpmn-engine';
import { BENCH_MODELS, type BenchModel, largeModel } from './models.ts';

const T0 = '2026-03-02T09:00:00.000Z';

async function compiled(xml: string): Promise<ProcessIR> {
  const result = await compile(xml);
  if (!result.ok) throw new Error(JSON.stringify(result.errors, null, 2));
  return result.ir;
}

/** What an in-process host answers to a command: tasks and jobs complete at once. */
function answerOf(command: Command): EngineEvent | undefined {
  if (command.type === 'openTask') return { type: 'taskCompleted', taskId: command.taskId, time: T0 };
  if (command.type === 'runJob') return { type: 'jobCompleted', jobId: command.jobId, time: T0 };
  return undefined;
}

/** Runs one instance to completion; returns the elements executed (when traced) and the largest waiting state. */
function runParvis(ir: ProcessIR, variables: BenchModel['variables'], trace = false) {
  let step: Step = start(ir, { variables, time: T0 }, { trace });
  let executed = step.trace?.filter((entry) => entry.action === 'activated').length ?? 0;
  let largestState = 0;
  const pending: EngineEvent[] = [];
  const queue = (commands: Command[]) => {
    for (const command of commands) {
      const answer = answerOf(command);
      if (answer) pending.push(answer);
    }
  };
  queue(step.commands);
  while (pending.length > 0) {
    if (trace) largestState = Math.max(largestState, JSON.stringify(step.state).length);
    step = handle(ir, step.state, pending.shift()!, { trace });
    executed += step.trace?.filter((entry) => entry.action === 'activated').length ?? 0;
    queue(step.commands);
  }
  if (step.state.status !== 'completed') throw new Error(`parvis run ended ${step.state.status}`);
  return { executed, largestState };
}

const services = { work: (_context: unknown, next: () => void) => next() };

/** Parses the XML once, as Parvis compiles once: every run then starts from the parsed context. */
async function bpmnEngineSource(xml: string): Promise<unknown> {
  const engine = new Engine({ name: 'bench', services }) as unknown as {
    _serializeSource(source: string): Promise<unknown>;
  };
  return engine._serializeSource(xml);
}

/** Runs one instance in bpmn-engine, signalling every waiting task; counts activities that started and,
 * when asked, the largest serialised state while waiting. */
async function runBpmnEngine(sourceContext: unknown, variables: BenchModel['variables'], measureState = false) {
  const engine = new Engine({ name: 'bench', sourceContext, services } as ConstructorParameters<typeof Engine>[0]);
  const listener = new EventEmitter();
  let completed = false;
  engine.once('end', () => {
    completed = true;
  });
  let executed = 0;
  let waitingState = 0;
  listener.on('activity.start', () => {
    executed += 1;
  });
  const waits: { signal: () => void }[] = [];
  listener.on('wait', (api: { signal: () => void }) => {
    waits.push(api);
  });
  const execution = await engine.execute({ listener, variables });
  while (waits.length > 0) {
    if (measureState) waitingState = Math.max(waitingState, JSON.stringify(execution.getState()).length);
    waits.shift()!.signal();
    await new Promise((resolve) => setImmediate(resolve));
  }
  await new Promise((resolve) => setImmediate(resolve));
  if (!completed) throw new Error('bpmn-engine run did not complete');
  return { executed, waitingState };
}

/** CPU milliseconds of this process: other processes loading the machine do not count. */
function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

/** Runs for about `budgetMs` of CPU after a warm-up; returns runs and CPU ms spent. */
async function timed<T>(
  label: string,
  budgetMs: number,
  run: () => T | Promise<T>,
): Promise<{ runs: number; ms: number }> {
  for (let i = 0; i < 5; i++) await run();
  const started = cpuMs();
  let runs = 0;
  while (cpuMs() - started < budgetMs) {
    await run();
    runs += 1;
  }
  const ms = cpuMs() - started;
  if (runs === 0) throw new Error(`${label}: no run finished`);
  return { runs, ms };
}

function format(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

async function main() {
  console.log('engine benchmark — Parvis interpreter vs bpmn-engine (CPU time of this process)');
  for (const model of BENCH_MODELS) {
    const ir = await compiled(model.xml('parvis'));
    const engineSource = await bpmnEngineSource(model.xml('bpmn-engine'));
    const parvisCount = runParvis(ir, model.variables, true);
    const engineCount = await runBpmnEngine(engineSource, model.variables, true);
    const parvis = await timed('parvis', 2000, () => runParvis(ir, model.variables));
    const engine = await timed('bpmn-engine', 2000, () => runBpmnEngine(engineSource, model.variables));
    const parvisRate = (parvisCount.executed * parvis.runs) / (parvis.ms / 1000);
    const engineRate = (engineCount.executed * engine.runs) / (engine.ms / 1000);
    console.log(`\n${model.name}`);
    console.log(
      `  parvis      ${format(parvisRate)} elements/s (${parvisCount.executed} elements per run, ${(parvis.ms / parvis.runs).toFixed(3)} ms/run)`,
    );
    console.log(
      `  bpmn-engine ${format(engineRate)} elements/s (${engineCount.executed} activities per run, ${(engine.ms / engine.runs).toFixed(3)} ms/run)`,
    );
    console.log(`  ratio       ${(parvisRate / engineRate).toFixed(1)}×`);
    console.log(
      `  waiting state: parvis ${format(parvisCount.largestState)} bytes, bpmn-engine ${format(engineCount.waitingState)} bytes (largest serialised state while waiting)`,
    );
  }

  for (const [label, nodes] of [
    ['500 flow nodes (plus their sequence flows)', 500],
    ['500 elements counting sequence flows', 215],
  ] as const) {
    const xml = largeModel(nodes);
    const ir = await compiled(xml);
    const times: number[] = [];
    for (let i = 0; i < 21; i++) {
      const started = cpuMs();
      await compile(xml);
      times.push(cpuMs() - started);
    }
    times.sort((a, b) => a - b);
    const flowNodes = Object.keys(ir.elements as object).length;
    const flows = Object.keys(ir.flows as object).length;
    console.log(
      `\ncompile, ${label}: ${flowNodes} nodes + ${flows} flows, ${format(xml.length)} bytes of XML: median ${times[10]!.toFixed(1)} ms CPU (best ${times[0]!.toFixed(1)}, worst ${times.at(-1)!.toFixed(1)})`,
    );
  }
}

await main();
