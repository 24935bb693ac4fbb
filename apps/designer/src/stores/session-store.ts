// Session: the admin token (localStorage) and the colour theme; the API client reads the token from here.
import { create } from 'zustand';
import { configureApi } from '../api/client';

export type Theme = 'light' | 'dark';

const TOKEN_KEY = 'sluice.token';
const THEME_KEY = 'sluice.theme';

const read = (k: string): string | null => {
  try {
    return localStorage.getItem(k);
  } catch {
    return null;
  }
};

interface SessionState {
  token: string | null;
  theme: Theme;
  signIn(token: string): void;
  signOut(): void;
  toggleTheme(): void;
}

export const useSession = create<SessionState>()((set, get) => ({
  token: read(TOKEN_KEY),
  theme: (read(THEME_KEY) as Theme) ?? 'light',
  signIn: (token) => {
    localStorage.setItem(TOKEN_KEY, token);
    set({ token });
  },
  signOut: () => {
    localStorage.removeItem(TOKEN_KEY);
    set({ token: null });
  },
  toggleTheme: () => {
    const theme = get().theme === 'light' ? 'dark' : 'light';
    localStorage.setItem(THEME_KEY, theme);
    set({ theme });
  },
}));

configureApi(
  () => useSession.getState().token,
  () => useSession.getState().signOut(),
);
