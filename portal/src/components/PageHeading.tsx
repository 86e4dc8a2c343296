/** The page's h1; focused when the page opens so a screen reader announces where the user is. */
import { useEffect, useRef, type ReactNode } from 'react';

export function PageHeading({ children, focusKey }: { children: ReactNode; focusKey?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus({ preventScroll: true });
  }, [focusKey]);
  return (
    <h1 ref={ref} tabIndex={-1} className="page-heading">
      {children}
    </h1>
  );
}
