// Renders one generated field by its kind; composite kinds (object, union, list, key/value, json) live apart.

import { JsonField, KeyValueField, ListField, ObjectField, UnionField } from './composite-fields';
import type { FieldModel, Path } from './field-model';
import { pathKey, useForm } from './form-context';
import { getIn } from './set-in';

export function FieldView({ field, path }: { field: FieldModel; path: Path }) {
  const form = useForm();
  const here = field.key ? [...path, field.key] : path;
  const value = getIn(form.value, here);
  const error = form.errors[pathKey(here)];
  const id = `${form.idPrefix}-${pathKey(here) || 'root'}`;
  const set = (v: unknown) => form.change(here, v);
  const label = (
    <label htmlFor={id}>
      {field.label}
      {field.required && <span className="muted"> *</span>}
    </label>
  );
  const foot = (
    <>
      {field.help && <span className="help">{field.help}</span>}
      {error && (
        <span className="error-text" role="alert" data-testid={`field-error-${pathKey(here)}`}>
          {error}
        </span>
      )}
    </>
  );
  const invalid = error ? ' invalid' : '';
  switch (field.kind) {
    case 'object':
      return <ObjectField field={field} path={here} />;
    case 'union':
      return <UnionField field={field} path={here} id={id} />;
    case 'list':
      return <ListField field={field} path={here} />;
    case 'keyValue':
      return <KeyValueField field={field} path={here} id={id} />;
    case 'json':
      return <JsonField field={field} path={here} id={id} />;
    case 'switch':
      return (
        <div className="field inline">
          {label}
          <button
            id={id}
            type="button"
            role="switch"
            className="switch"
            aria-checked={value === true || (value === undefined && field.defaultValue === true)}
            onClick={() => set(!(value ?? field.defaultValue))}
          />
        </div>
      );
    case 'select':
      return (
        <div className="field">
          {label}
          <select
            id={id}
            className={`select${invalid}`}
            value={String(value ?? field.defaultValue ?? '')}
            onChange={(e) => set(e.target.value)}
          >
            {field.options.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
          {foot}
        </div>
      );
    case 'number':
      return (
        <div className="field">
          {label}
          <input
            id={id}
            className={`input${invalid}`}
            type="number"
            min={field.min}
            max={field.max}
            placeholder={field.defaultValue !== undefined ? String(field.defaultValue) : undefined}
            value={value === undefined ? '' : String(value)}
            onChange={(e) => set(e.target.value === '' ? undefined : Number(e.target.value))}
          />
          {foot}
        </div>
      );
    case 'code':
      return (
        <div className="field">
          <span className="field-label">{field.label}</span>
          <pre className="code-preview">{String(value ?? field.defaultValue ?? '') || '// no code yet'}</pre>
          <button
            type="button"
            className="btn"
            onClick={() => form.openCode(here)}
            data-testid={`edit-code-${pathKey(here)}`}
          >
            Edit {field.label.toLowerCase()} in editor
          </button>
          {foot}
        </div>
      );
    case 'textarea':
      return (
        <div className="field">
          {label}
          <textarea
            id={id}
            className={`textarea${invalid}`}
            value={String(value ?? '')}
            onChange={(e) => set(e.target.value)}
          />
          {foot}
        </div>
      );
    default:
      return (
        <div className="field">
          {label}
          <input
            id={id}
            className={`input${invalid}`}
            type={field.kind === 'secret' ? 'password' : 'text'}
            placeholder={
              field.placeholder ??
              (field.kind === 'duration'
                ? 'PT30S, P14D'
                : field.kind === 'secret'
                  ? '{{secret.NAME}}'
                  : undefined)
            }
            value={value === undefined ? '' : String(value)}
            onChange={(e) => set(e.target.value)}
            spellCheck={false}
          />
          {foot}
        </div>
      );
  }
}
