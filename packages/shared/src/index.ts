// Public surface of @sluice/shared: flow schema, descriptors' types, errors, ids. Pure and browser-safe.

export * from './api/flows';
export * from './api/runs';
export * from './api/snippets';
export * from './diff';
export * from './errors/api-error';
export * from './errors/step-errors';
export * from './flow/flow-document';
export * from './flow/retry-policy';
export * from './graph';
export * from './ids';
export * from './json/json-data';
export * from './nodes/node-descriptor';
export * from './objects/with-fields';
export * from './time/iso-duration';
export * from './time/iso-text';
export * from './validation';
