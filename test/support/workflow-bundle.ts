import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildWorkflowBundle } from '@parvis/workers';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The request workflow's code, bundled once for the whole run (startParvis reads it). */
    workflowBundlePath: string;
  }
}

/**
 * Global setup of the cross-package tests: bundling the workflow code costs 2–3 s of CPU, which
 * every test file starting Parvis paid again (about a hundred of them); now it is paid once.
 */
export default async function bundleOnce(project: TestProject) {
  const dir = await mkdtemp(join(tmpdir(), 'parvis-workflow-bundle-'));
  const path = join(dir, 'workflows.js');
  await writeFile(path, (await buildWorkflowBundle()).code);
  project.provide('workflowBundlePath', path);
  return () => rm(dir, { recursive: true, force: true });
}
