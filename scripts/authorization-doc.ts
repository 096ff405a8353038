/**
 * Writes docs/authorization.md from the matrix in src/shared/authorization.ts
 * (`npm run docs:authorization`). A unit test fails when the two differ.
 */
import fs from 'node:fs';
import path from 'node:path';
import { authorizationDocument } from '../src/shared/authorization-doc';

const target = path.join(import.meta.dirname, '..', 'docs', 'authorization.md');
fs.writeFileSync(target, authorizationDocument());
process.stdout.write(`wrote ${path.relative(process.cwd(), target)}\n`);
