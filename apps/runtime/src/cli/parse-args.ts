// The command line: `sluice [all|api|worker]` (default all), `sluice --help`.
import { ROLES, type Role } from '../config/config';

export const USAGE = `Usage: sluice [all|api|worker]

  all     API, worker and the designer in one process (default)
  api     the HTTP API and the designer only
  worker  executes steps only (needs DATABASE_URL: PGlite is single-process)

Configuration comes from the environment: PORT, DATABASE_URL, REDIS_URL, SLUICE_DATA_DIR,
SLUICE_ADMIN_TOKEN, LOG_LEVEL ... (see README.md).`;

export type Command = { kind: 'run'; role?: Role } | { kind: 'help' } | { kind: 'error'; message: string };

/** `parseArgs(['api'])` -> `{kind: 'run', role: 'api'}`; no argument leaves the role to SLUICE_ROLE. */
export function parseArgs(argv: readonly string[]): Command {
  if (argv.some((a) => a === '--help' || a === '-h' || a === 'help')) return { kind: 'help' };
  if (argv.length > 1) return { kind: 'error', message: `expected one role, got: ${argv.join(' ')}` };
  const [role] = argv;
  if (role === undefined) return { kind: 'run' };
  if ((ROLES as readonly string[]).includes(role)) return { kind: 'run', role: role as Role };
  return { kind: 'error', message: `unknown role "${role}"` };
}
