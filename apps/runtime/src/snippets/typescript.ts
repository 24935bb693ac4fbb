// TypeScript, loaded on first use: importing it costs ~1 s and ~80 MB, which workers that only run snippets never pay.
import { createRequire } from 'node:module';

type TypeScript = typeof import('typescript');

const require = createRequire(import.meta.url);
let loaded: TypeScript | undefined;

/** The `typescript` module (5.9), required synchronously the first time it is needed. */
export function typescript(): TypeScript {
  loaded ??= require('typescript') as TypeScript;
  return loaded;
}
