// trigger.schedule: a run on a cron schedule in a time zone (BullMQ job scheduler, registered on publish).
import { z } from 'zod';
import { defineNode, OUT } from '../kit/define-node';

const CRON = /^(\S+\s+){4,5}\S+$/;

export const ScheduleConfigSchema = z.object({
  cron: z.string().trim().regex(CRON, 'cron: 5 or 6 space-separated fields, e.g. "0 2 * * *"'),
  timezone: z
    .string()
    .default('UTC')
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'timezone: not an IANA time zone (e.g. "Europe/Berlin")'),
  payload: z.record(z.string(), z.unknown()).default({}),
});

export const scheduleTrigger = defineNode({
  type: 'trigger.schedule',
  version: 1,
  label: 'Schedule',
  description: 'Start a run on a cron schedule.',
  category: 'trigger',
  icon: 'calendar',
  config: ScheduleConfigSchema,
  inputs: [],
  outputs: OUT,
  hasErrorPort: false,
  ui: {
    fields: {
      cron: { widget: 'cron', label: 'Cron', placeholder: '0 2 * * *', order: 1 },
      timezone: { label: 'Time zone', order: 2 },
      payload: { widget: 'json', label: 'Payload', order: 3 },
    },
    summary: (c) => `${c.cron} (${c.timezone})`,
  },
});
