// `npx tsx test/bench/lifecycle/sandbox-call.ts`: what one call into a workflow's sandbox costs
// with and without the `timeout` the Temporal SDK passes to every one (isolateExecutionTimeout,
// 5 s by default, which cannot be turned off). Node starts and joins a watchdog thread for each
// call given a timeout (nodejs/node#47739); a request makes about a dozen such calls. Prints
// figures and asserts nothing.
import { cpuUsage, hrtime } from 'node:process';
import vm from 'node:vm';

const CALLS = 20_000;
const context = vm.createContext({}, { microtaskMode: 'afterEvaluate' });
const script = new vm.Script('1 + 1');

function measure(options: vm.RunningScriptOptions): { wallMicros: number; cpuMicros: number } {
  for (let i = 0; i < 1000; i++) script.runInContext(context, options);
  const cpuBefore = cpuUsage();
  const wallBefore = hrtime.bigint();
  for (let i = 0; i < CALLS; i++) script.runInContext(context, options);
  const cpu = cpuUsage(cpuBefore);
  return {
    wallMicros: Number(hrtime.bigint() - wallBefore) / CALLS / 1000,
    cpuMicros: (cpu.user + cpu.system) / CALLS,
  };
}

console.log(`one call into a vm context, ${CALLS} calls each (Node ${process.versions.node})`);
for (const [name, options] of [
  ['without timeout', {}],
  ['with timeout: 5000', { timeout: 5000 }],
] as const) {
  const { wallMicros, cpuMicros } = measure(options);
  console.log(
    `  ${name.padEnd(20)} ${wallMicros.toFixed(1).padStart(7)} µs wall  ${cpuMicros.toFixed(1).padStart(7)} µs CPU`,
  );
}
