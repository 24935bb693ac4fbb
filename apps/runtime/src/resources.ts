// The systems a process runs with, passed explicitly to the API, the engine and the worker (no module singletons).
import type { Config } from './config/config';
import type { Database } from './db/client';
import type { Logger } from './logging/logger';

export interface Resources {
  config: Config;
  log: Logger;
  database: Database;
  // The engine issue adds: redis connection, queues, engine, sandbox, audit.
}
