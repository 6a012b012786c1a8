import js from '@eslint/js';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import react from 'eslint-plugin-react';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['build/', 'public/build/', '.cache/', '.data/', 'test-results/', 'node_modules/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['error', 'warn'] }],
    },
  },
  {
    files: ['app/**/*.{ts,tsx}'],
    ...react.configs.flat.recommended,
    ...react.configs.flat['jsx-runtime'],
    ...jsxA11y.flatConfigs.recommended,
    languageOptions: { globals: { ...globals.browser } },
    plugins: { react, 'react-hooks': reactHooks, 'jsx-a11y': jsxA11y },
    settings: { react: { version: 'detect' } },
    rules: {
      ...react.configs.flat.recommended.rules,
      ...react.configs.flat['jsx-runtime'].rules,
      ...jsxA11y.flatConfigs.recommended.rules,
      ...reactHooks.configs.recommended.rules,
      'react/prop-types': 'off',
    },
  },
  {
    // The browser bundle must never pull in the database or server-only modules.
    files: ['app/**/*.{ts,tsx}'],
    ignores: ['app/**/*.test.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          // The expert page has a JavaScript budget (scripts/bundle-sizes/main.ts): classic zod
          // there costs about 20 kB gzipped, and the `z` re-export of either flavour about 80.
          paths: [
            ...['zod', 'zod/v4'].map((name) => ({
              name,
              allowTypeImports: true,
              message: "app/ reaches the browser: use `import * as z from 'zod/mini'`.",
            })),
            ...['@conform-to/zod', '@conform-to/zod/v4'].map((name) => ({
              name,
              allowTypeImports: true,
              message:
                "Conform's zod adapter brings classic zod: import it from app/utils/conform-zod.server.ts.",
            })),
          ],
          patterns: [
            {
              group: [
                'mongoose',
                '**/models/**',
                '**/server/**',
                '**/embedded-db',
                '**/embedded-db/**',
                '**/processes',
                '**/processes/**',
              ],
              allowTypeImports: true,
              message: 'app/ imports only isomorphic code; use the load context for server work.',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "ImportDeclaration[source.value=/^zod(\\/v4)?(\\/mini)?$/] > :matches(ImportDefaultSpecifier, ImportSpecifier[imported.name='z'])",
          message: "Use `import * as z from 'zod/mini'`: the `z` object keeps all of zod.",
        },
      ],
    },
  },
  {
    // shared/ is what the pages and the server both use: plain functions and zod schemas, with
    // no framework and nothing of either side, so either can take it as it is. It reaches the
    // browser bundle, so it keeps to zod/mini like app/.
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['zod', 'zod/v4', '@conform-to/zod', '@conform-to/zod/v4'].map((name) => ({
            name,
            allowTypeImports: true,
            message: "shared/ reaches the browser: use `import * as z from 'zod/mini'`.",
          })),
          patterns: [
            {
              group: [
                'react',
                'react-dom',
                '@remix-run/*',
                '@conform-to/*',
                'express',
                'mongoose',
                '**/app/**',
                '**/server/**',
                '**/models',
                '**/models/**',
                '~/*',
              ],
              message:
                'shared/ imports neither React, Remix, Express nor Mongoose, nor app/, server/ or models/.',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "ImportDeclaration[source.value=/^zod(\\/v4)?(\\/mini)?$/] > :matches(ImportDefaultSpecifier, ImportSpecifier[imported.name='z'])",
          message: "Use `import * as z from 'zod/mini'`: the `z` object keeps all of zod.",
        },
      ],
    },
  },
  {
    // FerretDB 1.24 wedges for good on a write command of more statements than its connection
    // pool: models/chunked-writes.ts alone sends them, WRITE_BATCH_SIZE at a time (and, for the
    // launcher, which may not import models/, embedded-db/insert-in-chunks.ts). Tests may send
    // what the app never does (the fault tests wedge it on purpose).
    files: ['**/*.{js,ts,tsx}'],
    ignores: [
      'models/chunked-writes.ts',
      'embedded-db/insert-in-chunks.ts',
      '**/*.test.{ts,tsx}',
      'test/**',
    ],
    rules: {
      'no-restricted-properties': [
        'error',
        ...['bulkWrite', 'insertMany'].map((property) => ({
          property,
          message: `A bare ${property} may carry more statements than FerretDB can take: use ${property === 'bulkWrite' ? 'bulkWriteInChunks' : 'insertInChunks'} from models/.`,
        })),
      ],
    },
  },
  {
    // embedded-db/ and processes/ are units of their own (docs/decisions/017): the rest of the
    // code goes through their index.ts only. The typescript-eslint twin of the rule, so that it
    // adds to the folders' own no-restricted-imports (app/, shared/, models/) instead of
    // replacing theirs: a later block's options for one rule override an earlier one's.
    files: ['**/*.{js,ts,tsx}'],
    ignores: ['embedded-db/**', 'processes/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '**/embedded-db/*',
                '!**/embedded-db/index',
                '**/processes/*',
                '!**/processes/index',
              ],
              message:
                "Import the launcher and the process helpers from their index: '…/embedded-db', '…/processes'.",
            },
          ],
        },
      ],
    },
  },
  {
    // The launcher, the process helpers and the harness stand alone: nothing of the app's (the
    // harness runs the built app as a process), and one another only through the index.
    files: ['embedded-db/**/*.ts', 'processes/**/*.ts', 'harness/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '~/*',
                '**/app/**',
                '**/server/**',
                '**/models/**',
                '**/scripts/**',
                '**/test/**',
                '**/harness',
                '**/harness/**',
              ],
              message:
                'embedded-db/, processes/ and harness/ import nothing of the app: pass what they need in.',
            },
            {
              group: ['**/processes/*', '!**/processes/index', '**/embedded-db/**'],
              message:
                "Import the process helpers and the launcher from their index only ('../processes', '../embedded-db').",
            },
          ],
        },
      ],
    },
  },
  {
    // models/ is the bottom layer: it imports nothing of ours.
    files: ['models/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '**/app/**',
                '**/server/**',
                '**/scripts/**',
                '**/embedded-db',
                '**/embedded-db/**',
                '**/processes',
                '**/processes/**',
              ],
              message: 'models/ imports nothing of ours.',
            },
          ],
        },
      ],
    },
  },
);
