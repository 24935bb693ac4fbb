// The top-level field names a config schema accepts (through defaults, unions and refinements). Test support.
import type { z } from 'zod';

type Def = {
  type: string;
  shape?: Record<string, unknown>;
  options?: z.ZodType[];
  innerType?: z.ZodType;
  in?: z.ZodType;
};

/** Field names of an object schema, of every option of a union, or of the schema a wrapper holds. */
export function schemaFieldNames(schema: z.ZodType): Set<string> {
  const def = (schema as unknown as { _zod: { def: Def } })._zod.def;
  switch (def.type) {
    case 'object':
      return new Set(Object.keys(def.shape ?? {}));
    case 'union':
      return new Set((def.options ?? []).flatMap((o) => [...schemaFieldNames(o)]));
    case 'pipe':
      return def.in ? schemaFieldNames(def.in) : new Set();
    case 'default':
    case 'prefault':
    case 'optional':
    case 'nullable':
    case 'readonly':
      return def.innerType ? schemaFieldNames(def.innerType) : new Set();
    default:
      return new Set();
  }
}
