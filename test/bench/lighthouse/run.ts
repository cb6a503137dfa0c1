// `npm run bench:lighthouse`: the portal's Lighthouse scores on a quiet machine, as issue 20 asks
// them (mobile profile, simulated throttling). It prints figures and asserts nothing.
//
// Audits a running Parvis (`npm start`; PARVIS_URL, default http://localhost:3000): the catalogue,
// a form and the tracking page, BENCH_RUNS times each (default 5), and prints every run's four
// scores with its first paint, largest paint and blocking time, then per page the median and the
// best performance. Run it with nothing else busy: Lighthouse scales the CPU time it observes.
import {
  AUDITED_PAGES,
  audit,
  CATEGORIES,
  conditionsOf,
  cpuSlowdownAfter,
  type LighthouseReport,
  launchChromium,
  scoreOf,
} from '../../support/lighthouse.ts';

const BASE = (process.env.PARVIS_URL ?? 'http://localhost:3000').replace(/\/$/, '');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

const millis = (lhr: LighthouseReport, id: string) => `${Math.round(lhr.audits[id]?.numericValue ?? Number.NaN)} ms`;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const chrome = await launchChromium();
try {
  for (const [name, path] of AUDITED_PAGES) {
    const runs: LighthouseReport[] = [];
    for (let run = 1; run <= RUNS; run++) {
      const lhr = await audit(chrome, `${BASE}${path}`, cpuSlowdownAfter(runs.at(-1)?.environment.benchmarkIndex));
      if (lhr.runtimeError) throw new Error(`${path}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
      runs.push(lhr);
      console.log(
        `${path} run ${run}: ${CATEGORIES.map((c) => `${c} ${scoreOf(lhr, c)}`).join(', ')}; FCP ${millis(lhr, 'first-contentful-paint')}, LCP ${millis(lhr, 'largest-contentful-paint')}, TBT ${millis(lhr, 'total-blocking-time')} (${conditionsOf(lhr)})`,
      );
    }
    const performance = runs.map((lhr) => scoreOf(lhr, 'performance'));
    console.log(
      `${name} (${path}): performance median ${median(performance)}, best ${Math.max(...performance)}, worst ${Math.min(...performance)}; accessibility, best practices, SEO at least ${CATEGORIES.slice(
        1,
      )
        .map((c) => Math.min(...runs.map((lhr) => scoreOf(lhr, c))))
        .join(', ')}`,
    );
  }
} finally {
  chrome.kill();
}
