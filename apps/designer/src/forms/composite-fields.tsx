// Composite generated fields: nested objects, discriminated unions, lists of objects, key/value maps, raw JSON.
import { useEffect, useState } from 'react';
import { Icon } from '../ui/icon';
import type { FieldModel, Path } from './field-model';
import { FieldView } from './field-view';
import { pathKey, useForm } from './form-context';
import { getIn } from './set-in';

type Of<K extends FieldModel['kind']> = Extract<FieldModel, { kind: K }>;

/** The value a new object starts with: each field's default, `''` for required text. */
export function initialObject(fields: FieldModel[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    if (f.defaultValue !== undefined) out[f.key] = structuredClone(f.defaultValue);
    else if (f.kind === 'object') out[f.key] = initialObject(f.fields);
    else if (f.kind === 'list')
      out[f.key] = f.required ? [initialObject(f.item.kind === 'object' ? f.item.fields : [])] : [];
    else if (f.kind === 'select' && f.required) out[f.key] = f.options[0];
    else if (f.required && f.kind !== 'union') out[f.key] = '';
  }
  return out;
}

export function ObjectField({ field, path }: { field: Of<'object'>; path: Path }) {
  return (
    <fieldset className="fieldset">
      <legend className="field-label">{field.label}</legend>
      {field.fields.map((f) => (
        <FieldView key={f.key} field={f} path={path} />
      ))}
    </fieldset>
  );
}

export function UnionField({ field, path, id }: { field: Of<'union'>; path: Path; id: string }) {
  const form = useForm();
  const value = (getIn(form.value, path) ?? field.defaultValue ?? {}) as Record<string, unknown>;
  const current = String(value[field.discriminator] ?? field.variants[0]?.value ?? '');
  const variant = field.variants.find((v) => v.value === current);
  const choose = (next: string) => {
    const v = field.variants.find((x) => x.value === next);
    form.change(path, { [field.discriminator]: next, ...initialObject(v?.fields ?? []) });
  };
  const body = (
    <>
      <div className="field">
        <label htmlFor={id}>{field.label}</label>
        <select id={id} className="select" value={current} onChange={(e) => choose(e.target.value)}>
          {field.variants.map((v) => (
            <option key={v.value} value={v.value}>
              {v.value}
            </option>
          ))}
        </select>
      </div>
      {variant?.fields.map((f) => (
        <FieldView key={`${current}-${f.key}`} field={f} path={path} />
      ))}
    </>
  );
  return path.length === 0 ? body : <div className="fieldset">{body}</div>;
}

export function ListField({ field, path }: { field: Of<'list'>; path: Path }) {
  const form = useForm();
  const items = (getIn(form.value, path) as unknown[] | undefined) ?? [];
  const itemFields = field.item.kind === 'object' ? field.item.fields : [];
  const error = form.errors[pathKey(path)];
  return (
    <div className="field">
      <span className="field-label">{field.label}</span>
      {items.map((_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: list items have no identity but their position
        <div className="list-item" key={i}>
          <div className="row">
            <span className="muted grow">#{i + 1}</span>
            <button
              type="button"
              className="btn ghost icon small"
              aria-label={`Remove ${field.label} ${i + 1}`}
              onClick={() =>
                form.change(
                  path,
                  items.filter((__, j) => j !== i),
                )
              }
            >
              <Icon name="x" size={14} />
            </button>
          </div>
          {itemFields.map((f) => (
            <FieldView key={f.key} field={f} path={[...path, i]} />
          ))}
        </div>
      ))}
      <button
        type="button"
        className="btn small"
        onClick={() => form.change(path, [...items, initialObject(itemFields)])}
      >
        <Icon name="plus" size={14} /> Add {field.label.toLowerCase().replace(/s$/, '')}
      </button>
      {error && (
        <span className="error-text" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}

export function KeyValueField({ field, path, id }: { field: FieldModel; path: Path; id: string }) {
  const form = useForm();
  const map = (getIn(form.value, path) as Record<string, string> | undefined) ?? {};
  const rows = Object.entries(map);
  const write = (next: [string, string][]) => form.change(path, Object.fromEntries(next));
  return (
    <div className="field">
      <span className="field-label" id={id}>
        {field.label}
      </span>
      {rows.map(([k, v], i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: keys are being edited, position is the stable identity
        <div className="kv-row" key={i}>
          <input
            className="input"
            aria-label={`${field.label} name ${i + 1}`}
            value={k}
            onChange={(e) => write(rows.map((r, j) => (j === i ? [e.target.value, r[1]] : r)))}
          />
          <input
            className="input"
            aria-label={`${field.label} value ${i + 1}`}
            value={v}
            onChange={(e) => write(rows.map((r, j) => (j === i ? [r[0], e.target.value] : r)))}
          />
          <button
            type="button"
            className="btn ghost icon"
            aria-label={`Remove ${k}`}
            onClick={() => write(rows.filter((_, j) => j !== i))}
          >
            <Icon name="x" size={14} />
          </button>
        </div>
      ))}
      <button
        type="button"
        className="btn small"
        onClick={() => write([...rows, [rows.length ? `X-Header-${rows.length + 1}` : 'X-Header', '']])}
      >
        <Icon name="plus" size={14} /> Add
      </button>
    </div>
  );
}

export function JsonField({ field, path, id }: { field: FieldModel; path: Path; id: string }) {
  const form = useForm();
  const value = getIn(form.value, path);
  const [text, setText] = useState(() => JSON.stringify(value ?? field.defaultValue ?? null, null, 2));
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setText(JSON.stringify(value ?? null, null, 2));
  }, [value]);
  return (
    <div className="field">
      <label htmlFor={id}>{field.label}</label>
      <textarea
        id={id}
        className={`textarea${error ? ' invalid' : ''}`}
        value={text}
        spellCheck={false}
        onChange={(e) => setText(e.target.value)}
        onBlur={() => {
          try {
            form.change(path, JSON.parse(text));
            setError(null);
          } catch (err) {
            setError(`not valid JSON: ${(err as Error).message}`);
          }
        }}
      />
      {(error ?? form.errors[pathKey(path)]) && (
        <span className="error-text">{error ?? form.errors[pathKey(path)]}</span>
      )}
    </div>
  );
}
