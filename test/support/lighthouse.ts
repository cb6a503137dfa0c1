// Lighthouse as the web-standards test and `npm run bench:lighthouse` run it: npm `lighthouse`,
// Debian's Chromium launched by `chrome-launcher`, mobile profile, simulated throttling.
import { type LaunchedChrome, launch } from 'chrome-launcher';
import lighthouse, { type RunnerResult } from 'lighthouse';

export type LighthouseReport = RunnerResult['lhr'];

export const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
export type Category = (typeof CATEGORIES)[number];

/** The pages issue 20 names: the catalogue, a form and the tracking page. */
export const AUDITED_PAGES: [string, string][] = [
  ['the catalogue', '/'],
  ['a form', '/demarches/signalement'],
  ['the tracking page', '/suivi'],
];

export function launchChromium(): Promise<LaunchedChrome> {
  return launch({
    chromePath: '/usr/bin/chromium',
    chromeFlags: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    logLevel: 'silent',
  });
}

/**
 * Lighthouse's 4× CPU slowdown makes its mid-tier phone out of a high-end desktop (benchmarkIndex
 * 1,500 and more); on a slower or busier host the same 4× simulates a slower phone. Lighthouse's
 * guide (docs/throttling.md, « Calibrating the CPU slowdown ») lowers the multiplier there, in
 * proportion: each run after the first takes it from the previous run's benchmarkIndex, so the
 * phone audited stays the same. (An idle machine here measures 2,300–2,800: 4×.)
 */
const HIGH_END_DESKTOP_INDEX = 1500;
export const cpuSlowdownAfter = (benchmarkIndex: number | undefined) =>
  benchmarkIndex === undefined ? 4 : 4 * Math.min(1, benchmarkIndex / HIGH_END_DESKTOP_INDEX);

/** One Lighthouse run of `url`; a run the browser could not trace (NO_NAVSTART, NO_FCP under load) is tried again, twice. */
export async function audit(
  chrome: LaunchedChrome,
  url: string,
  cpuSlowdownMultiplier: number,
): Promise<LighthouseReport> {
  for (let attempt = 1; ; attempt++) {
    const run = await lighthouse(url, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: [...CATEGORIES],
      locale: 'fr',
      throttling: { cpuSlowdownMultiplier },
      // a loaded machine may take long to paint
      maxWaitForFcp: 60_000,
      maxWaitForLoad: 90_000,
    });
    const lhr = run!.lhr;
    if (!lhr.runtimeError || attempt === 3) return lhr;
  }
}

export const scoreOf = (lhr: LighthouseReport, category: Category) =>
  Math.round((lhr.categories[category]?.score ?? 0) * 100);

/** The timed audits of a run that scored below 0.9, in words: what cost it points. */
export const weakAudits = (lhr: LighthouseReport) =>
  Object.values(lhr.audits)
    .filter((a) => a.score !== null && a.score < 0.9 && a.scoreDisplayMode === 'numeric')
    .map((a) => `${a.id} ${a.displayValue ?? ''} (${a.score})`);

/** How a run was made: the host's benchmarkIndex and the CPU slowdown it was audited with. */
export const conditionsOf = (lhr: LighthouseReport) =>
  `benchmarkIndex ${Math.round(lhr.environment.benchmarkIndex)}, CPU slowdown ${lhr.configSettings.throttling.cpuSlowdownMultiplier.toFixed(1)}`;
