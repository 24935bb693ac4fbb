// Light/dark switch in the top bar.
import { useSession } from '../stores/session-store';
import { Icon } from './icon';

export function ThemeToggle() {
  const theme = useSession((s) => s.theme);
  const toggle = useSession((s) => s.toggleTheme);
  return (
    <button
      type="button"
      className="btn ghost icon"
      aria-label={theme === 'light' ? 'Switch to dark theme' : 'Switch to light theme'}
      onClick={toggle}
    >
      <Icon name={theme === 'light' ? 'moon' : 'sun'} />
    </button>
  );
}
