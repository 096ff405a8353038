// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const electronBan = { name: 'electron', message: 'The core, the contract and the CLI run under plain Node: no Electron here (DESIGN.md §2).' };

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'native/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', { paths: [electronBan, ...nodeBuiltins.map((name) => ({ name, message: 'The renderer has no Node.' }))] }],
    },
  },
  // Architecture boundaries (the spine issue §1): the core and the CLI never import Electron…
  {
    files: ['src/main/core/**/*.ts', 'src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [electronBan], patterns: [{ group: ['**/shell/**', '**/renderer/**'], message: 'The core does not depend on the shell or the UI.' }] }],
    },
  },
  // …and the contract imports neither Electron, nor Node, nor the DOM.
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronBan, ...nodeBuiltins.map((name) => ({ name, message: 'src/shared is imported by every process: no Node APIs.' }))],
          patterns: [{ group: ['react', 'react-dom', '**/main/**', '**/renderer/**', '**/preload/**'], message: 'src/shared depends on nothing but zod.' }],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'fetch', 'process', 'Buffer', 'require', '__dirname'].map((name) => ({
          name,
          message: 'src/shared must not use Node or DOM APIs.',
        })),
      ],
    },
  },
);
