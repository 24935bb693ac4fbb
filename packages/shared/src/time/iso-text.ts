// A Date's ISO 8601 text, with the last conversion kept: the rows and events of a batch share a few instants.

let lastTime = Number.NaN;
let lastText = '';

/** `date.toISOString()`, computed once for consecutive calls with the same instant. Throws for an invalid date. */
export function isoText(date: Date): string {
  const time = date.getTime();
  if (time !== lastTime) {
    lastText = date.toISOString();
    lastTime = time;
  }
  return lastText;
}
