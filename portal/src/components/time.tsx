/** Times as people read them ("3 minutes ago"), with the exact time for screen readers and on hover. */
import { useEffect, useState } from 'react';

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
const exact = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

export function ago(iso: string, now: number): string {
  const seconds = Math.round((Date.parse(iso) - now) / 1000);
  if (Math.abs(seconds) < 45) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (Math.abs(minutes) < 60) return relative.format(minutes, 'minute');
  const hours = Math.round(minutes / 60);
  if (Math.abs(hours) < 24) return relative.format(hours, 'hour');
  return relative.format(Math.round(hours / 24), 'day');
}

/** Re-renders every 30 s so "just now" moves on. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

export function Ago({ iso, never = 'never' }: { iso: string | null | undefined; never?: string }) {
  const now = useNow();
  if (!iso) return <span>{never}</span>;
  return (
    <time dateTime={iso} title={exact.format(new Date(iso))}>
      {ago(iso, Math.max(now, Date.now()))}
    </time>
  );
}

export function exactTime(iso: string): string {
  return exact.format(new Date(iso));
}
