// The app root: theme, sign-in gate, hash routes, the toast line and the run live-updater.
import { useEffect } from 'react';
import { RunLive } from './runs/run-live';
import { EditorPage } from './shell/editor-page';
import { FlowsPage } from './shell/flows-page';
import { SignInPage } from './shell/sign-in-page';
import { useHashRoute } from './shell/use-hash-route';
import { useSession } from './stores/session-store';
import { useUi } from './stores/ui-store';

export function App() {
  const token = useSession((s) => s.token);
  const theme = useSession((s) => s.theme);
  const toast = useUi((s) => s.toast);
  const route = useHashRoute();
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  return (
    <>
      {!token ? (
        <SignInPage />
      ) : route.page === 'flow' ? (
        <EditorPage key={route.id ?? 'new'} flowId={route.id} />
      ) : (
        <FlowsPage />
      )}
      <RunLive />
      {toast && (
        <div className={`toast${toast.error ? ' error' : ''}`} role="status" data-testid="toast">
          {toast.text}
        </div>
      )}
    </>
  );
}
