// Structured logs with pino; one root logger per process, children per component.
import { pino } from 'pino';

export type Logger = pino.Logger;

export function createLogger(level = 'info'): Logger {
  return pino({ level, base: { app: 'sluice' } });
}
