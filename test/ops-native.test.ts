// Installs that stay reproducible (issue 23, point 7): the install scripts of the native modules
// are approved in package.json, and a module left unbuilt is named before anything else runs.
import { execFile } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from './helpers/ops-cli.ts';

const run = promisify(execFile);
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('native modules', () => {
  it('package.json approves the install scripts of better-sqlite3, argon2 and esbuild (npm 11 allowScripts)', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.allowScripts).toMatchObject({ 'better-sqlite3': true, argon2: true, esbuild: true });
  });

  it('all built here: the check passes', async () => {
    const r = await run(process.execPath, [path.join(ROOT, 'bin/check-native.js')]);
    expect(r.stdout).toContain('better-sqlite3 et argon2 se chargent');
  });

  it('better-sqlite3 left unbuilt (its install script skipped): the start names it and says how to build it', async () => {
    // A copy of the launcher next to a node_modules where better-sqlite3 has no build/ (what a
    // skipped install script leaves) and argon2 is intact.
    const dir = mkdtempSync(path.join(tmpdir(), 'passnum-native-'));
    dirs.push(dir);
    mkdirSync(path.join(dir, 'bin'));
    copyFileSync(path.join(ROOT, 'bin/check-native.js'), path.join(dir, 'bin/check-native.js'));
    for (const p of ['better-sqlite3', 'bindings', 'file-uri-to-path', 'argon2', '@phc/format', 'node-gyp-build']) {
      cpSync(path.join(ROOT, 'node_modules', p), path.join(dir, 'node_modules', p), { recursive: true, filter: (src) => !src.endsWith(`better-sqlite3${path.sep}build`) });
    }
    const r = await run(process.execPath, [path.join(dir, 'bin/check-native.js')]).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Module natif manquant : better-sqlite3 est non construit');
    expect(r.stderr).toContain('npm rebuild better-sqlite3');
    expect(r.stderr).not.toContain('argon2 est');
  });
});
