// Hash routing: `#/` is the flow list, `#/flows/<id>` a flow, `#/flows/new` a new one.
import { useEffect, useState } from 'react';

export type Route = { page: 'flows' } | { page: 'flow'; id: string | null };

export function parseHash(hash: string): Route {
  const m = /^#\/flows\/([^/?]+)/.exec(hash);
  if (!m) return { page: 'flows' };
  return { page: 'flow', id: m[1] === 'new' ? null : decodeURIComponent(m[1]!) };
}

export const navigate = (hash: string) => {
  window.location.hash = hash;
};

export function useHashRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(window.location.hash));
  useEffect(() => {
    const on = () => setRoute(parseHash(window.location.hash));
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return route;
}
