import { z } from 'zod';

/**
 * Zod compiles fast parsers with `new Function` when it may; the CSP forbids eval, and even the
 * probe would be reported as a violation. Parse without it.
 */
z.config({ jitless: true });
