import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });
const NO_KYSELY = { group: ['kysely', 'kysely/*', 'better-sqlite3', 'pg'], message: 'Kysely et les pilotes restent dans src/repositories et src/db.' };
const NO_FASTIFY = { group: ['fastify', '@fastify/*', 'fastify-*'], message: 'Fastify reste dans src/http.' };

export default tseslint.config(
  { ignores: ['node_modules', 'data', 'web/dist', 'bench/results', 'coverage'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: restrict([
      { group: ['../*', '!../domain', '!../domain/*'], message: 'Le domaine n’importe que le domaine.' },
      { group: ['node:*', 'fs', 'path', 'crypto'], message: 'Le domaine est pur : pas d’entrée-sortie.' },
      NO_KYSELY,
      NO_FASTIFY,
    ]),
  },
  { files: ['src/usecases/**/*.ts', 'src/demo/**/*.ts', 'src/jobs/**/*.ts', 'src/exports/**/*.ts', 'src/contracts/**/*.ts', 'src/cli/**/*.ts'], rules: restrict([NO_KYSELY, NO_FASTIFY]) },
  { files: ['src/http/**/*.ts'], rules: restrict([NO_KYSELY]) },
  { files: ['src/repositories/**/*.ts', 'src/db/**/*.ts'], rules: restrict([NO_FASTIFY]) },
  { files: ['web/src/**/*.{ts,tsx}'], rules: restrict([NO_KYSELY, NO_FASTIFY]) },
);
