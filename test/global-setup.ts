import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

/** One directory per run for the databases that test files copy instead of rebuilding (test/helpers/db.ts). */
export default function setup(project: TestProject) {
  const dir = mkdtempSync(path.join(tmpdir(), 'passnum-templates-'));
  project.provide('templatesDir', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
