// Entry point: `sluice [all|api|worker]`; starts the process and stops it gracefully on SIGTERM/SIGINT.
import { withFields } from '@sluice/shared';
import { parseArgs, USAGE } from './cli/parse-args';
import { startSluice } from './cli/start';
import { loadConfig } from './config/config';
import { createLogger } from './logging/logger';

async function main(): Promise<number> {
  const command = parseArgs(process.argv.slice(2));
  if (command.kind === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (command.kind === 'error') {
    process.stderr.write(`sluice: ${command.message}\n\n${USAGE}\n`);
    return 2;
  }
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(command.role ? withFields(process.env, { SLUICE_ROLE: command.role }) : process.env);
  } catch (err) {
    process.stderr.write(`sluice: ${(err as Error).message}\n`);
    return 2;
  }
  const log = createLogger(config.logLevel);
  let running: Awaited<ReturnType<typeof startSluice>>;
  try {
    running = await startSluice(config, log);
  } catch (err) {
    const e = err as Error & { code?: string };
    // Known start-up problems (no Redis, bad config) carry a code and a message naming the fix.
    if (e.code) log.fatal({ code: e.code }, e.message);
    else log.fatal({ err }, 'sluice failed to start');
    process.stderr.write(`sluice: ${e.message}\n`);
    return 1;
  }
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) process.exit(1); // a second signal: stop waiting
    stopping = true;
    log.info({ signal }, 'shutting down');
    running.stop().then(
      () => process.exit(0),
      (err) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  return -1;
}

main().then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err) => {
    process.stderr.write(`sluice: ${(err as Error).stack ?? err}\n`);
    process.exit(1);
  },
);
