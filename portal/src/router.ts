/** Hash routes of the portal (`#/…`), so every page works from the one index.html the server sends. */
import { useSyncExternalStore } from 'react';

export type Route = { name: 'directories' } | { name: 'connect' } | { name: 'configure'; provider: string } | { name: 'directory'; id: string; tab?: string };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'connect' && parts[1]) return { name: 'configure', provider: parts[1] };
  if (parts[0] === 'connect') return { name: 'connect' };
  if (parts[0] === 'directories' && parts[1]) return { name: 'directory', id: parts[1], tab: parts[2] };
  return { name: 'directories' };
}

export function href(route: Route): string {
  switch (route.name) {
    case 'directories':
      return '#/';
    case 'connect':
      return '#/connect';
    case 'configure':
      return `#/connect/${encodeURIComponent(route.provider)}`;
    case 'directory':
      return `#/directories/${encodeURIComponent(route.id)}${route.tab ? `/${route.tab}` : ''}`;
  }
}

export function navigate(route: Route): void {
  window.location.hash = href(route);
}

let navigations = 0;
window.addEventListener('hashchange', () => navigations++);

/** True once the user moved from the page the portal opened on to another. */
export function hasNavigated(): boolean {
  return navigations > 0;
}

const subscribe = (onChange: () => void) => {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
};

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseRoute(hash);
}
