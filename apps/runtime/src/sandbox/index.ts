// Public surface of the sandbox: createSandbox and the typed snippet failures.
export type { CompiledSnippet } from './compile/transpile';
export * from './errors';
export { createSandbox, type Sandbox, type SandboxOptions } from './sandbox';
