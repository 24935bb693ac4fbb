// The node flags of every runtime process: `sluice` (bin/sluice.mjs), bench/e2e; `npm start` and the Docker image
// spell them out (no launcher process between the shell and the runtime), kept in step by test/node-flags.test.ts.
//
// --no-node-snapshot: isolated-vm needs it on Node 20 (it crashes in the startup snapshot's context otherwise).
// --max-semi-space-size=128 --min-semi-space-size=128: V8's young generation at 128 MB per semi-space from the start
// (default: 1 MB, growing to 16 MB, and it hardly grew under load). A run's objects (its webhook, rows, effects,
// delivery) live a few tens of milliseconds, through its commit and delivery; with the default size a scavenge
// every ~100 ms under load copies and promotes every run still in flight (~3-8 ms per scavenge, plus V8's helper
// threads on the other core). Measured in bench/e2e, each back to back over 8-10 rounds: 64 MB as the maximum alone
// +4-14 % runs/s, as the minimum too +9 % runs/s and -12 % CPU per run (session 4); 128 instead of 64: +3.7 % runs/s
// in two 6- and 8-round runs in steady state (session 5). Cost: resident memory at rest +24 MB over 64 (246 ->
// 270 MB for `sluice all` on PostgreSQL), up to the young generation's size more under load.
export const RUNTIME_NODE_FLAGS = [
  '--no-node-snapshot',
  '--max-semi-space-size=128',
  '--min-semi-space-size=128',
];
