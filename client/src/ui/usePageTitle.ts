import { useEffect } from 'react';

/** Sets the tab title, which is also what a screen reader announces first after navigation. */
export function usePageTitle(title: string | null): void {
  useEffect(() => {
    document.title = title ? `${title} · Duet` : 'Duet';
  }, [title]);
}
