#!/usr/bin/env node
// Launcher: registers tsx so the TypeScript command runs without a build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/parvis-cli.ts');
