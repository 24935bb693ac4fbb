// Public surface of the sandbox: createSandbox and the typed snippet failures.

export * from './approval/approval-changes';
export {
  type ApprovalModifierOptions,
  type ApprovalModifierResult,
  runApprovalModifier,
} from './approval/approval-modifier';
export type { CompiledSnippet } from './compile/transpile';
export * from './errors';
export { sandboxOptionsFromEnv } from './options';
export { createSandbox, type Sandbox, type SandboxOptions } from './sandbox';
