// The form model: what the config panel renders, derived from a kind's JSON schema plus its UI hints.
export type Path = (string | number)[];

interface Base {
  key: string;
  label: string;
  help?: string;
  placeholder?: string;
  required: boolean;
  defaultValue?: unknown;
}

export type FieldModel =
  | (Base & {
      kind: 'text' | 'textarea' | 'secret' | 'duration' | 'cron' | 'code' | 'json' | 'keyValue' | 'switch';
    })
  | (Base & { kind: 'number'; integer: boolean; min?: number; max?: number })
  | (Base & { kind: 'select'; options: string[] })
  | (Base & { kind: 'object'; fields: FieldModel[] })
  | (Base & { kind: 'union'; discriminator: string; variants: { value: string; fields: FieldModel[] }[] })
  | (Base & { kind: 'list'; item: FieldModel });

/** Turn a key like `halfOpenAfterMs` into `Half open after ms`. */
export function humanize(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase()
    .trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
