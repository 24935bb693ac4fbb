// How far apart two checkouts' rounds are, against how far apart this VM's rounds fall anyway: in a 16-round
// comparison whose median came out at 1.00x the per-round ratios spread over 0.83-1.28x (session 7), so a median
// over six rounds can show +12 % that sixteen rounds do not confirm.

/** Min, quartiles and max of `xs` (nearest rank). */
export function quartiles(xs: readonly number[]): [number, number, number, number, number] {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.max(0, Math.round(q * (s.length - 1))))] as number;
  return [at(0), at(0.25), at(0.5), at(0.75), at(1)];
}

/**
 * Two-sided sign test: the chance of a split at least as uneven as `wins` of `n` rounds if both checkouts were
 * equally fast (each round a coin toss).
 */
export function signTest(wins: number, n: number): number {
  const k = Math.min(wins, n - wins);
  let tail = 0;
  let c = 1; // C(n, i)
  for (let i = 0; i <= k; i++) {
    tail += c;
    c = (c * (n - i)) / (i + 1);
  }
  return Math.min(1, (2 * tail) / 2 ** n);
}
