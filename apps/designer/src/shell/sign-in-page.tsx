// Sign-in with the admin token (until accounts land); the token is checked against the API before it is kept.
import { type FormEvent, useState } from 'react';
import { errorMessage } from '../api/api-request-error';
import { useSession } from '../stores/session-store';
import { Icon } from '../ui/icon';

export function SignInPage() {
  const signIn = useSession((s) => s.signIn);
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const res = await fetch('/api/flows', { headers: { authorization: `Bearer ${token.trim()}` } });
      if (res.status === 401 || res.status === 403) throw new Error('this token was not accepted');
      if (!res.ok) throw new Error(`the runtime answered ${res.status}`);
      signIn(token.trim());
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="center-page">
      <form className="card signin" onSubmit={submit} aria-label="Sign in">
        <div className="brand">
          <div className="brand-mark">
            <Icon name="split" size={13} />
          </div>
          Sluice
        </div>
        <div>
          <h1>Sign in</h1>
          <p className="muted" style={{ margin: '4px 0 0' }}>
            Paste the admin token the runtime printed on first start (or the value of{' '}
            <code>SLUICE_ADMIN_TOKEN</code>).
          </p>
        </div>
        <div className="field">
          <label htmlFor="token">Admin token</label>
          <input
            id="token"
            className={`input${error ? ' invalid' : ''}`}
            type="password"
            autoComplete="current-password"
            value={token}
            onChange={(e) => setToken(e.target.value)}
          />
          {error && (
            <span className="error-text" role="alert">
              {error}
            </span>
          )}
        </div>
        <button
          className="btn primary"
          type="submit"
          disabled={busy || !token.trim()}
          style={{ justifyContent: 'center' }}
        >
          {busy && <span className="spinner" />} Sign in
        </button>
      </form>
    </div>
  );
}
