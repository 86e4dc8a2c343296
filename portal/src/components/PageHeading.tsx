/**
 * The page's h1; focused when the user moves to another page so a screen reader announces where they are (not on
 * the first page: there focus starts at the top, with the skip link).
 */
import { useEffect, useRef, type ReactNode } from 'react';
import { hasNavigated } from '../router';

export function PageHeading({ children, focusKey }: { children: ReactNode; focusKey?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (hasNavigated()) ref.current?.focus({ preventScroll: true });
  }, [focusKey]);
  return (
    <h1 ref={ref} tabIndex={-1} className="page-heading">
      {children}
    </h1>
  );
}
