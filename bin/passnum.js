#!/usr/bin/env node
/* global process, console */
// Runs the TypeScript sources directly (tsx): no build step for the server or the CLI.
import { register } from 'tsx/esm/api';
import { missingNativeModules } from './check-native.js';

const missing = missingNativeModules();
if (missing.length) {
  for (const m of missing) console.error(`Erreur : ${m}`);
  process.exit(1);
}
register();
await import('../src/cli/main.ts');
