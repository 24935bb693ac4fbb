// delay: park the run durably for a duration or until a time taken from the input.
import { formatDuration, parseIsoDuration } from '@sluice/shared';
import { defineNode, IN, OUT } from '../kit/define-node';
import { DelayConfigSchema } from './config';

export const delay = defineNode({
  type: 'delay',
  version: 1,
  label: 'Delay',
  description: 'Wait for a duration, or until a time in the input ("14 days after terminationDate").',
  category: 'timing',
  icon: 'clock',
  config: DelayConfigSchema,
  inputs: IN,
  outputs: OUT,
  hasErrorPort: true,
  ui: {
    fields: {
      mode: { widget: 'select', label: 'Wait', order: 1 },
      duration: { widget: 'duration', label: 'Duration', placeholder: 'P14D', order: 2 },
      field: { label: 'Timestamp field', placeholder: 'terminationDate', order: 3 },
      offset: { widget: 'duration', label: 'Offset', placeholder: 'P14D', order: 4 },
    },
    summary: (c) =>
      c.mode === 'duration'
        ? `Wait ${formatDuration(parseIsoDuration(c.duration) ?? 0)}`
        : `${formatDuration(parseIsoDuration(c.offset) ?? 0)} after ${c.field}`,
  },
});
