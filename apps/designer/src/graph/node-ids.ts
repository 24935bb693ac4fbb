// New node ids: a readable base from the kind (`webhook`, `transform`, `http`) plus the first free number.
const base = (type: string): string => {
  const last = type.split('.').pop() ?? 'node';
  const clean = last.replace(/[^A-Za-z0-9]/g, '');
  return /^[A-Za-z]/.test(clean) ? clean : `n${clean}`;
};

export function newNodeId(type: string, taken: ReadonlySet<string>): string {
  const b = base(type);
  for (let i = 1; ; i++) {
    const id = `${b}${i}`;
    if (!taken.has(id)) return id;
  }
}
