import { z } from 'zod';

/**
 * `schema` with zod's ahead-of-time compiled fast path (`z.compile`), compiled on the first
 * call: a valid input runs generated code instead of the per-node parser, and whatever the fast
 * path rejects is parsed again by the runtime schema, so errors and their paths stay the
 * runtime's (README "Performance: last measured values"). For the core's per-run reads (a
 * session policy, simulator settings, a trace header, a fault, a payment): compilation uses
 * `new Function`, which a page under a strict CSP must never attempt, so nothing the renderer
 * runs may call the getter.
 */
export function lazyCompiled<S extends z.ZodType>(schema: S): () => S {
  let compiled: S | undefined;
  return () => (compiled ??= z.compile(schema));
}
