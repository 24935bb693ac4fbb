// The node flags of every runtime process: `sluice` (bin/sluice.mjs), bench/e2e; `npm start` and the Docker image
// spell them out (no launcher process between the shell and the runtime), kept in step by test/node-flags.test.ts.
//
// --no-node-snapshot: isolated-vm needs it on Node 20 (it crashes in the startup snapshot's context otherwise).
// --max-semi-space-size=64: V8's young generation may grow to 64 MB per semi-space (default 16). A run's objects
// (its webhook, rows, effects, delivery) live a few tens of milliseconds, through its commit and delivery; with
// the default size a scavenge every ~100 ms under load copies and promotes every run still in flight (~3-8 ms per
// scavenge, plus V8's helper threads). Measured in bench/e2e: +10 % runs/s. It grows only under allocation
// pressure: an idle process keeps a small young generation.
export const RUNTIME_NODE_FLAGS = ['--no-node-snapshot', '--max-semi-space-size=64'];
