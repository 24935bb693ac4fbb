// The handle a transactional write takes: the database itself or an open drizzle transaction.
import type { Db } from '../db/client';

export type Tx = Db | Parameters<Parameters<Db['transaction']>[0]>[0];
