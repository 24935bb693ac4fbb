// What every generated field needs besides its model: the config value, how to change it, errors, code editing.
import { createContext, useContext } from 'react';
import type { Path } from './field-model';

export interface FormContextValue {
  value: unknown;
  change(path: Path, value: unknown): void;
  /** Error message by dotted path (`auth.token`). */
  errors: Record<string, string>;
  openCode(path: Path): void;
  idPrefix: string;
}

export const FormContext = createContext<FormContextValue | null>(null);

export function useForm(): FormContextValue {
  const ctx = useContext(FormContext);
  if (!ctx) throw new Error('generated fields must render inside <FormContext.Provider>');
  return ctx;
}

export const pathKey = (p: Path) => p.join('.');
