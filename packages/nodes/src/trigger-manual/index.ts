// trigger.manual: a run started from the UI or POST /api/flows/:id/runs (the admin "force" path).
import { z } from 'zod';
import { defineNode, OUT } from '../kit/define-node';

export const ManualConfigSchema = z.object({
  /** Payload pre-filled in the designer's "Run" dialog. */
  samplePayload: z.record(z.string(), z.unknown()).default({}),
});

export const manualTrigger = defineNode({
  type: 'trigger.manual',
  version: 1,
  label: 'Manual',
  description: 'Start a run by hand from the designer or the API.',
  category: 'trigger',
  icon: 'play',
  config: ManualConfigSchema,
  inputs: [],
  outputs: OUT,
  hasErrorPort: false,
  ui: {
    fields: { samplePayload: { widget: 'json', label: 'Sample payload' } },
    summary: () => 'Run by hand',
  },
});
