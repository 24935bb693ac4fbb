// The command line's roles and errors.
import { describe, expect, it } from 'vitest';
import { parseArgs } from './parse-args';

describe('parseArgs', () => {
  it('reads a role, or none', () => {
    expect(parseArgs([])).toEqual({ kind: 'run' });
    expect(parseArgs(['worker'])).toEqual({ kind: 'run', role: 'worker' });
    expect(parseArgs(['--help'])).toEqual({ kind: 'help' });
  });

  it('rejects unknown roles and extra arguments', () => {
    expect(parseArgs(['boss'])).toEqual({ kind: 'error', message: 'unknown role "boss"' });
    expect(parseArgs(['api', 'worker']).kind).toBe('error');
  });
});
